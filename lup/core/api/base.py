"""Building blocks of the record APIs of every app: constraint checks before a save, database
refusals as 400, protected deletes as 409, and the lookup-table endpoints."""

import copy
import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.contrib.admin.models import ADDITION, CHANGE, DELETION, LogEntry
from django.contrib.admin.utils import NestedObjects
from django.core.exceptions import NON_FIELD_ERRORS, FieldDoesNotExist
from django.db import IntegrityError, models, router, transaction
from django.db.models import ProtectedError, RestrictedError
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status, viewsets
from rest_framework.exceptions import APIException, MethodNotAllowed, PermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import APIView

from lup.core.integrity import broken_constraint, integrity_error_message
from lup.core.models import constraint_errors

from .conditional import ConditionalGetMixin
from .errors import ProblemSerializer
from .permissions import ReadOnlyAuthenticatedOrPublic
from .renderers import CSVRenderer, XLSXRenderer
from .throttling import ThrottleFirstMixin


def api_errors(errors: dict[str, Any]) -> dict[str, Any]:
    """An error dict with Django's non-field key renamed to DRF's."""
    return {
        (api_settings.NON_FIELD_ERRORS_KEY if key == NON_FIELD_ERRORS else key): value
        for key, value in errors.items()
    }


class ConstraintValidationMixin(serializers.ModelSerializer[Any]):
    """Checks the model's Meta.constraints against the incoming data before anything is saved.

    The constraints are the one statement of the rules the database enforces; running them
    here answers a write the database would refuse with 400 and the constraint's own message,
    under the field the model's `constraint_fields` names (lup.core.models.ConstraintFields).
    """

    def get_validators(self) -> list[Any]:
        # DRF would add its own unique-together validators for the UniqueConstraints; the
        # constraint check below covers them, with the model's messages, exactly once.
        return []

    def validate(self, attrs: Any) -> Any:
        attrs = super().validate(attrs)
        model: type[models.Model] = self.Meta.model
        candidate = copy.copy(self.instance) if self.instance is not None else model()
        concrete = {f.name for f in model._meta.concrete_fields}
        for name, value in attrs.items():
            if name in concrete:
                setattr(candidate, name, value)
        errors = constraint_errors(candidate)
        if errors:
            raise serializers.ValidationError(api_errors(errors))
        return attrs


