"""Refuse query strings and paths that no one types on purpose, before any view sees them."""

from collections.abc import Callable

from django.core.exceptions import BadRequest
from django.http import HttpRequest, HttpResponse

from .inputs import HostileInput, check_texts


class InputRefused(BadRequest):
    """A 400 for input lup.core.inputs refuses; `code` names the reason."""

    def __init__(self, refused: HostileInput) -> None:
        super().__init__(refused.message)
        self.code = refused.code


class RejectHostileInputMiddleware:
    """A NUL character in the path or in a query parameter (name or value) gets 400.

    PostgreSQL text cannot hold NUL, so every filter, search and lookup that passed such a
    value on to the database ended in a server error there (admin changelist filters, among
    others). Django answers the BadRequest through handler400: a problem document under
    /api/, a page elsewhere (lup.core.api.errors.bad_request).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            check_texts([request.path])
            for name, values in request.GET.lists():
                check_texts([name, *values])
        except HostileInput as exc:
            raise InputRefused(exc) from exc
        return self.get_response(request)
