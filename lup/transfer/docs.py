"""The column tables of docs/import.md, written from the column definitions (columns.py).

`tests/transfer/test_docs.py` checks the document against them; after changing a column,
`python manage.py shell -c "from lup.transfer.docs import update; update()"` rewrites them.
"""

from pathlib import Path

from django.utils import translation

from .columns import KINDS, Kind

START = "<!-- columns: generated from lup/transfer/columns.py -->"
END = "<!-- end of columns -->"
DOCUMENT = Path(__file__).resolve().parents[2] / "docs" / "import.md"


def _cell(text: object) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def kind_table(kind: Kind) -> str:
    with translation.override("en"):
        lines = [
            f"### {kind.sheet_name(False)} (`{kind.key}.csv`, sheet «{kind.sheet_name(True)}»)",
            "",
            f"Matched by: {kind.matching}.",
            "",
            "| Norwegian header | English header | meaning | required | format | example |",
            "| --- | --- | --- | --- | --- | --- |",
        ]
        for column in kind.columns:
            example = f"`{column.example}`" if column.example else ""
            lines.append(
                "| "
                + " | ".join(
                    [
                        _cell(column.header(True)),
                        f"`{column.name}`",
                        _cell(column.meaning),
                        "yes" if column.required else "",
                        _cell(column.type.format_doc),
                        example,
                    ]
                )
                + " |"
            )
    return "\n".join(lines)


def column_tables() -> str:
    return "\n\n".join(kind_table(kind) for kind in KINDS)


def generated_part(text: str) -> str:
    return text[text.index(START) + len(START) : text.index(END)].strip()


def update(path: Path = DOCUMENT) -> None:
    text = path.read_text(encoding="utf-8")
    before, after = text[: text.index(START) + len(START)], text[text.index(END) :]
    path.write_text(f"{before}\n\n{column_tables()}\n\n{after}", encoding="utf-8")
