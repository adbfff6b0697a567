"""Guests' accounts get usernames that say they are guests, so telling one needs no query."""

from django.db import migrations
from django.db.models import Value
from django.db.models.functions import Concat, Substr

GUEST_ISSUER = "urn:madoguchi:guest"


def rename_guests(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    ResidentIdentity = apps.get_model("identity", "ResidentIdentity")
    guest_ids = ResidentIdentity.objects.filter(issuer=GUEST_ISSUER).values("user_id")
    # One statement, however many guests there are: "r-<hash>" becomes "guest-<hash>".
    User.objects.filter(pk__in=guest_ids, username__startswith="r-").update(
        username=Concat(Value("guest-"), Substr("username", 3))
    )


def name_guests_as_residents(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    User.objects.filter(username__startswith="guest-", kind="resident").update(
        username=Concat(Value("r-"), Substr("username", 7))
    )


class Migration(migrations.Migration):
    dependencies = [
        ("identity", "0001_initial"),
        ("accounts", "0003_roleassignment"),
    ]

    operations = [migrations.RunPython(rename_guests, name_guests_as_residents)]
