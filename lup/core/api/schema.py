"""The OpenAPI schema as generated clients need it (drf-spectacular, drf-standardized-errors).

- One schema whatever the request's language: it is generated in English.
- Every operation has a summary (a viewset's actions get one from their model's name).
- Descriptions are the API's own texts: a view's or serializer's own docstring, never one
  inherited from a base class of this project (those are written for its developers).
- Every error response has its status, a description and the problem shape
  (lup.core.api.errors) as application/problem+json; a 400 lists the inputs its `attr` can name.
- Conditional GETs (lup.core.api.conditional) document If-None-Match, ETag and 304.
- Every filter has a type and a description (help_text).
"""

import inspect
import re
from typing import Any

from django.utils import translation
from drf_spectacular.contrib.django_filters import DjangoFilterExtension
from drf_spectacular.drainage import get_override
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.generators import SchemaGenerator as BaseSchemaGenerator
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse
from drf_standardized_errors.openapi import AutoSchema as StandardizedErrorsAutoSchema
from rest_framework import serializers
from rest_framework.settings import api_settings

from .conditional import ConditionalGetMixin
from .errors import PROBLEM_MEDIA_TYPE, ProblemErrorSerializer, ProblemSerializer

# drf-standardized-errors writes nested inputs with these placeholders (list index, dict key).
INDEX, KEY = "INDEX", "KEY"

ERROR_DESCRIPTIONS = {
    "400": "Invalid input: `errors` has one entry per message, `attr` naming the input "
    "(a dotted path into nested input), or the body is not valid JSON (`attr` null).",
    "401": "Not authenticated: no credentials, or credentials that are not valid.",
    "403": "Forbidden: these credentials do not allow this request.",
    "404": "Not found: no record with this id, or no such page.",
    "405": "Method not allowed on this path.",
    "406": "Not acceptable: this path answers in application/json.",
    "409": "Conflict: the request clashes with the records as they are.",
    "415": "Unsupported media type: send the body as application/json.",
    "429": "Too many requests: wait the number of seconds in Retry-After.",
    "500": "Server error: the request could not be answered.",
}

SUMMARIES = {
    "list": "List {plural}",
    "create": "Create {a} {name}",
    "retrieve": "Read {a} {name}",
    "update": "Replace {a} {name}",
    "partial_update": "Change fields of {a} {name}",
    "destroy": "Delete {a} {name}",
}


def camelize(operation_id: str) -> str:
    """procurements_create -> ProcurementsCreate: component names from operation ids."""
    return "".join(part[:1].upper() + part[1:] for part in operation_id.split("_"))


def own_doc(obj: Any) -> str:
    """The docstring an object defines itself (not one inherited from a base class)."""
    doc = obj.__dict__.get("__doc__") if inspect.isclass(obj) else getattr(obj, "__doc__", None)
    return inspect.cleandoc(doc) if doc else ""


def input_pattern(names: list[str]) -> str:
    """A regular expression matching exactly the `attr` values these input names give, with
    drf-standardized-errors' placeholders for list indexes and dict keys."""
    alternatives = []
    for name in sorted(set(names)):
        parts = [
            r"\d+" if part == INDEX else r"[^.]+" if part == KEY else re.escape(part)
            for part in name.split(".")
        ]
        alternatives.append(r"\.".join(parts))
    return "^(" + "|".join(alternatives) + ")$"


def with_prefixes(names: list[str]) -> list[str]:
    """The names and every dotted prefix of them: a nested input's errors may be about the
    nested value as a whole (`participations`) as well as its parts."""
    result: set[str] = set()
    for name in names:
        parts = name.split(".")
        result.update(".".join(parts[: i + 1]) for i in range(len(parts)))
    return sorted(result)


def validation_problem_serializer(component: str, inputs: list[str]) -> type:
    """The 400 problem of one operation: `attr` names one of `inputs` (or is null)."""
    names = with_prefixes([*inputs, api_settings.NON_FIELD_ERRORS_KEY])
    readable = ", ".join(name.replace(INDEX, "<index>").replace(KEY, "<key>") for name in names)
    error = type(
        f"{component}FieldErrorSerializer",
        (ProblemErrorSerializer,),
        {
            "__doc__": "One error of the input, about the input `attr` names.",
            "__module__": __name__,
            "attr": serializers.RegexField(
                input_pattern(names),
                allow_null=True,
                help_text=(
                    f"The input the error is about, one of: {readable}; null when the body "
                    "is not valid JSON."
                ),
            ),
            "Meta": type("Meta", (), {"ref_name": f"{component}FieldError"}),
        },
    )
    return type(
        f"{component}ValidationProblemSerializer",
        (ProblemSerializer,),
        {
            "__doc__": "A problem with the input (RFC 9457 problem details).",
            "__module__": __name__,
            "errors": error(many=True, help_text="One entry per message about the input."),
            "Meta": type("Meta", (), {"ref_name": f"{component}ValidationProblem"}),
        },
    )


class SchemaGenerator(BaseSchemaGenerator):
    """Generates the schema in English, whatever the request's or the process's language:
    identifiers, enum descriptions and texts stay the same for every client."""

    def get_schema(self, *args: Any, **kwargs: Any) -> Any:
        with translation.override("en"):
            return super().get_schema(*args, **kwargs)


