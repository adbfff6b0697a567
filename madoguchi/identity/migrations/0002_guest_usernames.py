"""Guests' accounts get usernames that say they are guests, so telling one needs no query."""

from django.db import migrations

GUEST_ISSUER = "urn:madoguchi:guest"


def rename_guests(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    ResidentIdentity = apps.get_model("identity", "ResidentIdentity")
    guest_ids = ResidentIdentity.objects.filter(issuer=GUEST_ISSUER).values_list("user_id", flat=True)
    for user in User.objects.filter(pk__in=guest_ids, username__startswith="r-").only("pk", "username"):
        User.objects.filter(pk=user.pk).update(username="guest-" + user.username.removeprefix("r-"))


def name_guests_as_residents(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    for user in User.objects.filter(username__startswith="guest-", kind="resident").only("pk", "username"):
        User.objects.filter(pk=user.pk).update(username="r-" + user.username.removeprefix("guest-"))


class Migration(migrations.Migration):
    dependencies = [
        ("identity", "0001_initial"),
        ("accounts", "0003_roleassignment"),
    ]

    operations = [migrations.RunPython(rename_guests, name_guests_as_residents)]
