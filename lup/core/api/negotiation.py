"""Content negotiation: request bodies are JSON, except for the browsable API's HTML forms."""

from collections.abc import Iterable
from typing import Any

from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.parsers import BaseParser, JSONParser
from rest_framework.renderers import BrowsableAPIRenderer
from rest_framework.request import Request


class JSONBodiesNegotiation(DefaultContentNegotiation):
    """Parses only JSON bodies; form and multipart bodies only for a request whose answer the
    browsable API renders (its HTML forms post them). Anything else gets 415.

    The schema lists JSON alone (SPECTACULAR_SETTINGS["PARSER_WHITELIST"]), so a generated
    client offers one body type per write.
    """

    def select_parser(self, request: Request, parsers: Iterable[BaseParser]) -> Any:
        if not isinstance(getattr(request, "accepted_renderer", None), BrowsableAPIRenderer):
            parsers = [parser for parser in parsers if isinstance(parser, JSONParser)]
        return super().select_parser(request, parsers)