class Conflict(APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = _("This record is in use by other records and cannot be deleted.")
    default_code = "conflict"


def validation_error_from(
    exc: IntegrityError, model_classes: list[type[models.Model]]
) -> serializers.ValidationError:
    """A 400 carrying the message of the constraint the database reported, under its field."""
    found = broken_constraint(exc, model_classes)
    key = api_settings.NON_FIELD_ERRORS_KEY
    if found is not None:
        model, constraint = found
        key = getattr(model, "constraint_fields", {}).get(constraint.name, key)
    return serializers.ValidationError({key: [integrity_error_message(exc, model_classes)]})


@contextmanager
def database_errors_as_400(model: type[models.Model]) -> Iterator[None]:
    """Run a save in its own transaction and answer an IntegrityError with 400, never 500."""
    try:
        with transaction.atomic(using=router.db_for_write(model)):
            yield
    except IntegrityError as exc:
        raise validation_error_from(exc, [model]) from exc


def changed_field_names(model: type[models.Model], data: dict[str, Any]) -> list[str]:
    """The verbose names of the fields a write gave, as admin's change messages name them."""
    names = []
    for name in data:
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:
            names.append(name)
        else:
            names.append(str(getattr(field, "verbose_name", name)))
    return names


def log_change(
    request: Request, instance: models.Model, action: int, message: list[dict[str, Any]]
) -> None:
    """An entry in admin's recent actions (LogEntry) for a write through the API, in the write's
    transaction, with the same JSON change message admin writes (shown in the reader's
    language). Superusers see every entry under /admin/admin/logentry/."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return
    LogEntry.objects.log_actions(
        user_id=user.pk,
        queryset=[instance],
        action_flag=action,
        # Like admin's: a JSON list for additions and changes, nothing for a deletion.
        change_message=json.dumps(message) if message else "",
        single_object=True,
    )


class RecordViewSet(ThrottleFirstMixin, ConditionalGetMixin, viewsets.ModelViewSet):
    """A ModelViewSet whose writes never end in a server error on a database rule.

    Saves run in a transaction; an IntegrityError becomes 400 with the constraint's message,
    and deleting a record that others still point to (PROTECT) becomes 409. GETs carry an ETag
    and answer 304 when it matches (lup.core.api.conditional).

    The schema describes an endpoint with its own class docstring only, not this one
    (lup.core.api.schema): write each viewset's docstring for the API's users.

    Lists and records also answer `?format=csv` and `?format=xlsx` (lup.core.api.renderers).
    """

    renderer_classes: list[Any] = [
        *api_settings.DEFAULT_RENDERER_CLASSES,
        CSVRenderer,
        XLSXRenderer,
    ]

    def get_object(self) -> Any:
        """The record of the URL's id: ASCII digits only, so /procurements/²/ and
        /procurements/٢/ (which int() reads as 2) get 404 like any id of no record."""
        value = self.kwargs.get(self.lookup_url_kwarg or self.lookup_field, "")
        if not (isinstance(value, str) and value.isascii() and value.isdigit()):
            raise Http404
        return super().get_object()

    def perform_create(self, serializer: serializers.BaseSerializer[Any]) -> None:
        with database_errors_as_400(self.get_queryset().model):
            instance = serializer.save()
            log_change(self.request, instance, ADDITION, [{"added": {}}])

    def perform_update(self, serializer: serializers.BaseSerializer[Any]) -> None:
        with database_errors_as_400(self.get_queryset().model):
            instance = serializer.save()
            changed = changed_field_names(type(instance), serializer.validated_data)
            log_change(self.request, instance, CHANGE, [{"changed": {"fields": changed}}])

    @extend_schema(
        responses={
            204: OpenApiResponse(description="Deleted."),
            409: OpenApiResponse(
                ProblemSerializer, description="Other records still use this one; not deleted."
            ),
        }
    )
    def destroy(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().destroy(request, *args, **kwargs)

    def perform_destroy(self, instance: models.Model) -> None:
        self.check_cascade_permissions(instance)
        try:
            with transaction.atomic(using=router.db_for_write(type(instance))):
                log_change(self.request, instance, DELETION, [])
                instance.delete()
        except (ProtectedError, RestrictedError) as exc:
            if isinstance(exc, ProtectedError):
                used_by = exc.protected_objects
            else:
                used_by = exc.restricted_objects
            kinds = sorted({str(obj._meta.verbose_name_plural) for obj in used_by})
            raise Conflict(
                _("This record is in use and cannot be deleted. Used by: %(kinds)s.")
                % {"kinds": ", ".join(kinds)}
            ) from exc

    def check_cascade_permissions(self, instance: models.Model) -> None:
        """Deleting a record deletes the rows that cascade from it: as in the admin, the user
        needs the delete permission of each of their models too (403 otherwise)."""
        collector = NestedObjects(using=router.db_for_write(type(instance)))
        collector.collect([instance])
        user = self.request.user
        cascaded: dict[Any, Any] = collector.model_objs  # model class -> rows
        missing = sorted(
            str(model._meta.verbose_name_plural)
            for model, rows in cascaded.items()
            if rows
            and model is not type(instance)
            and not user.has_perm(f"{model._meta.app_label}.delete_{model._meta.model_name}")
        )
        if missing:
            raise PermissionDenied(
                _("Deleting this record deletes %(kinds)s, which you may not delete.")
                % {"kinds": ", ".join(missing)}
            )


class ReadOnlyAPIView(ThrottleFirstMixin, ConditionalGetMixin, APIView):
    """An endpoint without a model that only reads (figures, exports): GET with ETag and 304,
    readable like the records; any other method is 405, for every caller alike.

    As for RecordViewSet, the schema uses each subclass's own docstring.
    """

    http_method_names = ["get", "head", "options"]
    permission_classes = [ReadOnlyAuthenticatedOrPublic]
    # Who may read besides the API readers (core.read_api): any one of these permissions.
    read_permissions: tuple[str, ...] = ()

    def check_permissions(self, request: Request) -> None:
        # A method the endpoint does not have is 405 whoever asks, not a refused permission.
        if request.method is None or request.method.lower() not in self.http_method_names:
            raise MethodNotAllowed(request.method or "")
        super().check_permissions(request)


LOOKUP_FIELDS = ["id", "code", "name", "name_en", "position"]


class LookupSerializer(serializers.ModelSerializer):
    """A lookup-table value (lup.core.models.Lookup); subclasses set Meta.model."""

    class Meta:
        fields = LOOKUP_FIELDS


class LookupViewSet(RecordViewSet):
    """A lookup table's endpoint: search by code or name, ordered by position."""

    search_fields = ["code", "name", "name_en"]
    ordering_fields = ["position", "name", "code", "id"]
