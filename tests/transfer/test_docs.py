"""docs/import.md's column tables are the column definitions the import and export use."""

from lup.transfer.columns import KINDS
from lup.transfer.docs import DOCUMENT, column_tables, generated_part


def test_the_column_tables_in_docs_match_the_definitions():
    text = DOCUMENT.read_text(encoding="utf-8")
    assert generated_part(text) == column_tables().strip(), (
        "Run: python manage.py shell -c 'from lup.transfer.docs import update; update()'"
    )


def test_every_column_has_a_meaning_an_example_column_and_unique_headers():
    for kind in KINDS:
        seen: set[str] = set()
        for column in kind.columns:
            assert str(column.meaning), (kind.key, column.name)
            headers = column.headers()
            assert not headers & seen, (kind.key, column.name, headers & seen)
            seen |= headers
