"""Publishing a year's figures: what a publication stores, versions and their reasons, and that
nothing changes or deletes a publication (ORM, queryset, database)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from lup.publishing import selectors
from lup.publishing.models import TABLE, FigurePublication, PublicationImmutable
from lup.publishing.services import publish
from lup.reporting import figures, registry

pytestmark = pytest.mark.django_db


def test_a_publication_stores_the_figures_and_the_records_behind_each(small_2023, manager):
    publication = publish(2023, manager, note="Årsrapport 2023")

    assert publication.version == 1
    assert publication.figures == figures.annual_figures(2023)
    assert publication.figures["procurements_started"] == 2
    started = sorted([small_2023["first"].pk, small_2023["second"].pk])
    assert publication.ids_of("procurements_started") == started
    assert publication.ids_of("started_by_sector") == started
    assert len(publication.ids_of("bodies_in_started")) == 3
    assert publication.ids_of("outreach_activities") == sorted(
        [small_2023["talk"].pk, small_2023["course"].pk]
    )
    # Every figure counted from records has its ids, as many as it counts.
    for entry in selectors.with_records():
        if entry.measure == registry.COUNT:
            assert len(publication.ids_of(entry.key)) == registry.value_at(
                publication.figures, entry.value_key
            ), entry.key
    assert publication.published_by == manager
    assert publication.published_by_name == "kari"
    assert publication.note == "Årsrapport 2023"
    assert publication.breakdowns["previous_year"]["procurements_started"] == 1
    assert len(publication.breakdowns["outreach_by_month"]) == 12


def test_a_correction_is_a_new_version_with_a_required_reason(small_2023, manager):
    first = publish(2023, manager)
    with pytest.raises(ValidationError) as refused:
        publish(2023, manager)
    assert "correction_reason" in refused.value.message_dict

    second = publish(2023, manager, correction_reason="Korrigert: to anskaffelser for sent")
    assert second.version == 2
    assert [p.version for p in selectors.versions(2023)] == [1, 2]
    assert selectors.latest(2023) == second
    assert selectors.version_of(2023, 1) == first
    assert selectors.latest_per_year() == [second]


def test_a_year_not_over_cannot_be_published(db, manager):
    with pytest.raises(ValidationError) as refused:
        publish(timezone.localdate().year, manager)
    assert "year" in refused.value.message_dict


def test_the_database_requires_a_reason_for_a_correction(small_2023):
    publication = FigurePublication(
        year=2023, version=2, figures={}, record_ids={}, published_at=timezone.now()
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        publication.save()


def test_the_database_refuses_a_second_publication_of_the_same_version(small_2023, manager):
    publish(2023, manager)
    duplicate = FigurePublication(
        year=2023, version=1, figures={}, record_ids={}, published_at=timezone.now()
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        duplicate.save()


def test_the_orm_cannot_change_or_delete_a_publication(small_2023, manager):
    publication = publish(2023, manager)
    publication.note = "endret"
    with pytest.raises(PublicationImmutable):
        publication.save()
    with pytest.raises(PublicationImmutable):
        publication.delete()
    with pytest.raises(PublicationImmutable):
        FigurePublication.objects.filter(pk=publication.pk).update(note="endret")
    with pytest.raises(PublicationImmutable):
        FigurePublication.objects.all().delete()
    publication.refresh_from_db()
    assert publication.note == ""


def test_the_database_refuses_to_change_a_publication(small_2023, manager):
    publication = publish(2023, manager)
    update = f"UPDATE {TABLE} SET note = %s WHERE id = %s"
    with (
        pytest.raises(Exception, match="immutable"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(update, ["endret", publication.pk])
    if connection.vendor == "postgresql":
        with (
            pytest.raises(Exception, match="immutable"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(f"DELETE FROM {TABLE} WHERE id = %s", [publication.pk])
    assert FigurePublication.objects.get(pk=publication.pk).note == ""


def test_managers_may_publish_and_advisers_may_not(manager, adviser):
    assert manager.has_perm("publishing.publish_figures")
    assert not adviser.has_perm("publishing.publish_figures")


def test_a_publication_keeps_its_figures_when_the_records_change(small_2023, manager):
    publication = publish(2023, manager, published_at=timezone.now() - datetime.timedelta(days=1))
    small_2023["second"].delete()
    publication.refresh_from_db()
    assert publication.figures["procurements_started"] == 2
    assert figures.annual_figures(2023)["procurements_started"] == 1
