from typing import Any

from rest_framework import pagination


class PageNumberPagination(pagination.PageNumberPagination):
    """Page-number pagination; clients may ask for up to 500 rows with ?page_size=."""

    page_size_query_param = "page_size"
    max_page_size = 500

    def get_paginated_response_schema(self, schema: dict[str, Any]) -> dict[str, Any]:
        paginated = super().get_paginated_response_schema(schema)
        return {
            **paginated,
            # Every page has all four keys (next and previous are null at the ends).
            "required": ["count", "next", "previous", "results"],
            "description": "One page of a list: `count` rows in all, links to the next and "
            "previous pages (null at the ends), and this page's rows in `results`.",
        }
