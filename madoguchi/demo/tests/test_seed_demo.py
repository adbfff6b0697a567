"""``seed_demo`` fills a realistic Ryugasaki and is safe to run again."""

import re
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from madoguchi.accounts.models import User
from madoguchi.audit.selectors import verify_trail
from madoguchi.demo.data.places import CITY, TOWNS
from madoguchi.demo.management.commands.demo_totp import demo_totp_code
from madoguchi.demo.services import DEMO_LOGINS, DEMO_PASSWORD
from madoguchi.organization.models import Department, Membership
from madoguchi.registry.models import Household, ResidentRecord

pytestmark = [pytest.mark.django_db, pytest.mark.sqlite_subset]

README = Path(__file__).resolve().parents[3] / "README.md"


def _counts() -> dict[str, int]:
    return {
        "bu": Department.objects.filter(level="bu").count(),
        "ka": Department.objects.filter(level="ka").count(),
        "staff": User.objects.filter(kind="staff").count(),
        "memberships": Membership.objects.count(),
        "households": Household.objects.count(),
        "residents": ResidentRecord.objects.count(),
    }


def test_seed_demo_builds_the_city_and_a_second_run_changes_nothing():
    call_command("seed_demo", "--no-progress")
    first = _counts()
    assert first["bu"] >= 8 and first["ka"] >= 25
    assert first["staff"] >= 20
    assert first["residents"] >= 300
    assert Department.objects.filter(name="情報管理課", parent__name="総務部").exists()
    call_command("seed_demo", "--no-progress")
    assert _counts() == first
    assert verify_trail().ok


def test_residents_live_in_households_in_real_ryugasaki_towns():
    call_command("seed_demo", "--no-progress")
    town_names = {town.name for town in TOWNS}
    postal = {town.name: town.postal_code for town in TOWNS}
    for household in Household.objects.prefetch_related("members"):
        assert household.town in town_names
        assert household.postal_code == postal[household.town]
        assert household.address.startswith(f"茨城県{CITY}{household.town}")
        members = list(household.members.all())
        assert sum(m.is_head for m in members) == 1
    assert Household.objects.values("town").distinct().count() >= 20
    assert all(
        re.fullmatch(r"[ァ-ヴー]+", r.last_name_kana + r.first_name_kana)
        for r in ResidentRecord.objects.all()
    )


def test_demo_logins_work_and_are_listed_in_the_readme(client):
    call_command("seed_demo", "--no-progress")
    readme = README.read_text(encoding="utf-8")
    assert DEMO_PASSWORD in readme
    for login in DEMO_LOGINS:
        assert login.username in readme
        response = client.post("/staff/login/", {"username": login.username, "password": DEMO_PASSWORD})
        assert response.status_code == 302 and response["Location"].startswith("/staff/login/verify/")
        assert client.post("/staff/login/verify/", {"token": demo_totp_code()}).status_code == 302
        assert client.get("/staff/").status_code == 200
        client.post("/staff/logout/")


def test_seed_demo_refuses_to_run_in_production(settings):
    settings.IS_PRODUCTION = True
    with pytest.raises(CommandError, match="本番環境"):
        call_command("seed_demo", "--no-progress")
    assert not ResidentRecord.objects.exists()
