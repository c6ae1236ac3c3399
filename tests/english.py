"""Finding English left on a page rendered in Norwegian bokmål.

`english_words(html)` returns the words of ENGLISH that a reader sees on the page: its text
(outside scripts and styles) and the attributes a browser shows (placeholder, title, aria-label,
alt, value of buttons). The words are English UI words that are not also Norwegian words
("filter", "status", "start" and the like are left out), so a hit is a string without its nb
translation.
"""

import html
import re

# English UI words that are not also Norwegian words ("filter", "start", "status", "at",
# "by", "for", "to", "i", "man", "under" and the like are left out), so a hit is a
# string without its nb translation.
ENGLISH = frozenset(
    {
        "a",
        "about",
        "above",
        "action",
        "actions",
        "added",
        "additional",
        "address",
        "after",
        "all",
        "also",
        "another",
        "any",
        "applied",
        "are",
        "ascending",
        "authentication",
        "available",
        "back",
        "been",
        "before",
        "below",
        "between",
        "both",
        "but",
        "can",
        "cancel",
        "change",
        "changed",
        "changes",
        "choose",
        "clear",
        "click",
        "close",
        "continue",
        "correct",
        "count",
        "counts",
        "create",
        "created",
        "current",
        "date",
        "day",
        "days",
        "delete",
        "deleted",
        "descending",
        "description",
        "did",
        "documentation",
        "does",
        "done",
        "each",
        "edit",
        "either",
        "empty",
        "enter",
        "entries",
        "entry",
        "error",
        "errors",
        "every",
        "field",
        "fields",
        "find",
        "first",
        "from",
        "go",
        "group",
        "groups",
        "has",
        "have",
        "help",
        "here",
        "hide",
        "history",
        "home",
        "how",
        "if",
        "into",
        "it",
        "item",
        "items",
        "latest",
        "leave",
        "list",
        "log",
        "login",
        "logout",
        "many",
        "month",
        "more",
        "most",
        "my",
        "name",
        "new",
        "next",
        "none",
        "not",
        "nothing",
        "now",
        "number",
        "of",
        "off",
        "one",
        "only",
        "or",
        "other",
        "our",
        "out",
        "page",
        "password",
        "permission",
        "permissions",
        "please",
        "previous",
        "recent",
        "related",
        "remove",
        "required",
        "reset",
        "results",
        "save",
        "search",
        "see",
        "select",
        "selected",
        "send",
        "should",
        "show",
        "since",
        "site",
        "some",
        "sorted",
        "still",
        "such",
        "than",
        "that",
        "the",
        "their",
        "them",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "through",
        "title",
        "today",
        "token",
        "tokens",
        "typing",
        "up",
        "update",
        "user",
        "username",
        "users",
        "using",
        "value",
        "view",
        "was",
        "we",
        "week",
        "what",
        "when",
        "where",
        "which",
        "while",
        "who",
        "will",
        "with",
        "without",
        "year",
        "yes",
        "yesterday",
        "you",
        "your",
    }
)

_SKIP = re.compile(r"<(script|style|template|noscript|code)\b.*?</\1>", re.S | re.I)
# Columns that hold English on purpose: a lookup's English name.
_ENGLISH_DATA = re.compile(r'<td class="field-name_en[^"]*">.*?</td>', re.S)
# Addresses and codes (/api/v1/…?year=2023, e0a89d…) are not words.
_NOT_WORDS = re.compile(r"\S*[/?=_@\d]\S*")
_VISIBLE_ATTRS = re.compile(r'\s(?:placeholder|title|aria-label|alt|data-title)="([^"]*)"', re.I)
_BUTTON_VALUES = re.compile(r'<input[^>]*type="(?:submit|button)"[^>]*value="([^"]*)"', re.I)
_TAG = re.compile(r"<[^>]+>")
_WORD = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿ]+")


def visible_text(page: str) -> str:
    page = re.sub(r"<!--.*?-->", " ", page, flags=re.S)
    page = _SKIP.sub(" ", page)
    page = _ENGLISH_DATA.sub(" ", page)
    attrs = _VISIBLE_ATTRS.findall(page) + _BUTTON_VALUES.findall(page)
    text = _TAG.sub(" ", page)
    return _NOT_WORDS.sub(" ", html.unescape(" ".join([text, *attrs])))


def english_words(page: str, allowed: frozenset[str] = frozenset()) -> list[str]:
    """The English words on `page`, in the order they appear, with some context each."""
    text = visible_text(page)
    found = []
    for match in _WORD.finditer(text):
        word = match.group().lower()
        if word in ENGLISH and word not in allowed:
            start, end = max(0, match.start() - 30), match.end() + 30
            found.append(f"{match.group()!r} in …{' '.join(text[start:end].split())}…")
    return found
