"""The annual-figures endpoints: /api/v1/stats/years/ and /api/v1/stats/years/{year}/.

Thin views: they parse the year, read the figures through lup.reporting.summary (the cache
keyed by the data version; ?fresh=1 from staff counts from the records) and serialize them.
"""

from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from lup.core.api.base import ReadOnlyAPIView
from lup.core.api.fields import YearField
from lup.core.api.schema import validation_problem_serializer
from lup.core.dates import FIRST_YEAR, LAST_YEAR
from lup.reporting.summary import Summary, wants_fresh

from .serializers import AnnualFiguresSerializer


class YearSerializer(serializers.Serializer):
    year = YearField()


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


class AnnualFiguresView(ReadOnlyAPIView):
    """Every figure of LUP's annual report for one year, counted from the records by the
    counting rules. A year without data gives zeros."""

    # Those who see the figures on the dashboard read them here too.
    read_permissions = ("dashboard.view_dashboard",)

    @extend_schema(
        operation_id="stats_year",
        summary="Annual figures of one year",
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
                validation_problem_serializer("StatsYear", ["year"]),
                description=f"The year is not a whole number from {FIRST_YEAR} to {LAST_YEAR}.",
            ),
        },
        tags=["stats"],
    )
    def get(self, request: Request, year: str) -> Response:
        params = YearSerializer(data={"year": year})
        params.is_valid(raise_exception=True)
        result = Summary(fresh=wants_fresh(request)).annual_figures(params.validated_data["year"])
        return Response(AnnualFiguresSerializer(result).data)


class AnnualSeriesView(ReadOnlyAPIView):
    """The annual figures of every year from the first year with data to the current year,
    oldest first. Not paginated; an empty list when there is no data."""

    # Those who see the figures on the dashboard read them here too.
    read_permissions = ("dashboard.view_dashboard",)

    @extend_schema(
        operation_id="stats_years",
        summary="Annual figures of every year",
        parameters=[FRESH],
        responses={200: AnnualFiguresSerializer(many=True)},
        tags=["stats"],
    )
    def get(self, request: Request) -> Response:
        summary = Summary(fresh=wants_fresh(request))
        return Response(AnnualFiguresSerializer(summary.annual_series(), many=True).data)
