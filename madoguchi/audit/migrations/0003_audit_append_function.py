"""On PostgreSQL, append to the chain in one server-side call.

``audit_append(content)`` takes the advisory lock, reads the chain head, computes the hash exactly
as ``madoguchi.audit.chain`` does, and inserts — one round trip, so the lock that serialises
appends is held for well under a millisecond. Called in autocommit on the ``audit`` connection,
the call is its own transaction and the lock ends with it.
"""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION audit_append(content text) RETURNS TABLE (new_seq bigint, prev_hash varchar, new_hash varchar)
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
    event jsonb := content::jsonb;
    last_seq bigint;
    last_hash varchar;
    row_json text;
BEGIN
    PERFORM pg_advisory_xact_lock(1296122959);  -- madoguchi.audit.services.CHAIN_LOCK_KEY
    SELECT e.seq, e.hash INTO last_seq, last_hash FROM audit_auditevent e ORDER BY e.seq DESC LIMIT 1;
    IF NOT FOUND THEN
        last_seq := 0;
        last_hash := repeat('0', 64);
    END IF;
    new_seq := last_seq + 1;
    prev_hash := last_hash;
    row_json := '{"chain":{"prev_hash":"' || last_hash || '","seq":' || new_seq || '},"event":' || content || '}';
    new_hash := encode(sha256(convert_to(last_hash || row_json, 'UTF8')), 'hex');
    INSERT INTO audit_auditevent (seq, occurred_at, actor_id, actor_label, action, object_type, object_id,
                                  purpose, request_id, ip, details, prev_hash, hash)
    VALUES (new_seq, (event->>'occurred_at')::timestamptz, (event->>'actor_id')::bigint,
            event->>'actor_label', event->>'action', event->>'object_type', event->>'object_id',
            event->>'purpose', event->>'request_id', (event->>'ip')::inet, event->'details',
            last_hash, new_hash);
    RETURN NEXT;
END;
$$;
"""

DROP = "DROP FUNCTION IF EXISTS audit_append(text);"


def create_function(apps, schema_editor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE.replace("%", "%%"))


def drop_function(apps, schema_editor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_append_only_trigger")]

    operations = [migrations.RunPython(create_function, drop_function)]
