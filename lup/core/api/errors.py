"""One error shape for every API error: RFC 9457 problem details (application/problem+json).

drf-standardized-errors handles every exception a view raises (DRF's, Django's Http404 and
PermissionDenied, and any other exception as a 500 without its message); the formatter below
writes its list of errors as a problem document:

    {"type": "about:blank", "title": "Bad Request", "status": 400, "detail": "Invalid input.",
     "errors": [{"attr": "participations.1.body", "code": "does_not_exist",
                 "detail": "Invalid pk \"999\" - object does not exist."}]}

`errors` is always there: for a 400 one entry per message, with `attr` the input it is about
(a dotted path into nested input, list items by 0-based index; `non_field_errors` for the
input as a whole); for other statuses one entry with `attr` null. `code` is the machine-
readable reason (DRF's error code), `detail` the message in the request's language.
"""

from http import HTTPStatus
from typing import Any

from django.conf import settings
from django.core.exceptions import BadRequest, RequestDataTooBig, TooManyFieldsSent
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext
from django.views import defaults
from drf_standardized_errors.formatter import ExceptionFormatter
from drf_standardized_errors.handler import ExceptionHandler
from drf_standardized_errors.types import ErrorResponse
from rest_framework import exceptions, serializers
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

PROBLEM_MEDIA_TYPE = "application/problem+json"
# RFC 9457 section 4.2.1: a problem with no meaning beyond its HTTP status code.
ABOUT_BLANK = "about:blank"
# Paths answered with problem documents also when no view of the API handles them.
API_PATH_PREFIX = "/api/"


def problem(status: int, detail: str, code: str, attr: str | None = None) -> dict[str, Any]:
    """A problem document with one error, for answers made outside a DRF view."""
    return {
        "type": ABOUT_BLANK,
        "title": HTTPStatus(status).phrase,
        "status": status,
        "detail": detail,
        "errors": [{"attr": attr, "code": code, "detail": detail}],
    }


class ProblemDetailsFormatter(ExceptionFormatter):
    """drf-standardized-errors' flat error list, inside an RFC 9457 problem document."""

    def format_error_response(self, error_response: ErrorResponse) -> dict[str, Any]:
        status = self.exc.status_code
        if isinstance(self.exc, exceptions.ValidationError):
            detail = str(exceptions.ValidationError.default_detail)
        else:
            detail = str(self.exc.detail)
        return {
            "type": ABOUT_BLANK,
            "title": HTTPStatus(status).phrase,
            "status": status,
            "detail": detail,
            "errors": [
                {"attr": error.attr, "code": error.code, "detail": error.detail}
                for error in error_response.errors
            ],
        }


def request_problem(exc: Exception) -> tuple[str, str]:
    """The message and code of a 400 for a request Django refused while reading it: a body
    over DATA_UPLOAD_MAX_MEMORY_SIZE, too many fields, or input lup.core.inputs refuses."""
    if isinstance(exc, RequestDataTooBig):
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        return (
            gettext("The request body is larger than %(limit)s bytes.") % {"limit": limit},
            "request_too_large",
        )
    if isinstance(exc, TooManyFieldsSent):
        limit = settings.DATA_UPLOAD_MAX_NUMBER_FIELDS
        return (
            gettext("The request has more than %(limit)s parameters or fields.") % {"limit": limit},
            "too_many_fields",
        )
    code = getattr(exc, "code", None) or "bad_request"
    return (str(exc) or str(exceptions.ParseError.default_detail), code)


class RequestRefused(exceptions.ParseError):
    """A 400 for a request Django refused while reading it (request_problem)."""


class ProblemDetailsHandler(ExceptionHandler):
    """Answers with the problem document as application/problem+json (text/html only when the
    browsable API renders it). A body too large or with too many fields is a 400 about the
    request, not a server error."""

    def convert_known_exceptions(self, exc: Exception) -> Exception:
        if isinstance(exc, RequestDataTooBig | TooManyFieldsSent | BadRequest):
            detail, code = request_problem(exc)
            return RequestRefused(detail, code=code)
        return super().convert_known_exceptions(exc)

    def get_response(self, exc: exceptions.APIException, data: dict) -> Response:
        response = super().get_response(exc, data)
        request = self.context.get("request")
        renderer = getattr(request, "accepted_renderer", None)
        if renderer is None or isinstance(renderer, JSONRenderer):
            response.content_type = PROBLEM_MEDIA_TYPE
        return response


def _is_api(request: HttpRequest) -> bool:
    return request.path.startswith(API_PATH_PREFIX)


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """The URLconf's handler404: a problem document for API paths that match no endpoint,
    Django's page elsewhere."""
    if not _is_api(request):
        return defaults.page_not_found(request, exception or Http404())
    return JsonResponse(
        problem(404, str(exceptions.NotFound.default_detail), "not_found"),
        status=404,
        content_type=PROBLEM_MEDIA_TYPE,
    )


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    """The URLconf's handler400 (a request refused before a view: a body too large for
    DATA_UPLOAD_MAX_MEMORY_SIZE, NUL in a parameter): a problem document for API paths,
    Django's page (templates/400.html) elsewhere."""
    if not _is_api(request):
        return defaults.bad_request(request, exception)
    detail, code = request_problem(exception)
    return JsonResponse(problem(400, detail, code), status=400, content_type=PROBLEM_MEDIA_TYPE)


def server_error(request: HttpRequest) -> HttpResponse:
    """The URLconf's handler500: a problem document for API paths, Django's page elsewhere."""
    if not _is_api(request):
        return defaults.server_error(request)
    return JsonResponse(
        problem(500, str(exceptions.APIException.default_detail), "error"),
        status=500,
        content_type=PROBLEM_MEDIA_TYPE,
    )


# --- The shapes in the OpenAPI schema (lup.core.api.schema uses them) -------------------------
# Schema texts are English whatever the request's language, so they are not marked for translation.


class ProblemErrorSerializer(serializers.Serializer):
    """One error of a problem."""

    attr = serializers.CharField(
        allow_null=True,
        help_text=(
            "The input the error is about: a field name, a dotted path into nested input "
            "(list items by 0-based index, e.g. participations.1.body), or non_field_errors "
            "for the input as a whole. Null for errors about the request as a whole."
        ),
    )
    code = serializers.CharField(
        help_text=(
            "Machine-readable reason, e.g. required, invalid, does_not_exist, not_found, "
            "not_authenticated, permission_denied, throttled."
        )
    )
    detail = serializers.CharField(help_text="The message, in the request's language.")


class ProblemSerializer(serializers.Serializer):
    """A problem (RFC 9457 problem details): the one shape of every error of this API."""

    type = serializers.CharField(
        help_text='The problem type. "about:blank": the HTTP status says what it is.'
    )
    title = serializers.CharField(help_text="The HTTP status phrase, e.g. Bad Request.")
    status = serializers.IntegerField(help_text="The HTTP status code.")
    detail = serializers.CharField(
        help_text="What went wrong, in the request's language (Accept-Language)."
    )
    # A field named like Serializer.errors: DRF's metaclass takes declared fields off the class.
    errors = ProblemErrorSerializer(  # type: ignore[assignment]
        many=True,
        help_text=(
            "The errors: for a 400, one entry per message about the input; otherwise one entry."
        ),
    )
