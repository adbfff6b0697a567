"""Triggers that freeze a closed draft (決裁済・却下・供覧済), its route and attachments, in the database.

``approvals.services`` never changes a closed draft; these triggers make sure no other path (a
shell, a data migration, a bug) can either, because a decision must stay what it was when taken.
The history (``approvals_action``) may only ever grow: updating or deleting an action is refused
at all times, while inserting one stays possible after closing (a 後閲 is a new action).

On SQLite a delete trigger would block the test suite's table flush (SQLite has no TRUNCATE), so
there deletes are refused by the protecting foreign keys instead (an action refers to its draft).
SQLite rebuilds a table when Django alters it, which drops its triggers: a later migration that
alters one of these tables must recreate its trigger on SQLite.
"""

CLOSED = "('decided', 'rejected', 'circulated')"

POSTGRES_CREATE = f"""
CREATE OR REPLACE FUNCTION approvals_refuse(what text) RETURNS void AS $$
BEGIN
    RAISE EXCEPTION 'approvals: %%', what USING ERRCODE = 'integrity_constraint_violation';
END;
$$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION approvals_draft_guard() RETURNS trigger AS $$
BEGIN
    PERFORM approvals_refuse('a closed draft cannot change');
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER approvals_draft_guard
    BEFORE UPDATE OR DELETE ON approvals_draft
    FOR EACH ROW WHEN (OLD.status IN {CLOSED})
    EXECUTE FUNCTION approvals_draft_guard();

CREATE OR REPLACE FUNCTION approvals_route_guard() RETURNS trigger AS $$
DECLARE
    draft_status text;
    row_draft bigint;
BEGIN
    IF TG_TABLE_NAME = 'approvals_stagemember' THEN
        SELECT s.draft_id INTO row_draft FROM approvals_stage s
         WHERE s.id = CASE WHEN TG_OP = 'INSERT' THEN NEW.stage_id ELSE OLD.stage_id END;
    ELSE
        row_draft := CASE WHEN TG_OP = 'INSERT' THEN NEW.draft_id ELSE OLD.draft_id END;
    END IF;
    SELECT status INTO draft_status FROM approvals_draft WHERE id = row_draft;
    IF draft_status IN {CLOSED} THEN
        PERFORM approvals_refuse('the route and attachments of a closed draft cannot change');
    END IF;
    IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER approvals_stage_guard BEFORE INSERT OR UPDATE OR DELETE ON approvals_stage
    FOR EACH ROW EXECUTE FUNCTION approvals_route_guard();
CREATE TRIGGER approvals_stagemember_guard BEFORE INSERT OR UPDATE OR DELETE ON approvals_stagemember
    FOR EACH ROW EXECUTE FUNCTION approvals_route_guard();
CREATE TRIGGER approvals_attachment_guard BEFORE INSERT OR UPDATE OR DELETE ON approvals_draftattachment
    FOR EACH ROW EXECUTE FUNCTION approvals_route_guard();

CREATE OR REPLACE FUNCTION approvals_action_guard() RETURNS trigger AS $$
BEGIN
    PERFORM approvals_refuse('an action is never changed or deleted');
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER approvals_action_guard BEFORE UPDATE OR DELETE ON approvals_action
    FOR EACH ROW EXECUTE FUNCTION approvals_action_guard();
"""
POSTGRES_DROP = """
DROP TRIGGER IF EXISTS approvals_action_guard ON approvals_action;
DROP TRIGGER IF EXISTS approvals_attachment_guard ON approvals_draftattachment;
DROP TRIGGER IF EXISTS approvals_stagemember_guard ON approvals_stagemember;
DROP TRIGGER IF EXISTS approvals_stage_guard ON approvals_stage;
DROP TRIGGER IF EXISTS approvals_draft_guard ON approvals_draft;
DROP FUNCTION IF EXISTS approvals_action_guard();
DROP FUNCTION IF EXISTS approvals_route_guard();
DROP FUNCTION IF EXISTS approvals_draft_guard();
DROP FUNCTION IF EXISTS approvals_refuse(text);
"""


def _closed(draft_id_sql: str) -> str:
    return f"(SELECT status FROM approvals_draft WHERE id = {draft_id_sql}) IN {CLOSED}"


_MEMBER_DRAFT = "(SELECT draft_id FROM approvals_stage WHERE id = {}.stage_id)"
SQLITE_CREATE = [
    f"""CREATE TRIGGER approvals_draft_update BEFORE UPDATE ON approvals_draft
    FOR EACH ROW WHEN OLD.status IN {CLOSED}
    BEGIN SELECT RAISE(ABORT, 'approvals: a closed draft cannot change'); END""",
    f"""CREATE TRIGGER approvals_stage_insert BEFORE INSERT ON approvals_stage
    FOR EACH ROW WHEN {_closed("NEW.draft_id")}
    BEGIN SELECT RAISE(ABORT, 'approvals: the route of a closed draft cannot change'); END""",
    f"""CREATE TRIGGER approvals_stage_update BEFORE UPDATE ON approvals_stage
    FOR EACH ROW WHEN {_closed("OLD.draft_id")}
    BEGIN SELECT RAISE(ABORT, 'approvals: the route of a closed draft cannot change'); END""",
    f"""CREATE TRIGGER approvals_stagemember_insert BEFORE INSERT ON approvals_stagemember
    FOR EACH ROW WHEN {_closed(_MEMBER_DRAFT.format("NEW"))}
    BEGIN SELECT RAISE(ABORT, 'approvals: the route of a closed draft cannot change'); END""",
    f"""CREATE TRIGGER approvals_stagemember_update BEFORE UPDATE ON approvals_stagemember
    FOR EACH ROW WHEN {_closed(_MEMBER_DRAFT.format("OLD"))}
    BEGIN SELECT RAISE(ABORT, 'approvals: the route of a closed draft cannot change'); END""",
    f"""CREATE TRIGGER approvals_attachment_insert BEFORE INSERT ON approvals_draftattachment
    FOR EACH ROW WHEN {_closed("NEW.draft_id")}
    BEGIN SELECT RAISE(ABORT, 'approvals: the attachments of a closed draft cannot change'); END""",
    f"""CREATE TRIGGER approvals_attachment_update BEFORE UPDATE ON approvals_draftattachment
    FOR EACH ROW WHEN {_closed("OLD.draft_id")}
    BEGIN SELECT RAISE(ABORT, 'approvals: the attachments of a closed draft cannot change'); END""",
    """CREATE TRIGGER approvals_action_update BEFORE UPDATE ON approvals_action
    FOR EACH ROW BEGIN SELECT RAISE(ABORT, 'approvals: an action is never changed'); END""",
]
SQLITE_DROP = [
    f"DROP TRIGGER IF EXISTS {name}"
    for name in (
        "approvals_draft_update",
        "approvals_stage_insert",
        "approvals_stage_update",
        "approvals_stagemember_insert",
        "approvals_stagemember_update",
        "approvals_attachment_insert",
        "approvals_attachment_update",
        "approvals_action_update",
    )
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


def recreate_on_sqlite(apps, schema_editor) -> None:
    """SQLite drops a table's triggers when Django rebuilds it: put them all back."""
    if schema_editor.connection.vendor == "sqlite":
        for statement in SQLITE_DROP + SQLITE_CREATE:
            schema_editor.execute(statement)


def drop_on_sqlite(apps, schema_editor) -> None:
    """Before SQLite rebuilds a guarded table: triggers naming it would break the rebuild."""
    if schema_editor.connection.vendor == "sqlite":
        for statement in SQLITE_DROP:
            schema_editor.execute(statement)
