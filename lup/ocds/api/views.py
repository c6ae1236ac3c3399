"""GET /api/v1/ocds/releases/: the procurements as an OCDS release package."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from lup.core.api.base import ReadOnlyAPIView
from lup.core.api.fields import YearField
from lup.core.api.schema import validation_problem_serializer
from lup.core.dates import FIRST_YEAR, LAST_YEAR
from lup.core.forms import MAX_ID
from lup.ocds import releases

from .serializers import ReleasePackageSerializer


class ReleaseQuerySerializer(serializers.Serializer):
    year = YearField(required=False)
    procurement = serializers.IntegerField(min_value=1, max_value=MAX_ID, required=False)

    def validate(self, attrs: dict) -> dict:
        if not attrs:
            raise serializers.ValidationError(
                _("Give a year, a procurement or both."), code="required"
            )
        return attrs


class ReleasePackageView(ReadOnlyAPIView):
    """The procurements as an OCDS 1.1 release package (Open Contracting Data Standard), one
    release per procurement: the procurements active in `year` (counting rule 2), or the one
    procurement `procurement`, or that one if it was active in `year`. Tools such as OCDS
    Kingfisher and the Data Review Tool read it. The mapping is in the project's docs/ocds.md."""

    read_permissions = ("procurements.view_procurement",)

    @extend_schema(
        operation_id="ocds_releases",
        summary="OCDS release package of procurements",
        parameters=[
            OpenApiParameter(
                "year",
                {"type": "integer", "minimum": FIRST_YEAR, "maximum": LAST_YEAR},
                description="The procurements active at some time in this year.",
            ),
            OpenApiParameter(
                "procurement",
                {"type": "integer", "minimum": 1, "maximum": MAX_ID},
                description="The procurement with this id.",
            ),
        ],
        responses={
            200: ReleasePackageSerializer,
            400: OpenApiResponse(
                validation_problem_serializer("OcdsReleases", ["year", "procurement"]),
                description="Neither year nor procurement given, or one that is not valid.",
            ),
        },
        tags=["ocds"],
    )
    def get(self, request: Request) -> Response:
        query = ReleaseQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        procurements = releases.procurements_for(**query.validated_data)
        package = releases.release_package(procurements, request.build_absolute_uri())
        return Response(package)
