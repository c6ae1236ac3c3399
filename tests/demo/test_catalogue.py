"""The demo portfolio's data files (lup/demo/data/) and the loader that reads them."""

import datetime
import importlib
import shutil

import pytest

from lup.demo import catalogue
from lup.demo.catalogue import CatalogueError, Part


def migration_codes(module: str, attribute: str) -> set[str]:
    return {code for code, _name, _name_en in getattr(importlib.import_module(module), attribute)}


SECTORS = migration_codes("procurements.migrations.0002_seed_lookups", "SECTORS")
PROCEDURES = migration_codes("procurements.migrations.0002_seed_lookups", "PROCEDURES")


@pytest.fixture
def data_dir(tmp_path):
    """A copy of the committed data files, to edit."""
    return shutil.copytree(catalogue.DATA_DIR, tmp_path / "data")


def test_the_committed_data_files_load_into_typed_records():
    cat = catalogue.load()
    assert (len(cat.bodies), len(cat.partnerships), len(cat.procurements)) == (58, 51, 144)
    assert len({spec.title for spec in cat.procurements}) == 144  # titles seed the generator
    assert list(cat.volumes) == list(range(2019, 2026))
    epj = cat.procurements[0]
    assert (epj.title, epj.start, epj.lead) == (
        "Elektronisk pasientjournal for kommunene i Nordland",
        datetime.date(2023, 3, 1),
        "Bodø kommune",
    )
    assert epj.others[-1] == Part("Bø", joins=2024)
    assert sum(spec.start is None for spec in cat.procurements) == 3  # planned
    ffi = next(body for body in cat.bodies if body.key == "FFI")
    assert (ffi.org_number, ffi.source) == ("970963340", "lup_actors.csv")
    assert next(body for body in cat.bodies if body.key == "FMA").org_number is None
    # A network with weight 2 is drawn twice as often as the others.
    assert cat.networks.count("Nettverk for innovative anskaffelser i {county}") == 2


def test_the_data_files_use_the_lookup_codes_of_the_migrations():
    cat = catalogue.load()
    assert {spec.sector for spec in cat.procurements} <= SECTORS
    assert set(cat.sectors) == SECTORS == set(cat.suppliers)
    assert {spec.procedure for spec in cat.procurements if spec.procedure} <= PROCEDURES
    assert {p for profile in cat.sectors.values() for p in profile.procedures} <= PROCEDURES
    assert set(cat.procedure_texts) == PROCEDURES


def test_an_unknown_field_in_a_procurement_is_refused_with_its_place(data_dir):
    path = data_dir / "procurements.toml"
    path.write_text(
        path.read_text(encoding="utf-8").replace('sector = "helse"', 'sektor = "helse"', 1),
        encoding="utf-8",
    )
    with pytest.raises(CatalogueError, match=r"procurement 1: .*sektor"):
        catalogue.load(data_dir)


def test_an_end_without_an_outcome_is_refused(data_dir):
    path = data_dir / "procurements.toml"
    path.write_text(
        path.read_text(encoding="utf-8").replace('outcome = "completed"\n', "", 1),
        encoding="utf-8",
    )
    with pytest.raises(CatalogueError, match="outcome"):
        catalogue.load(data_dir)


def test_a_table_with_other_columns_is_refused(data_dir):
    path = data_dir / "advisers.csv"
    path.write_text("username,name\nkari.nordmann,Kari Nordmann\n", encoding="utf-8")
    with pytest.raises(CatalogueError, match="advisers.csv"):
        catalogue.load(data_dir)