class AutoSchema(StandardizedErrorsAutoSchema):
    """The project's schema class (REST_FRAMEWORK["DEFAULT_SCHEMA_CLASS"])."""

    # --- Texts ---------------------------------------------------------------------------

    def get_summary(self) -> str | None:
        action = getattr(self.view, "action", None)
        model = getattr(getattr(self.view, "queryset", None), "model", None)
        if action not in SUMMARIES or model is None:
            return super().get_summary()
        name = str(model._meta.verbose_name)
        return SUMMARIES[action].format(
            plural=str(model._meta.verbose_name_plural),
            name=name,
            a="an" if name[:1].lower() in "aeiou" else "a",
        )

    def get_description(self) -> str:  # type: ignore[override]
        action = getattr(self.view, getattr(self.view, "action", self.method.lower()), None)
        return own_doc(action) or own_doc(self.view.__class__)

    def _map_basic_serializer(self, serializer: Any, direction: Any) -> Any:
        schema = super()._map_basic_serializer(serializer, direction)
        if direction == "response" and isinstance(serializer, serializers.ModelSerializer):
            # A record's answer always has every field (null where empty), also those a
            # write may leave out: a strict client may rely on each of them being there.
            required = [
                name
                for name, field in serializer.fields.items()
                if not field.write_only and name in schema["properties"]
            ]
            if required:
                schema["required"] = sorted(required)
        description = get_override(serializer, "description", own_doc(serializer.__class__))
        if description:
            schema["description"] = description
        else:
            schema.pop("description", None)
        return schema

    # --- Errors --------------------------------------------------------------------------

    def _get_error_response_serializer(self, status_code: str) -> Any:
        serializer = super()._get_error_response_serializer(status_code)
        if serializer is None:
            return None
        return OpenApiResponse(serializer, description=ERROR_DESCRIPTIONS.get(status_code, ""))

    def _get_http400_serializer(self) -> Any:
        names = [field.name for field in self._determine_fields_with_error_codes()]
        names += list(self._get_extra_validation_errors())
        return validation_problem_serializer(camelize(self.get_operation_id()), names)

    def _has_body(self) -> bool:
        return self.method in ("POST", "PUT", "PATCH")

    def _should_add_parse_error_response(self) -> bool:
        # Only a body is parsed.
        return self._has_body() and super()._should_add_parse_error_response()

    def _should_add_http415_error_response(self) -> bool:
        # Only a body can have the wrong media type.
        return self._has_body() and super()._should_add_http415_error_response()

    def _should_add_http429_error_response(self) -> bool:
        # Any request may be throttled (rate limits are configured per deployment).
        return True

    def _get_error_response_examples(self) -> list[Any]:
        # The library's examples show its own shape, not the problem documents.
        return []

    def _get_response_for_code(
        self,
        serializer: Any,
        status_code: str,
        media_types: Any = None,
        direction: Any = "response",
    ) -> Any:
        if status_code >= "400":
            media_types = [PROBLEM_MEDIA_TYPE]
        return super()._get_response_for_code(serializer, status_code, media_types, direction)

    # --- Conditional GET -----------------------------------------------------------------

    def _is_conditional_get(self) -> bool:
        return self.method == "GET" and isinstance(self.view, ConditionalGetMixin)

    def get_override_parameters(self) -> list[Any]:
        parameters = list(super().get_override_parameters())
        if self._is_conditional_get():
            parameters += [
                OpenApiParameter(
                    "If-None-Match",
                    str,
                    OpenApiParameter.HEADER,
                    description="The ETag of the answer the client holds: 304 if it is current.",
                ),
                OpenApiParameter(
                    "ETag",
                    str,
                    OpenApiParameter.HEADER,
                    response=["200", "304"],
                    description="The version of this answer; send it back in If-None-Match.",
                ),
                OpenApiParameter(
                    "Cache-Control",
                    str,
                    OpenApiParameter.HEADER,
                    response=["200", "304"],
                    description="no-cache: a cache may keep the answer but must revalidate it.",
                ),
            ]
        return parameters

    def _get_response_bodies(self, direction: Any = "response") -> Any:
        responses = super()._get_response_bodies(direction)
        if direction == "response" and self._is_conditional_get():
            responses["304"] = {
                **self._get_response_for_code(None, "304"),
                "description": "Not modified: the ETag in If-None-Match is still current.",
            }
        return dict(sorted(responses.items()))


class FilterExtension(DjangoFilterExtension):
    """django-filter's parameters, with the filter's help_text as description also when the
    filter's type comes from @extend_schema_field (lup.core.filters)."""

    priority = 1

    def resolve_filter_field(
        self, auto_schema: Any, model: Any, filterset_class: Any, field_name: str, filter_field: Any
    ) -> list[Any]:
        parameters = super().resolve_filter_field(
            auto_schema, model, filterset_class, field_name, filter_field
        )
        for parameter in parameters:
            if not parameter.get("description"):
                description = self._get_field_description(filter_field, None)
                if description:
                    parameter["description"] = str(description)
        return parameters


class ApiKeyAuthenticationScheme(OpenApiAuthenticationExtension):
    """The API key scheme (lup.core.api.authentication) in the schema's securitySchemes."""

    target_class = "lup.core.api.authentication.ApiKeyAuthentication"
    name = "apiKeyAuth"

    def get_security_definition(self, auto_schema: Any) -> dict[str, Any]:
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": (
                "An API key a superuser created in admin, sent as `Authorization: Api-Key "
                "<key>`. It acts as its user, with the user's permissions; a read-only key "
                "only reads."
            ),
        }
