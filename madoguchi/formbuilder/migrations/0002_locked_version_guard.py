"""Refuse, in the database itself, any change to a locked form version's definition.

``formbuilder.services`` never edits a locked version (it creates the next one); this trigger
makes sure no other path (a shell, a data migration, a bug) can either, because submissions are
read against the exact definition they answered. Publishing stays possible. Unlocking is refused
too, and so, on PostgreSQL, is deleting a locked version. On SQLite a delete trigger would also
block the test suite's table flush (SQLite has no TRUNCATE); there the foreign keys from the
drafts and submissions that locked the version refuse its deletion instead.

SQLite rebuilds a table when Django alters it, which drops its triggers: a later migration that
alters ``formbuilder_formversion`` must recreate this trigger on SQLite.
"""

from django.db import migrations

POSTGRES_CREATE = """
CREATE OR REPLACE FUNCTION formbuilder_locked_version_guard() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'formbuilder: locked form version %% cannot be deleted', OLD.id
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    IF NEW.definition IS DISTINCT FROM OLD.definition OR NEW.locked_at IS DISTINCT FROM OLD.locked_at
       OR NEW.number <> OLD.number OR NEW.form_id <> OLD.form_id THEN
        RAISE EXCEPTION 'formbuilder: locked form version %% cannot change', OLD.id
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER formbuilder_locked_version_guard
    BEFORE UPDATE OR DELETE ON formbuilder_formversion
    FOR EACH ROW WHEN (OLD.locked_at IS NOT NULL)
    EXECUTE FUNCTION formbuilder_locked_version_guard();
"""
POSTGRES_DROP = """
DROP TRIGGER IF EXISTS formbuilder_locked_version_guard ON formbuilder_formversion;
DROP FUNCTION IF EXISTS formbuilder_locked_version_guard();
"""
SQLITE_CREATE = [
    """
    CREATE TRIGGER formbuilder_locked_version_update
    BEFORE UPDATE ON formbuilder_formversion
    FOR EACH ROW WHEN OLD.locked_at IS NOT NULL AND (
        NEW.definition IS NOT OLD.definition OR NEW.locked_at IS NOT OLD.locked_at
        OR NEW.number IS NOT OLD.number OR NEW.form_id IS NOT OLD.form_id)
    BEGIN SELECT RAISE(ABORT, 'formbuilder: a locked form version cannot change'); END
    """,
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS formbuilder_locked_version_update",
]


def create_guard(apps, schema_editor) -> None:
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(POSTGRES_CREATE)
    elif vendor == "sqlite":
        for statement in SQLITE_CREATE:
            schema_editor.execute(statement)


def drop_guard(apps, schema_editor) -> None:
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(POSTGRES_DROP)
    elif vendor == "sqlite":
        for statement in SQLITE_DROP:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("formbuilder", "0001_initial")]

    operations = [migrations.RunPython(create_guard, drop_guard)]
