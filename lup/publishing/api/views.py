"""The published figures: /api/v1/stats/published/, .../{year}/ and .../{year}/diff/.

Thin views: they parse the year and version, read through lup.publishing.selectors and
serialize. Readable like the live figures (lup.core.api.base.ReadOnlyAPIView).
"""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response

from lup.core.api.base import ReadOnlyAPIView
from lup.core.api.errors import ProblemSerializer
from lup.core.api.fields import YearField
from lup.core.api.schema import validation_problem_serializer
from lup.core.dates import FIRST_YEAR, LAST_YEAR
from lup.publishing import selectors
from lup.publishing.models import FigurePublication
from lup.reporting.summary import Summary

from .serializers import FigurePublicationSerializer, PublishedDiffSerializer

MAX_VERSION = 32767


class PublicationQuerySerializer(serializers.Serializer):
    year = YearField()
    version = serializers.IntegerField(min_value=1, max_value=MAX_VERSION, required=False)


YEAR = OpenApiParameter(
    "year",
    {"type": "integer", "minimum": FIRST_YEAR, "maximum": LAST_YEAR},
    OpenApiParameter.PATH,
    description=f"Calendar year, {FIRST_YEAR}–{LAST_YEAR}.",
)
VERSION = OpenApiParameter(
    "version",
    {"type": "integer", "minimum": 1, "maximum": MAX_VERSION},
    OpenApiParameter.QUERY,
    required=False,
    description="The version of the year's publication; the latest when left out.",
)
NOT_PUBLISHED = OpenApiResponse(
    ProblemSerializer, description="The year (or this version of it) is not published."
)


def _publication(request: Request, year: str) -> FigurePublication:
    params = PublicationQuerySerializer(
        data={
            "year": year,
            **({"version": v} if (v := request.query_params.get("version")) else {}),
        }
    )
    params.is_valid(raise_exception=True)
    publication = selectors.version_of(
        params.validated_data["year"], params.validated_data.get("version")
    )
    if publication is None:
        raise NotFound(_("This year's figures are not published (or not in this version)."))
    return publication


class PublishedListView(ReadOnlyAPIView):
    """The latest published version of every published year, oldest year first. Not
    paginated; an empty list when nothing is published."""

    @extend_schema(
        operation_id="stats_published_list",
        summary="Published figures of every year",
        responses={200: FigurePublicationSerializer(many=True)},
        tags=["stats"],
    )
    def get(self, request: Request) -> Response:
        return Response(FigurePublicationSerializer(selectors.latest_per_year(), many=True).data)


class PublishedYearView(ReadOnlyAPIView):
    """A year's figures as published: the latest version, or `version`, with the ids of the
    records each figure counted. The live figures are at /api/v1/stats/years/{year}/."""

    @extend_schema(
        operation_id="stats_published_year",
        summary="Published figures of one year",
        parameters=[YEAR, VERSION],
        responses={
            200: FigurePublicationSerializer,
            400: OpenApiResponse(
                validation_problem_serializer("StatsPublishedYear", ["year", "version"]),
                description="The year or the version is not a valid whole number.",
            ),
            404: NOT_PUBLISHED,
        },
        tags=["stats"],
    )
    def get(self, request: Request, year: str) -> Response:
        return Response(FigurePublicationSerializer(_publication(request, year)).data)


class PublishedDiffView(ReadOnlyAPIView):
    """The live figures of a year against its publication (the latest version, or
    `version`): for every figure counted from records, the published and the live value, the
    records that count now and did not, those that counted and now do not, and for summed
    figures those whose summed field changed; each record with its history since the
    publication: created, deleted or the fields changed, by whom and when."""

    @extend_schema(
        operation_id="stats_published_diff",
        summary="Live figures against the published ones",
        parameters=[YEAR, VERSION],
        responses={
            200: PublishedDiffSerializer,
            400: OpenApiResponse(
                validation_problem_serializer("StatsPublishedDiff", ["year", "version"]),
                description="The year or the version is not a valid whole number.",
            ),
            404: NOT_PUBLISHED,
        },
        tags=["stats"],
    )
    def get(self, request: Request, year: str) -> Response:
        publication = _publication(request, year)
        return Response(PublishedDiffSerializer(selectors.diff(publication, Summary())).data)
