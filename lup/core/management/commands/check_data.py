"""`manage.py check_data`: the records already stored outside what a write accepts today.

Every write path refuses a date outside lup.core.dates' plausible range and a count or amount
past its maximum (the fields' validators), but records saved before those rules, or written
by raw SQL or `QuerySet.update()`, may still hold such values. This command lists them per
model and field, with their ids, so someone can correct them; it changes nothing. The fields
are found from their validators, so a new model or field is checked without touching this
file. Exit status 1 when something was found (for cron or a deploy check), 0 otherwise.
"""

from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db.models import Field, Model, Q

from lup.core.dates import EARLIEST_DATE, latest_plausible_date, validate_plausible_date

SHOWN_IDS = 20


@dataclass(frozen=True)
class Finding:
    model: type[Model]
    field: str
    rule: str
    ids: list[Any]
    count: int

    def line(self) -> str:
        shown = ", ".join(str(pk) for pk in self.ids)
        more = f" and {self.count - len(self.ids)} more" if self.count > len(self.ids) else ""
        return (
            f"{self.model._meta.label}.{self.field}: {self.count} outside {self.rule} "
            f"(ids {shown}{more})"
        )


def _rules(field: Field) -> list[tuple[str, Q]]:
    """(rule, condition of the rows breaking it) for each range validator of `field`."""
    name = field.name
    found: list[tuple[str, Q]] = []
    for validator in field.validators:
        if validator is validate_plausible_date:
            earliest, latest = EARLIEST_DATE, latest_plausible_date()
            found.append(
                (
                    f"{earliest.isoformat()}..{latest.isoformat()}",
                    Q(**{f"{name}__lt": earliest}) | Q(**{f"{name}__gt": latest}),
                )
            )
        elif isinstance(validator, MaxValueValidator):
            found.append(
                (f"<= {validator.limit_value}", Q(**{f"{name}__gt": validator.limit_value}))
            )
        elif isinstance(validator, MinValueValidator):
            found.append(
                (f">= {validator.limit_value}", Q(**{f"{name}__lt": validator.limit_value}))
            )
    return found


def find_implausible(models: list[type[Model]] | None = None) -> list[Finding]:
    """Every model field with a range validator, and the stored rows outside the range.

    django-simple-history's shadow models are left out: they record what the rows were.
    """
    findings = []
    for model in models if models is not None else apps.get_models():
        if getattr(model, "instance_type", None) is not None:  # a historical model
            continue
        for field in model._meta.concrete_fields:
            for rule, breaking in _rules(field):
                rows = model._default_manager.filter(breaking).order_by("pk")
                count = rows.count()
                if count:
                    ids = list(rows.values_list("pk", flat=True)[:SHOWN_IDS])
                    findings.append(Finding(model, field.name, rule, ids, count))
    return findings


class Command(BaseCommand):
    help = (
        "List the stored records whose dates lie outside the plausible range or whose counts "
        "and amounts exceed their maximum. Changes nothing; exit status 1 when any is found."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "labels",
            nargs="*",
            metavar="app_label[.ModelName]",
            help="Only these apps or models (default: all).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        labels: list[str] = options["labels"]
        models: list[type[Model]] | None = None
        if labels:
            models = []
            for label in labels:
                try:
                    if "." in label:
                        models.append(apps.get_model(label))
                    else:
                        models.extend(apps.get_app_config(label).get_models())
                except LookupError as exc:
                    raise CommandError(str(exc)) from exc
        findings = find_implausible(models)
        for finding in findings:
            self.stdout.write(finding.line())
        if findings:
            total = sum(finding.count for finding in findings)
            raise CommandError(
                f"{total} value(s) in {len(findings)} field(s) outside their accepted range.",
                returncode=1,
            )
        self.stdout.write("check_data: every stored date, count and amount is in range.")
