"""The JSON body parser of the API: DRF's, with the checks of lup.core.inputs.

A body nested deeper than MAX_JSON_DEPTH, or holding a NUL or a lone surrogate in a key or a
string, gets 400 with a problem document saying which; before, such bodies ended in a
RecursionError while parsing or a UnicodeEncodeError while rendering the error (500).
"""

from typing import Any

from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser as DRFJSONParser

from lup.core.inputs import HostileInput, check_json, too_deep


class JSONParser(DRFJSONParser):
    def parse(self, stream: Any, media_type: str | None = None, parser_context: Any = None) -> Any:
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError as exc:
            # The C parser's own limit, some thousand levels: far past MAX_JSON_DEPTH.
            refused = too_deep()
            raise ParseError(refused.message, code=refused.code) from exc
        try:
            check_json(data)
        except HostileInput as exc:
            raise ParseError(exc.message, code=exc.code) from exc
        return data
