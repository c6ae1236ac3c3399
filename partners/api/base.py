"""Building blocks of the record APIs, shared by every app (partners, procurements, outreach)."""

import copy
from contextlib import contextmanager

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError, router, transaction
from django.db.models import ProtectedError, RestrictedError
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status, viewsets
from rest_framework.exceptions import APIException
from rest_framework.settings import api_settings

from partners.integrity import broken_constraint, integrity_error_message


class ConstraintValidationMixin:
    """Checks the model's Meta.constraints against the incoming data before anything is saved.

    The constraints are the one statement of the rules the database enforces; running them
    here answers a write the database would refuse with 400 and the constraint's own message.
    `constraint_fields` maps a constraint name to the field its message belongs to (the
    others go to non_field_errors).
    """

    constraint_fields: dict[str, str] = {}

    def get_validators(self):
        # DRF would add its own unique-together validators for the UniqueConstraints; the
        # constraint check below covers them, with the model's messages, exactly once.
        return []

    def validate(self, attrs):
        attrs = super().validate(attrs)
        model = self.Meta.model
        candidate = copy.copy(self.instance) if self.instance is not None else model()
        concrete = {f.name for f in model._meta.concrete_fields}
        for name, value in attrs.items():
            if name in concrete:
                setattr(candidate, name, value)
        using = router.db_for_write(model)
        errors: dict[str, list[str]] = {}
        for constraint in model._meta.constraints:
            try:
                constraint.validate(model, candidate, using=using)
            except DjangoValidationError as exc:
                key = self.constraint_fields.get(constraint.name, api_settings.NON_FIELD_ERRORS_KEY)
                errors.setdefault(key, []).extend(exc.messages)
        if errors:
            raise serializers.ValidationError(errors)
        return attrs


class Conflict(APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = _("This record is in use by other records and cannot be deleted.")
    default_code = "conflict"


def validation_error_from(
    exc: IntegrityError, model_classes, constraint_fields: dict[str, str] | None = None
) -> serializers.ValidationError:
    """A 400 carrying the message of the constraint the database reported."""
    found = broken_constraint(exc, model_classes)
    key = api_settings.NON_FIELD_ERRORS_KEY
    if found is not None and constraint_fields:
        key = constraint_fields.get(found[1].name, key)
    return serializers.ValidationError({key: [integrity_error_message(exc, model_classes)]})


@contextmanager
def database_errors_as_400(model, constraint_fields: dict[str, str] | None = None):
    """Run a save in its own transaction and answer an IntegrityError with 400, never 500."""
    try:
        with transaction.atomic(using=router.db_for_write(model)):
            yield
    except IntegrityError as exc:
        raise validation_error_from(exc, [model], constraint_fields) from exc


class RecordViewSet(viewsets.ModelViewSet):
    """A ModelViewSet whose writes never end in a server error on a database rule.

    Saves run in a transaction; an IntegrityError becomes 400 with the constraint's message,
    and deleting a record that others still point to (PROTECT) becomes 409.
    """

    def _constraint_fields(self, serializer) -> dict[str, str]:
        return getattr(serializer, "constraint_fields", {})

    def perform_create(self, serializer):
        with database_errors_as_400(self.queryset.model, self._constraint_fields(serializer)):
            serializer.save()

    def perform_update(self, serializer):
        with database_errors_as_400(self.queryset.model, self._constraint_fields(serializer)):
            serializer.save()

    @extend_schema(
        responses={
            204: OpenApiResponse(description="Deleted."),
            409: OpenApiResponse(description="Other records still use this one; not deleted."),
        }
    )
    def destroy(self, request, *args, **kwargs):
        return super().destroy(request, *args, **kwargs)

    def perform_destroy(self, instance):
        try:
            with transaction.atomic(using=router.db_for_write(type(instance))):
                instance.delete()
        except (ProtectedError, RestrictedError) as exc:
            used_by = getattr(exc, "protected_objects", None) or exc.restricted_objects
            kinds = sorted({str(obj._meta.verbose_name_plural) for obj in used_by})
            raise Conflict(
                _("This record is in use and cannot be deleted. Used by: %(kinds)s.")
                % {"kinds": ", ".join(kinds)}
            ) from exc
