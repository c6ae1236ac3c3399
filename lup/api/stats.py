"""The annual-figures endpoints: /api/v1/stats/years/ and /api/v1/stats/years/{year}/.

Thin views: they validate the year, call lup.figures and serialize its dicts. The serializers
describe the response shape for the OpenAPI schema; they hold no rule.
"""

import re

from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    inline_serializer,
)
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from lup import figures
from lup.api.permissions import ReadOnlyAuthenticatedOrPublic

MIN_YEAR = 1900
MAX_YEAR = 2100


class BodyTypeCountsSerializer(serializers.Serializer):
    total = serializers.IntegerField(
        help_text="Distinct public bodies (the sum of the four types)."
    )
    state = serializers.IntegerField()
    county = serializers.IntegerField()
    municipal = serializers.IntegerField()
    other = serializers.IntegerField()


class SectorCountSerializer(serializers.Serializer):
    sector = serializers.IntegerField(help_text="Sector id (see /api/v1/sectors/).")
    name = serializers.CharField()
    count = serializers.IntegerField(help_text="Procurements started in the year in this sector.")


class MunicipalCoverageSerializer(serializers.Serializer):
    involved = serializers.IntegerField(
        help_text="Municipal bodies involved in procurements active in the year."
    )
    total = serializers.IntegerField(help_text="Municipalities valid on 31 December of the year.")
    share = serializers.FloatField(
        min_value=0, max_value=1, help_text="involved / total, 4 decimals; 0 when total is 0."
    )


class NewPartnerSerializer(serializers.Serializer):
    id = serializers.IntegerField(help_text="Public body id (see /api/v1/bodies/).")
    name = serializers.CharField()


class AnnualFiguresSerializer(serializers.Serializer):
    """The figures of one year, counted by the rules in docs/counting-rules.md."""

    year = serializers.IntegerField()
    procurements_started = serializers.IntegerField()
    procurements_active = serializers.IntegerField()
    bodies_in_started = BodyTypeCountsSerializer()
    bodies_in_active = BodyTypeCountsSerializer()
    started_by_sector = SectorCountSerializer(
        many=True, help_text="Every sector, by count descending then name."
    )
    municipal_coverage = MunicipalCoverageSerializer()
    outreach_activities = serializers.IntegerField()
    outreach_participants = serializers.IntegerField()
    webinars = serializers.IntegerField()
    webinar_registrants = serializers.IntegerField()
    posts_published = serializers.IntegerField()
    solutions_published = serializers.IntegerField()
    partners_total = serializers.IntegerField(help_text="Partners on 31 December of the year.")
    partners_new = serializers.IntegerField()
    new_partners = NewPartnerSerializer(many=True, help_text="The new partners, by name.")


class YearField(serializers.IntegerField):
    """A year in the URL: digits only (DRF's IntegerField would also take "2023.0")."""

    def to_internal_value(self, data):
        if not isinstance(data, str) or not re.fullmatch(r"[0-9]{1,4}", data):
            self.fail("invalid")
        return super().to_internal_value(data)


class YearSerializer(serializers.Serializer):
    year = YearField(min_value=MIN_YEAR, max_value=MAX_YEAR)


YEAR_ERROR = inline_serializer(
    name="YearError", fields={"year": serializers.ListField(child=serializers.CharField())}
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
                {"type": "integer", "minimum": MIN_YEAR, "maximum": MAX_YEAR},
                OpenApiParameter.PATH,
                description=f"Calendar year, {MIN_YEAR}–{MAX_YEAR}.",
            )
        ],
        responses={
            200: AnnualFiguresSerializer,
            400: OpenApiResponse(
                YEAR_ERROR, description="The year is not a whole number in range."
            ),
        },
        tags=["stats"],
    )
    def get(self, request, year: str):
        params = YearSerializer(data={"year": year})
        params.is_valid(raise_exception=True)
        result = figures.annual_figures(params.validated_data["year"])
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
        responses={200: AnnualFiguresSerializer(many=True)},
        tags=["stats"],
    )
    def get(self, request):
        return Response(AnnualFiguresSerializer(figures.annual_series(), many=True).data)
