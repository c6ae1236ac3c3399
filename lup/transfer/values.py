"""How one spreadsheet cell is read and written, per type of value.

Each type reads what Norwegian spreadsheets hold (decimal commas, dd.mm.yyyy, organisation
numbers with spaces, Excel's date cells, apostrophe-marked text) and writes what the export
format asks for. A reading error is a `CellError` whose message is shown to staff as the
reason, next to the sheet, row, column and value.
"""

import datetime
import re
from collections.abc import Iterable, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Choices
from django.utils import formats
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from lup.core.spreadsheets import FORMULA_STARTS, norwegian_number, safe_cell

__all__ = ["safe_cell"]


class CellError(Exception):
    """A cell that cannot be read; `message` is the reason, in the active language."""

    def __init__(self, message: Any) -> None:
        super().__init__(str(message))
        self.message = str(message)


def validation_reason(exc: ValidationError) -> str:
    return " ".join(str(message) for message in exc.messages)


def is_empty(raw: Any) -> bool:
    return raw is None or (isinstance(raw, str) and not raw.strip())


def cell_text(raw: Any) -> str:
    """A cell as text: Excel's numbers without a trailing .0, the export's apostrophe (the mark
    `safe_text` puts before text a spreadsheet would run as a formula) taken off again."""
    if isinstance(raw, bool):
        return str(raw)
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    if isinstance(raw, datetime.datetime | datetime.date):
        return raw.isoformat()
    text = str(raw).strip()
    if text.startswith("'") and text[1:].startswith((*FORMULA_STARTS, "\n")):  # XLSX: CR as LF
        text = text[1:]
    return text


class ValueType:
    """Reads a cell into a Python value and writes a value back into a cell."""

    format_doc: Any = ""

    def parse(self, raw: Any, tables: Mapping[Any, Any]) -> Any:
        """The value of a non-empty cell, or CellError. `tables`: the lookup tables, by model."""
        return cell_text(raw)

    def empty(self) -> Any:
        return ""

    def read(self, raw: Any, tables: Mapping[Any, Any]) -> Any:
        return self.empty() if is_empty(raw) else self.parse(raw, tables)

    def cell(self, value: Any, norwegian: bool) -> Any:
        """The value for an XLSX cell: text guarded against formulas."""
        if value is None or value == "":
            return None
        return safe_cell(value)

    def csv(self, value: Any, norwegian: bool, norwegian_csv: bool) -> str:
        """The value for a CSV cell (Norwegian Excel's or RFC 4180's); `norwegian`: names in
        Norwegian, as in `cell`."""
        cell = self.cell(value, norwegian)
        if cell is None:
            return ""
        return norwegian_number(cell) if norwegian_csv else str(cell)


class Text(ValueType):
    format_doc = _("text")


class OptionalText(Text):
    """Text stored as NULL when empty (organisation numbers)."""

    def empty(self) -> Any:
        return None


class OrgNumber(OptionalText):
    format_doc = _("9 digits; spaces allowed (972 418 013)")

    def parse(self, raw: Any, tables: Mapping[Any, Any]) -> Any:
        text = cell_text(raw)
        return re.sub(r"[\s.\-\u00a0]", "", text) or None


class Integer(ValueType):
    format_doc = _("whole number, not negative; spaces and a decimal comma allowed (1 500 000)")

    def empty(self) -> Any:
        return None

    def parse(self, raw: Any, tables: Mapping[Any, Any]) -> Any:
        if isinstance(raw, bool):
            raise CellError(_("Give a whole number."))
        if isinstance(raw, int):
            number = Decimal(raw)
        elif isinstance(raw, float):
            number = Decimal(str(raw))
        else:
            text = re.sub(r"[\s\u00a0\u202f]", "", str(raw)).replace(",", ".")
            try:
                number = Decimal(text)
            except InvalidOperation as exc:
                raise CellError(_("Give a whole number.")) from exc
        if not number.is_finite() or number != number.to_integral_value():
            raise CellError(_("Give a whole number."))
        if number < 0:
            raise CellError(_("A count or amount cannot be negative."))
        return int(number)


class Count(Integer):
    """A count that is 0 when the cell is empty (participants, registrants)."""

    def empty(self) -> Any:
        return 0


DATE_FORMATS = ("%d.%m.%Y", "%Y-%m-%d", "%d.%m.%y", "%d/%m/%Y")


