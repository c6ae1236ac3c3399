"""Checks on raw input that no field type makes: NUL characters, lone surrogates, nesting.

Every parameter and body reaches a view through these checks (lup.core.middleware for query
strings and paths, lup.core.api.parsers for JSON bodies), so that input no one types on purpose
gets a 400 with a clear message instead of a server error further down:

- NUL (U+0000): PostgreSQL text cannot hold it, so a filter or search with one failed there.
- A lone surrogate (U+D800-U+DFFF on its own): JSON can spell it (`"\\ud800"`), but it is no
  character and cannot be written as UTF-8, so an error message quoting it failed to render.
- Nesting deeper than MAX_JSON_DEPTH: no body of this API nests deeper than 3, and Python's
  parser runs out of stack on a few thousand levels.
"""

from collections.abc import Iterable
from typing import Any

from django.utils.translation import gettext_lazy as _

# The deepest nesting a JSON body may have: the deepest body the API takes is 3 levels
# (a procurement, its participations, one participation); the margin is for clients that wrap.
MAX_JSON_DEPTH = 32
# The most words a search may have. SQLite refuses a query whose expression tree is deeper
# than 1000, and each word adds a level; no one searches with more than a handful.
MAX_SEARCH_TERMS = 20

NUL_MESSAGE = _("The input contains a NUL character (U+0000), which is not allowed.")
SURROGATE_MESSAGE = _(
    "The input contains a lone surrogate (U+D800 to U+DFFF), which is not a character."
)
DEPTH_MESSAGE = _("The JSON body is nested deeper than %(limit)d levels.")
SEARCH_TERMS_MESSAGE = _("Search with at most %(limit)d words.")


class HostileInput(ValueError):
    """Input refused before any field sees it; `message` says why, for the 400."""

    def __init__(self, message: str, code: str) -> None:
        super().__init__(message)
        self.message = message
        self.code = code


def text_problem(text: str) -> HostileInput | None:
    """Why `text` is refused (NUL, lone surrogate), or None when it is acceptable."""
    if "\x00" in text:
        return HostileInput(str(NUL_MESSAGE), "null_characters_not_allowed")
    if not text.isascii():
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:
            return HostileInput(str(SURROGATE_MESSAGE), "surrogate_characters_not_allowed")
    return None


def check_texts(texts: Iterable[str]) -> None:
    """Raise HostileInput for the first text that text_problem refuses."""
    for text in texts:
        found = text_problem(text)
        if found is not None:
            raise found


def too_deep(max_depth: int = MAX_JSON_DEPTH) -> HostileInput:
    return HostileInput(str(DEPTH_MESSAGE) % {"limit": max_depth}, "nested_too_deep")


def check_json(data: Any, max_depth: int = MAX_JSON_DEPTH) -> None:
    """Raise HostileInput when parsed JSON nests deeper than `max_depth` or holds a key or a
    string that text_problem refuses. Iterative, so no depth of input exhausts the stack."""
    stack: list[tuple[Any, int]] = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, str):
            check_texts([value])
        elif isinstance(value, dict | list):
            if depth > max_depth:
                raise too_deep(max_depth)
            if isinstance(value, dict):
                check_texts(value.keys())
                stack.extend((item, depth + 1) for item in value.values())
            else:
                stack.extend((item, depth + 1) for item in value)


def search_terms_problem(terms: list[str]) -> HostileInput | None:
    """Why a search with these words is refused (too many), or None."""
    if len(terms) > MAX_SEARCH_TERMS:
        return HostileInput(
            str(SEARCH_TERMS_MESSAGE) % {"limit": MAX_SEARCH_TERMS}, "too_many_search_terms"
        )
    return None
