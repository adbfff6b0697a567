"""A small city for application tests: one procedure with a two-step form, one household."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from madoguchi.demo.services import seed_organization, seed_staff
from madoguchi.formbuilder import services as form_services
from madoguchi.identity import services as identity_services
from madoguchi.organization.selectors import department_by_code
from madoguchi.procedures import services as procedure_services
from madoguchi.registry.services import Member, register_household

HEAD_CODE = "08208200001"
CHILD_CODE = "08208200002"

FORM: dict[str, Any] = {
    "steps": [
        {
            "key": "applicant",
            "title": {"ja": "申請者", "en": "Applicant"},
            "fields": [
                {
                    "key": "name",
                    "type": "japanese_name",
                    "label": {"ja": "氏名", "en": "Name"},
                    "required": True,
                    "prefill": "full_name",
                },
                {
                    "key": "birth_date",
                    "type": "date",
                    "label": {"ja": "生年月日", "en": "Date of birth"},
                    "required": True,
                    "prefill": "birth_date",
                },
                {
                    "key": "address",
                    "type": "address",
                    "label": {"ja": "住所", "en": "Address"},
                    "required": True,
                    "prefill": "address",
                },
                {"key": "email", "type": "email", "label": {"ja": "メールアドレス", "en": "E-mail"}},
            ],
        },
        {
            "key": "request",
            "title": {"ja": "請求内容", "en": "Request"},
            "fields": [
                {
                    "key": "children",
                    "type": "group",
                    "label": {"ja": "お子さん", "en": "Children"},
                    "prefill": "household_children",
                    "fields": [
                        {
                            "key": "name",
                            "type": "japanese_name",
                            "label": {"ja": "氏名", "en": "Name"},
                            "required": True,
                        },
                        {
                            "key": "birth_date",
                            "type": "date",
                            "label": {"ja": "生年月日", "en": "Date of birth"},
                            "required": True,
                        },
                    ],
                },
                {
                    "key": "purpose",
                    "type": "choice",
                    "widget": "radio",
                    "label": {"ja": "利用目的", "en": "Purpose"},
                    "required": True,
                    "options": [
                        {"value": "bank", "label": {"ja": "金融機関", "en": "Bank"}},
                        {"value": "other", "label": {"ja": "その他", "en": "Other"}},
                    ],
                },
                {
                    "key": "purpose_other",
                    "type": "text",
                    "label": {"ja": "その他の目的", "en": "Other purpose"},
                    "show_if": {"field": "purpose", "equals": "other"},
                    "required": True,
                },
                {
                    "key": "copies",
                    "type": "number",
                    "label": {"ja": "通数", "en": "Copies"},
                    "min": 1,
                    "max": 10,
                    "required": True,
                },
                {
                    "key": "attachment",
                    "type": "file",
                    "label": {"ja": "委任状など", "en": "Letter of attorney etc."},
                    "max_size": 2 * 1024 * 1024,
                    "accept": ["application/pdf", "image/png", "image/jpeg"],
                },
                {
                    "key": "fee",
                    "type": "fee",
                    "label": {"ja": "手数料", "en": "Fee"},
                    "unit_price": 300,
                    "times": "copies",
                },
            ],
        },
    ]
}


@pytest.fixture
def city():
    municipality = seed_organization()
    seed_staff(municipality)
    return municipality


def make_procedure(municipality):
    """テスト証明書の交付請求 (市民窓口課), with the two-step ``FORM``."""
    form_services.create_form(code="test-certificate", title="テスト証明書", definition=FORM)
    return procedure_services.upsert_procedure(
        code="test-certificate",
        department=department_by_code(municipality, "shimin-madoguchi"),
        title="テスト証明書の交付請求",
        title_en="Test certificate",
        summary="テスト用の手続です。",
        category="certificates",
        applicant_types=["self"],
        sign_in_level="account",
        fee_rule={"type": "per_unit", "unit_price": 300, "unit_field": "copies", "unit_label": "通"},
        channel="online",
        processing_days=5,
        form_code="test-certificate",
    )


@pytest.fixture
def procedure(city):
    return make_procedure(city)


def make_household() -> str:
    """One household in 久保台: 龍ケ崎 太郎 (head) and his daughter 花; returns the head's code."""
    moved_in = dt.date(2015, 4, 1)
    register_household(
        household_code="0820820001",
        postal_code="3010001",
        address="茨城県龍ケ崎市久保台2丁目3番4号",
        town="久保台",
        members=[
            Member(
                resident_code=HEAD_CODE,
                last_name="龍ケ崎",
                first_name="太郎",
                last_name_kana="リュウガサキ",
                first_name_kana="タロウ",
                birth_date=dt.date(1985, 6, 1),
                sex="male",
                relationship="世帯主",
                became_resident_on=moved_in,
            ),
            Member(
                resident_code=CHILD_CODE,
                last_name="龍ケ崎",
                first_name="花",
                last_name_kana="リュウガサキ",
                first_name_kana="ハナ",
                birth_date=dt.date(2018, 9, 9),
                sex="female",
                relationship="子",
                became_resident_on=dt.date(2018, 9, 9),
            ),
        ],
    )
    return HEAD_CODE


@pytest.fixture
def household() -> str:
    return make_household()


@pytest.fixture
def resident(household, city):
    """The head of the household, with an account linked to the record (as after a card sign-in)."""
    from madoguchi.accounts.selectors import staff_by_username

    return identity_services.counter_account(resident_code=household, actor=staff_by_username("admin.joho"))


@pytest.fixture
def clerk(city):
    """A 市民窓口課 staff member (the procedure's department)."""
    from madoguchi.accounts.selectors import staff_by_username

    return staff_by_username("sakamoto.m")


def fill_in(client, procedure_code: str = "test-certificate", *, copies: str = "2") -> str:
    """Start, consent, both steps and review: returns the review page's URL."""
    response = client.post(f"/apply/{procedure_code}/")
    assert response.status_code == 302, response.content.decode()[:500]
    draft_url = response["Location"]
    consent_url = client.get(draft_url)["Location"]
    assert consent_url.endswith("/consent/")
    client.post(consent_url, {"decision": "accept"})
    step_url = client.get(draft_url)["Location"]
    assert step_url.endswith("/step/applicant/")
    response = client.post(step_url, {"email": "taro@example.jp"})
    assert response.status_code == 302, response.content.decode()[:3000]
    response = client.post(response["Location"], {"purpose": "bank", "copies": copies})
    assert response.status_code == 302, response.content.decode()[:3000]
    assert response["Location"].endswith("/review/")
    return response["Location"]
