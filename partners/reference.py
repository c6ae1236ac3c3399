"""Build the reference fixture (counties, municipalities and their public bodies) from the CSV
code lists in shared/reference/: the 2020–2023 map and the map in force from 2024-01-01.

A code that is the same in both maps (same number, name and organisation number) becomes one
row valid from 2020-01-01 with no end. A code that changed becomes two rows: the old one valid
to 2023-12-31, the new one from 2024-01-01. Rows are tied to one public body per organisation
number, so a municipality renumbered in 2024 is one body with two codes.
"""

import csv
import datetime
from pathlib import Path
from typing import Any

MAP_2020 = datetime.date(2020, 1, 1)
MAP_2024 = datetime.date(2024, 1, 1)
END_2023 = datetime.date(2023, 12, 31)


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def build_reference_fixture(reference_dir: Path) -> list[dict[str, Any]]:
    """Return the fixture as a list of Django serialization objects, with stable primary keys."""
    counties_2023 = _read(reference_dir / "counties_2020_2023.csv")
    counties_2024 = _read(reference_dir / "counties_2024.csv")
    municipalities_2023 = _read(reference_dir / "municipalities_2020_2023.csv")
    municipalities_2024 = _read(reference_dir / "municipalities_2024.csv")

    bodies: list[dict[str, Any]] = []
    body_pk_by_key: dict[str, int] = {}

    def body(key: str, name: str, org_number: str | None, body_type: str) -> int:
        if key not in body_pk_by_key:
            pk = len(bodies) + 1
            body_pk_by_key[key] = pk
            bodies.append(
                {
                    "model": "partners.publicbody",
                    "pk": pk,
                    "fields": {
                        "name": name,
                        "org_number": org_number or None,
                        "body_type": body_type,
                        "notes": "",
                        "created_at": "2024-01-01T00:00:00Z",
                        "updated_at": "2024-01-01T00:00:00Z",
                    },
                }
            )
        return body_pk_by_key[key]

    # Municipal bodies: one per organisation number, named after their newest code.
    orgs_2024 = {row["org_number"] for row in municipalities_2024}
    for row in municipalities_2024:
        body(row["org_number"], f"{row['name']} kommune", row["org_number"], "municipal")
    for row in municipalities_2023:
        if row["org_number"] not in orgs_2024:  # dissolved in 2024 (1507 Ålesund)
            body(
                row["org_number"],
                f"{row['name']} kommune (2020–2023)",
                row["org_number"],
                "municipal",
            )

    # County authorities. Oslo has no fylkeskommune: Oslo kommune does the county-level work.
    oslo_org = next(
        row["org_number"] for row in municipalities_2024 if row["kommunenummer"] == "0301"
    )
    county_orgs = {row["county_number"]: row["org_number"] for row in counties_2024}

    def county_body(number: str, name: str) -> int:
        if number == "03":
            return body_pk_by_key[oslo_org]
        org = county_orgs.get(number)
        return body(org or f"county-{number}", f"{name} fylkeskommune", org, "county")

    counties: list[dict[str, Any]] = []
    county_pk: dict[tuple[str, datetime.date], int] = {}

    def county(number: str, name: str, valid_from: datetime.date, valid_to) -> None:
        pk = len(counties) + 1
        county_pk[(number, valid_from)] = pk
        counties.append(
            {
                "model": "partners.county",
                "pk": pk,
                "fields": {
                    "number": number,
                    "name": name,
                    "valid_from": valid_from.isoformat(),
                    "valid_to": valid_to.isoformat() if valid_to else None,
                    "body": county_body(number, name),
                },
            }
        )

    new_counties = {(row["county_number"], row["name"]) for row in counties_2024}
    for row in counties_2023:
        kept = (row["county_number"], row["name"]) in new_counties
        county(row["county_number"], row["name"], MAP_2020, None if kept else END_2023)
    old_counties = {(row["county_number"], row["name"]) for row in counties_2023}
    for row in counties_2024:
        if (row["county_number"], row["name"]) not in old_counties:
            county(row["county_number"], row["name"], MAP_2024, None)

    def county_for(number: str, day: datetime.date) -> int:
        if (number, MAP_2020) in county_pk and (
            day < MAP_2024 or (number, MAP_2024) not in county_pk
        ):
            return county_pk[(number, MAP_2020)]
        return county_pk[(number, MAP_2024)]

    municipalities: list[dict[str, Any]] = []

    def municipality(row: dict[str, str], valid_from: datetime.date, valid_to) -> None:
        municipalities.append(
            {
                "model": "partners.municipality",
                "pk": len(municipalities) + 1,
                "fields": {
                    "number": row["kommunenummer"],
                    "name": row["name"],
                    "county": county_for(row["county_number"], valid_from),
                    "org_number": row["org_number"],
                    "valid_from": valid_from.isoformat(),
                    "valid_to": valid_to.isoformat() if valid_to else None,
                    "body": body_pk_by_key[row["org_number"]],
                },
            }
        )

    def identity(row: dict[str, str]) -> tuple[str, str, str]:
        return (row["kommunenummer"], row["name"], row["org_number"])

    identities_2024 = {identity(row) for row in municipalities_2024}
    identities_2023 = {identity(row) for row in municipalities_2023}
    for row in municipalities_2023:
        municipality(row, MAP_2020, None if identity(row) in identities_2024 else END_2023)
    for row in municipalities_2024:
        if identity(row) not in identities_2023:
            municipality(row, MAP_2024, None)

    return bodies + counties + municipalities
