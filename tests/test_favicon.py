from django.contrib.staticfiles import finders


def test_favicon_ico_redirects_to_a_static_file_that_exists(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"] == "/static/dashboard/favicon.ico"
    path = finders.find("dashboard/favicon.ico")
    with open(path, "rb") as icon:
        assert icon.read(4) == b"\x00\x00\x01\x00"  # an ICO file
