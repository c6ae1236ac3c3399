"""The database refuses to change the code of an activity kind the counting rules name
(outreach.models.PROTECTED_KIND_CODES: "webinar", rule 6).

A trigger, because a check constraint cannot see a row's old value, and because the database
then refuses the change from every writer (admin, API, shell, a fixture) alone. Deleting the
row is not refused here: activities protect their kind (on_delete=PROTECT) and admin offers no
delete for it, while a trigger on DELETE would break `flush` on SQLite. A later migration that
rebuilds this table on SQLite (an AlterField there) drops the trigger: recreate it then
(tests/outreach/test_protected_kinds.py fails until it is back).
"""

from django.db import migrations

CODES = ("webinar",)  # frozen copy of PROTECTED_KIND_CODES at the time of this migration
NAME = "outreach_activitykind_keep_code"
MESSAGE = "The code of this activity kind is used by the counting rules and cannot be changed."
CODE_LIST = ", ".join(f"'{code}'" for code in CODES)

POSTGRESQL = [
    f"""
    CREATE FUNCTION {NAME}() RETURNS trigger AS $$
    BEGIN
        IF OLD.code IN ({CODE_LIST}) AND NEW.code IS DISTINCT FROM OLD.code THEN
            RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
    END
    $$ LANGUAGE plpgsql
    """,
    f"""
    CREATE TRIGGER {NAME} BEFORE UPDATE OF code ON outreach_activitykind
    FOR EACH ROW EXECUTE FUNCTION {NAME}()
    """,
]
POSTGRESQL_REVERSE = [
    f"DROP TRIGGER IF EXISTS {NAME} ON outreach_activitykind",
    f"DROP FUNCTION IF EXISTS {NAME}()",
]
SQLITE = [
    f"""
    CREATE TRIGGER {NAME} BEFORE UPDATE OF code ON outreach_activitykind
    FOR EACH ROW WHEN OLD.code IN ({CODE_LIST}) AND NEW.code IS NOT OLD.code
    BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END
    """
]
SQLITE_REVERSE = [f"DROP TRIGGER IF EXISTS {NAME}"]


def statements(forwards: bool):
    def run(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        if vendor == "postgresql":
            sql = POSTGRESQL if forwards else POSTGRESQL_REVERSE
        elif vendor == "sqlite":
            sql = SQLITE if forwards else SQLITE_REVERSE
        else:
            return
        for statement in sql:
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("outreach", "0005_norwegian_collation_on_names")]
    operations = [migrations.RunPython(statements(True), statements(False))]
