"""The data version's triggers, on PostgreSQL and SQLite.

Every table the figures can read gets a trigger that sets the one row of reporting_dataversion
to a new number, in the same transaction as the write: the tables of partners, procurements
and outreach (records, code lists, lookups and the many-to-many tables), not their history
tables. Triggers see every write, including those Django's signals never hear of
(QuerySet.update(), bulk_create, raw SQL, COPY, loaddata, cascades).

- PostgreSQL: one AFTER ... FOR EACH STATEMENT trigger per table (INSERT, UPDATE, DELETE,
  TRUNCATE, so COPY and bulk writes too) notes, once per transaction, that the transaction
  changed data: a row in reporting_pending_change, with a transaction-local setting so the
  note is written once. A deferred constraint trigger on that row sets the version to
  nextval() of a sequence when the transaction commits. Writers therefore take no lock in
  common while they work (the version row is locked only during their commits), and a
  version is never handed out twice, even after a rollback. Until it commits, a writing
  transaction reads its own changes under the old version: summary.data_version() sees the
  note and the transaction's reads bypass the cache. `SET CONSTRAINTS reporting_data_version
  IMMEDIATE` (immediate_versions()) bumps after each statement instead: the tests use it, as
  their transactions never commit.
- SQLite: AFTER INSERT, UPDATE and DELETE triggers per table (SQLite has only row triggers)
  set it to random(), a 64-bit number that does not come back after a rollback either.

install() also gives the row a new random epoch (lup.reporting.models.DataVersion).

install() runs in the migration that creates the table and again after every `migrate`
(post_migrate, lup.reporting.apps): a table created later gets its trigger, and SQLite, which
rebuilds a table to alter a column and loses its triggers, gets them back. installed_tables()
tells which tables have them.
"""

import secrets
from typing import Any

from django.apps import apps
from django.db import models
from django.db.backends.base.base import BaseDatabaseWrapper

WATCHED_APPS = ("partners", "procurements", "outreach")
TABLE = "reporting_dataversion"
SEQUENCE = "reporting_dataversion_seq"
FUNCTION = "reporting_bump_data_version"
NOTE_FUNCTION = "reporting_note_data_change"
PENDING = "reporting_pending_change"
# A transaction-local setting: the id of the transaction that changed data, once noted.
SETTING = "lup.data_changed"
TRIGGER = "reporting_data_version"
SQLITE_OPERATIONS = ("INSERT", "UPDATE", "DELETE")


def _is_history(model: type[models.Model]) -> bool:
    return model.__name__.startswith("Historical") and hasattr(model, "history_id")


def watched_tables() -> list[str]:
    """The tables of WATCHED_APPS (with their many-to-many tables), history tables left out."""
    tables: set[str] = set()
    for label in WATCHED_APPS:
        for model in apps.get_app_config(label).get_models(include_auto_created=True):
            if model._meta.managed and not model._meta.proxy and not _is_history(model):
                tables.add(model._meta.db_table)
    return sorted(tables)


def _existing(connection: BaseDatabaseWrapper) -> set[str]:
    with connection.cursor() as cursor:
        return set(connection.introspection.table_names(cursor))


