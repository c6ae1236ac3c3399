"""Search and ordering for the record lists, with the fields they use in the schema's
parameter descriptions (DRF's say only "A search term." and "Which field to use ...")."""

from typing import Any

from rest_framework import filters
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.views import APIView

from lup.core.inputs import search_terms_problem


class SearchFilter(filters.SearchFilter):
    def get_search_terms(self, request: Request) -> list[str]:
        """The words of the search, at most MAX_SEARCH_TERMS (lup.core.inputs), else 400."""
        terms = list(super().get_search_terms(request))
        refused = search_terms_problem(terms)
        if refused is not None:
            raise ValidationError({self.search_param: [refused.message]}, code=refused.code)
        return terms

    def get_schema_operation_parameters(self, view: APIView) -> list[dict[str, Any]]:
        parameters = super().get_schema_operation_parameters(view)
        searched = getattr(view, "search_fields", None) or []
        fields = ", ".join(field.lstrip("^=@$").replace("__", ".") for field in searched)
        for parameter in parameters:
            parameter["description"] = (
                f"Rows where each word of this text is in one of: {fields} (case-insensitive)."
            )
        return parameters


class OrderingFilter(filters.OrderingFilter):
    def get_schema_operation_parameters(self, view: APIView) -> list[dict[str, Any]]:
        parameters = super().get_schema_operation_parameters(view)
        # Ordering is a GenericAPIView feature: the view has get_queryset.
        queryset = view.get_queryset()  # type: ignore[attr-defined]
        fields = [name for name, _label in self.get_valid_fields(queryset, view, {})]
        for parameter in parameters:
            parameter["description"] = (
                "The order of the rows: one of " + ", ".join(fields) + "; a leading - "
                "reverses it, and several, comma-separated, break ties in turn."
            )
        return parameters
