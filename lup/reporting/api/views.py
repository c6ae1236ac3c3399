"""The annual-figures endpoints: /api/v1/stats/years/ and /api/v1/stats/years/{year}/.

Thin views: they parse the year, read the figures through lup.reporting.summary (the cache
keyed by the data version; ?fresh=1 from staff counts from the records) and serialize them.
"""

from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    inline_serializer,
)
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from lup.core.api.fields import YearField
from lup.core.api.permissions import ReadOnlyAuthenticatedOrPublic
from lup.core.dates import FIRST_YEAR, LAST_YEAR
from lup.reporting.summary import Summary, wants_fresh

from .serializers import AnnualFiguresSerializer


class YearSerializer(serializers.Serializer):
    year = YearField()


YEAR_ERROR = inline_serializer(
    name="YearError", fields={"year": serializers.ListField(child=serializers.CharField())}
)


FRESH = OpenApiParameter(
    "fresh",
    {"type": "integer", "enum": [1]},
    OpenApiParameter.QUERY,
    required=False,
    description=(
        "Staff only: 1 counts the figures from the records instead of reading them from the "
        "cache. The cache is always up to date (it is keyed by a data version that every "
        "write changes); this is for checking and measuring."
    ),
)


class AnnualFiguresView(APIView):
    """The annual figures of one year."""

    permission_classes = [ReadOnlyAuthenticatedOrPublic]

    @extend_schema(
        operation_id="stats_year",
        summary="Annual figures of one year",
        description=(
            "Every figure of LUP's annual report for `year`, counted by the rules in "
            "docs/counting-rules.md. A year without data returns zeros."
        ),
        parameters=[
            OpenApiParameter(
                "year",
                {"type": "integer", "minimum": FIRST_YEAR, "maximum": LAST_YEAR},
                OpenApiParameter.PATH,
                description=f"Calendar year, {FIRST_YEAR}–{LAST_YEAR}.",
            ),
            FRESH,
        ],
        responses={
            200: AnnualFiguresSerializer,
            400: OpenApiResponse(
                YEAR_ERROR, description="The year is not a whole number in range."
            ),
        },
        tags=["stats"],
    )
    def get(self, request: Request, year: str) -> Response:
        params = YearSerializer(data={"year": year})
        params.is_valid(raise_exception=True)
        result = Summary(fresh=wants_fresh(request)).annual_figures(params.validated_data["year"])
        return Response(AnnualFiguresSerializer(result).data)


class AnnualSeriesView(APIView):
    """The annual figures of every year with data."""

    permission_classes = [ReadOnlyAuthenticatedOrPublic]

    @extend_schema(
        operation_id="stats_years",
        summary="Annual figures of every year",
        description=(
            "The annual figures of every year from the first year with data to the current "
            "year, oldest first. Not paginated; an empty list when there is no data."
        ),
        parameters=[FRESH],
        responses={200: AnnualFiguresSerializer(many=True)},
        tags=["stats"],
    )
    def get(self, request: Request) -> Response:
        summary = Summary(fresh=wants_fresh(request))
        return Response(AnnualFiguresSerializer(summary.annual_series(), many=True).data)
