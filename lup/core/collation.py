"""Norwegian alphabetical order for names, on both databases.

Names (public bodies, counties, municipalities, lookup values, titles) are stored with the
database collation NORWEGIAN (`db_collation` on the fields), so every ORDER BY, the admin's
column sorting and the API's ordering put Æ, Ø and Å after Z, as a Norwegian reader expects,
instead of by code point (where "Å" came before "B" and "Ø" after "Å").

- PostgreSQL: an ICU collation created by the migration lup/core/migrations/0001
  (`CREATE COLLATION lup_nb (provider = icu, locale = 'nb-NO')`).
- SQLite: a Python collation function of the same name, registered on every new connection
  (`connection_created`, connected in CoreConfig.ready), built on `norwegian_key`.

`norwegian_key` is also the sort key for names sorted in Python.
"""

import functools
import unicodedata
from typing import Any

NORWEGIAN = "lup_nb"
ICU_LOCALE = "nb-NO"

# After z, in this order; ä, ö and ü sort as æ, ø and y in Norwegian dictionaries.
_LETTERS_AFTER_Z = {"æ": "{", "ä": "{", "ø": "|", "ö": "|", "å": "}"}
_SAME_AS = {"ü": "y"}


def _primary(char: str) -> str:
    if char in _LETTERS_AFTER_Z:
        return _LETTERS_AFTER_Z[char]
    if char in _SAME_AS:
        return _SAME_AS[char]
    # Other accented letters sort with their base letter (é as e).
    decomposed = unicodedata.normalize("NFD", char)
    base = "".join(c for c in decomposed if not unicodedata.combining(c))
    return base or char


class _PrimaryTable(dict):
    """str.translate's table of each character's primary letter, filled as characters come
    (a translate in C instead of a Python call per character: a series at 100 times LUP's
    size sorts 9,000 partner names per page)."""

    def __missing__(self, codepoint: int) -> str:
        self[codepoint] = _primary(chr(codepoint))
        return self[codepoint]


_PRIMARY = _PrimaryTable()


@functools.lru_cache(maxsize=65536)
def norwegian_key(value: str) -> tuple[str, str, str]:
    """A sort key in Norwegian alphabetical order: letters first regardless of case and
    accents, then accents (e before é), then case (lower before upper, as ICU does)."""
    folded = value.casefold()
    return folded.translate(_PRIMARY), folded, value.swapcase()


def compare(left: str, right: str) -> int:
    """The SQLite collation function: negative, zero or positive."""
    a, b = norwegian_key(left), norwegian_key(right)
    return (a > b) - (a < b)


def register_sqlite_collation(sender: object, connection: Any, **kwargs: Any) -> None:
    """connection_created receiver: give a new SQLite connection the NORWEGIAN collation."""
    if connection.vendor == "sqlite":
        connection.connection.create_collation(NORWEGIAN, compare)
