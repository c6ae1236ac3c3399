"""Users of each role for the security tests (lup.dashboard.roles)."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from lup.dashboard.roles import ADVISERS, API_READERS, MANAGERS

PASSWORD = "pw-security-123"


def make_user(username: str, group: str | None = None, **extra):
    user = get_user_model().objects.create_user(
        username, password=PASSWORD, first_name=username.capitalize(), **extra
    )
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


def staff_manager(username: str = "leder"):
    """A manager who was given staff status, so that admin lets them in (read-only)."""
    return make_user(username, MANAGERS, is_staff=True)


def manager(username: str = "leder"):
    return make_user(username, MANAGERS)


def adviser(username: str = "radgiver"):
    return make_user(username, ADVISERS, is_staff=True)


def api_reader(username: str = "maskin"):
    return make_user(username, API_READERS)