def install(connection: BaseDatabaseWrapper) -> list[str]:
    """Create or replace the triggers on every watched table, make sure the version row exists
    and give it a new number (the tables may have changed without one). Returns the tables."""
    existing = _existing(connection)
    if TABLE not in existing:
        return []
    tables = [table for table in watched_tables() if table in existing]
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"CREATE SEQUENCE IF NOT EXISTS {SEQUENCE}")
            cursor.execute(f"CREATE TABLE IF NOT EXISTS {PENDING} (txid bigint PRIMARY KEY)")
            # Per statement: note once per transaction that it changed data (no lock taken).
            cursor.execute(
                f"""
                CREATE OR REPLACE FUNCTION {NOTE_FUNCTION}() RETURNS trigger AS $$
                BEGIN
                    IF current_setting('{SETTING}', true) IS DISTINCT FROM
                            txid_current()::text THEN
                        PERFORM set_config('{SETTING}', txid_current()::text, true);
                        INSERT INTO {PENDING} (txid) VALUES (txid_current())
                            ON CONFLICT DO NOTHING;
                    END IF;
                    RETURN NULL;
                END;
                $$ LANGUAGE plpgsql
                """
            )
            # At commit (a deferred constraint trigger on the note): the new version.
            cursor.execute(
                f"""
                CREATE OR REPLACE FUNCTION {FUNCTION}() RETURNS trigger AS $$
                BEGIN
                    UPDATE {TABLE} SET version = nextval('{SEQUENCE}') WHERE id = 1;
                    DELETE FROM {PENDING} WHERE txid = NEW.txid;
                    -- A later change in the same transaction is noted again (it fires
                    -- before the commit only under SET CONSTRAINTS ... IMMEDIATE).
                    PERFORM set_config('{SETTING}', '', true);
                    RETURN NULL;
                END;
                $$ LANGUAGE plpgsql
                """
            )
            cursor.execute(f"DROP TRIGGER IF EXISTS {TRIGGER} ON {PENDING}")
            cursor.execute(
                f"CREATE CONSTRAINT TRIGGER {TRIGGER} AFTER INSERT ON {PENDING} "
                f"DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION {FUNCTION}()"
            )
            for table in tables:
                cursor.execute(f"DROP TRIGGER IF EXISTS {TRIGGER} ON {quote(table)}")
                cursor.execute(
                    f"CREATE TRIGGER {TRIGGER} AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE "
                    f"ON {quote(table)} FOR EACH STATEMENT EXECUTE FUNCTION {NOTE_FUNCTION}()"
                )
            new_version = f"nextval('{SEQUENCE}')"
        elif connection.vendor == "sqlite":
            for table in tables:
                for operation in SQLITE_OPERATIONS:
                    name = quote(f"{TRIGGER}_{table}_{operation.lower()}")
                    cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
                    cursor.execute(
                        f"CREATE TRIGGER {name} AFTER {operation} ON {quote(table)} BEGIN "
                        f"UPDATE {TABLE} SET version = random() WHERE id = 1; END"
                    )
            new_version = "random()"
        else:  # pragma: no cover - the project runs on PostgreSQL and SQLite only
            raise NotImplementedError(f"No data-version triggers for {connection.vendor}")
        cursor.execute(
            f"INSERT INTO {TABLE} (id, epoch, version) SELECT 1, 0, 0 "
            f"WHERE NOT EXISTS (SELECT 1 FROM {TABLE} WHERE id = 1)"
        )
        cursor.execute(
            f"UPDATE {TABLE} SET epoch = %s, version = {new_version} WHERE id = 1",
            [secrets.randbits(62)],
        )
    return tables


def installed_tables(connection: BaseDatabaseWrapper) -> set[str]:
    """The tables that have the data-version trigger (all of SQLite's three operations)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
                "WHERE t.tgname = %s AND NOT t.tgisinternal AND c.relname <> %s",
                [TRIGGER, PENDING],
            )
            return {row[0] for row in cursor.fetchall()}
        cursor.execute("SELECT tbl_name, name FROM sqlite_master WHERE type = 'trigger'")
        found: dict[str, int] = {}
        for table, name in cursor.fetchall():
            if name.startswith(f"{TRIGGER}_{table}_"):
                found[table] = found.get(table, 0) + 1
        return {table for table, n in found.items() if n == len(SQLITE_OPERATIONS)}


def immediate_versions(connection: BaseDatabaseWrapper) -> None:
    """In the current transaction, give the new version after each writing statement instead
    of at commit (PostgreSQL; SQLite's triggers always do)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"SET CONSTRAINTS {TRIGGER} IMMEDIATE")


def install_after_migrate(using: str = "default", **kwargs: Any) -> None:
    """post_migrate handler: (re)install the triggers on the database just migrated."""
    from django.db import connections

    install(connections[using])