class Date(ValueType):
    format_doc = _("date: dd.mm.yyyy, yyyy-mm-dd or an Excel date cell")

    def empty(self) -> Any:
        return None

    def parse(self, raw: Any, tables: Mapping[Any, Any]) -> Any:
        if isinstance(raw, datetime.datetime):
            return raw.date()
        if isinstance(raw, datetime.date):
            return raw
        text = cell_text(raw)
        if " " in text:  # "01.03.2023 00:00", as some spreadsheets write a date
            text = text.split(" ", 1)[0]
        for pattern in DATE_FORMATS:
            try:
                return datetime.datetime.strptime(text, pattern).date()
            except ValueError:
                continue
        raise CellError(_("Not a date: write it as dd.mm.yyyy (31.12.2023) or yyyy-mm-dd."))

    def cell(self, value: Any, norwegian: bool) -> Any:
        return value

    def csv(self, value: Any, norwegian: bool, norwegian_csv: bool) -> str:
        if value is None:
            return ""
        return value.strftime("%d.%m.%Y") if norwegian_csv else value.isoformat()


def _key(text: str) -> str:
    return " ".join(text.casefold().split())


class Choice(ValueType):
    """One of a model's TextChoices, by its code or its label in English or Norwegian."""

    def __init__(self, choices: type[Choices]) -> None:
        self.choices = choices
        self._names: dict[str, str] | None = None

    @property
    def format_doc(self) -> str:
        return ", ".join(f"{c.value} ({c.label})" for c in self.choices)

    def names(self) -> dict[str, str]:
        """The codes and both languages' labels, case-folded (worked out once)."""
        from django.utils import translation

        if self._names is not None:
            return self._names
        names: dict[str, str] = {}
        for choice in self.choices:
            names[_key(choice.value)] = choice.value
            for lang in ("en", "nb"):
                with translation.override(lang):
                    names.setdefault(_key(str(choice.label)), choice.value)
        self._names = names
        return names

    def parse(self, raw: Any, tables: Mapping[Any, Any]) -> Any:
        value = self.names().get(_key(cell_text(raw)))
        if value is None:
            raise CellError(
                _("Unknown value. Give one of: %(choices)s.") % {"choices": self.format_doc}
            )
        return value

    def cell(self, value: Any, norwegian: bool) -> Any:
        if not value:
            return None
        return str(self.choices(value).label) if norwegian else value


class Lookup(ValueType):
    """A row of a lookup table (sector, procedure, phase, activity kind), by code or by name in
    either language. The table is read once per import (`table`), never once per row."""

    def __init__(self, model: Any) -> None:
        self.model = model

    @property
    def format_doc(self) -> str:
        return str(_("code or name (Norwegian or English) of a %(table)s")) % {
            "table": self.model._meta.verbose_name
        }

    @staticmethod
    def table(rows: Iterable[Any]) -> dict[str, Any]:
        """The rows by code, name and English name (case-folded), and "" -> the known codes."""
        table: dict[str, Any] = {}
        rows = list(rows)
        for attribute in ("code", "name", "name_en"):
            for row in rows:
                value = getattr(row, attribute)
                if value:
                    table.setdefault(_key(value), row)
        table[""] = ", ".join(row.code for row in rows)
        return table

    def empty(self) -> Any:
        return None

    def parse(self, raw: Any, tables: Mapping[Any, Any]) -> Any:
        table = tables[self.model]
        text = _key(cell_text(raw))
        row = table.get(text) if text else None
        if row is None:
            raise CellError(
                _("Unknown %(table)s. Give the code or the name of one of: %(known)s.")
                % {"table": self.model._meta.verbose_name, "known": table[""]}
            )
        return row

    def cell(self, value: Any, norwegian: bool) -> Any:
        if value is None:
            return None
        if norwegian or not value.name_en:
            return safe_cell(value.name)
        return safe_cell(value.name_en)


class TextList(ValueType):
    """Several values in one cell, separated by commas, semicolons, spaces or line breaks."""

    format_doc = _("a list, separated by commas")

    def empty(self) -> Any:
        return []

    def parse(self, raw: Any, tables: Mapping[Any, Any]) -> Any:
        return [item for item in re.split(r"[,;\s]+", cell_text(raw)) if item]

    def cell(self, value: Any, norwegian: bool) -> Any:
        return safe_cell(", ".join(value)) if value else None


def language_is_norwegian() -> bool:
    return (get_language() or "nb").startswith(("nb", "no", "nn"))


def short_date(value: datetime.date) -> str:
    return formats.date_format(value, "SHORT_DATE_FORMAT")
