"""Freeze, in the database itself, a closed draft (決裁済・却下・供覧済), its route and attachments.

The triggers and the reasons for them are in ``_guard.py`` (shared with later migrations that
must recreate them on SQLite).
"""

from django.db import migrations

from madoguchi.approvals.migrations._guard import create_guard, drop_guard


class Migration(migrations.Migration):
    dependencies = [("approvals", "0002_initial")]

    operations = [migrations.RunPython(create_guard, drop_guard)]
