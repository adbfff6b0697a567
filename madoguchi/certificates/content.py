"""What each kind of certificate says, from the registry and the tax and seal data.

``gather`` reads the source data (through audited selectors) into a ``Facts``; ``document``
turns facts into the printed ``CertificateDocument``. They are separate so that a request can be
checked before payment (is there anything to certify?) with the same reads that issuing makes.
The specimen (見本) uses fixed fictional facts and reads nobody's data.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from madoguchi.certificates import selectors
from madoguchi.certificates.models import CertificateKind, SealRegistration, TaxAssessment, TaxPayment
from madoguchi.certificates.render import CertificateDocument, Section
from madoguchi.core.wareki import format_wareki
from madoguchi.registry import selectors as registry_selectors
from madoguchi.registry.adapters.base import ResidentData

ISSUER = "茨城県龍ケ崎市長"
# The printed title, in Japanese whatever the page's language (the kind's label is translated).
TITLES = {
    CertificateKind.RESIDENCE: "住民票の写し",
    CertificateKind.SEAL: "印鑑登録証明書",
    CertificateKind.TAXATION: "課税（所得）証明書",
    CertificateKind.TAX_PAYMENT: "納税証明書",
}
SEX = {"male": "男", "female": "女"}
STATEMENTS = {
    CertificateKind.RESIDENCE: "この写しは、世帯全員の住民票の原本と相違ないことを証明する。",
    CertificateKind.SEAL: "この写しは、登録されている印影と相違ないことを証明する。",
    CertificateKind.TAXATION: "上記のとおり相違ないことを証明する。",
    CertificateKind.TAX_PAYMENT: "上記のとおり相違ないことを証明する。",
}


class NothingToCertify(Exception):
    """The records hold nothing this kind of certificate could certify for this resident."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Facts:
    """The data one certificate is printed from."""

    resident: ResidentData
    seal: SealRegistration | None = None
    assessment: TaxAssessment | None = None
    payments: list[TaxPayment] = field(default_factory=list)


def _purpose(kind: str) -> str:
    return f"証明書（{CertificateKind(kind).label}）の発行"


def gather(kind: str, resident_code: str, *, actor: Any) -> Facts:
    """Read what ``kind`` needs for the resident; raises ``NothingToCertify`` when it is not there."""
    purpose = _purpose(kind)
    attributes = ["full_name", "birth_date", "address", "sex", "relationship", "household"]
    resident = registry_selectors.resident_data(
        resident_code, actor=actor, purpose=purpose, attributes=attributes
    )
    if resident is None:
        raise NothingToCertify(_("住民記録が見つかりませんでした。窓口にお問い合わせください。"))
    if kind == CertificateKind.SEAL:
        seal = selectors.seal_registration(resident_code, actor=actor, purpose=purpose)
        if seal is None:
            raise NothingToCertify(_("印鑑登録がありません。印鑑登録は窓口でお手続きください。"))
        return Facts(resident=resident, seal=seal)
    if kind == CertificateKind.TAXATION:
        assessment = selectors.latest_tax_assessment(resident_code, actor=actor, purpose=purpose)
        if assessment is None:
            raise NothingToCertify(_("課税情報がありません。市民税課にお問い合わせください。"))
        return Facts(resident=resident, assessment=assessment)
    if kind == CertificateKind.TAX_PAYMENT:
        payments = selectors.tax_payments(resident_code, actor=actor, purpose=purpose)
        if not payments:
            raise NothingToCertify(_("納税の記録がありません。収納課にお問い合わせください。"))
        return Facts(resident=resident, payments=payments)
    return Facts(resident=resident)


def _yen(amount: int) -> str:
    return f"{amount:,}円"


def _address(resident: ResidentData) -> str:
    return f"{resident.address}{' ' + resident.building if resident.building else ''}"


def _person(resident: ResidentData) -> Section:
    return Section(
        title="",
        rows=[
            ["氏名", f"{resident.full_name}（{resident.last_name_kana} {resident.first_name_kana}）"],
            ["生年月日", format_wareki(resident.birth_date)],
            ["住所", _address(resident)],
        ],
        widths=[1, 3],
    )


def _residence(facts: Facts) -> list[Section]:
    resident = facts.resident
    members = resident.household or (resident,)
    head = next((member for member in members if member.is_head), resident)
    return [
        Section(
            title="",
            rows=[["住所", _address(resident)], ["世帯主", head.full_name]],
            widths=[1, 4],
        ),
        Section(
            title="世帯員",
            header=["氏名（フリガナ）", "生年月日", "性別", "続柄", "住民となった年月日", "前住所"],
            rows=[
                [
                    f"{member.full_name}\n（{member.last_name_kana} {member.first_name_kana}）",
                    format_wareki(member.birth_date),
                    SEX.get(member.sex, ""),
                    member.relationship,
                    format_wareki(member.became_resident_on),
                    member.previous_address,
                ]
                for member in members
            ],
            widths=[3.2, 2.4, 0.9, 1.1, 2.4, 3.6],
        ),
    ]


def _seal(facts: Facts) -> list[Section]:
    seal = facts.seal
    return [
        _person(facts.resident),
        Section(
            title="",
            rows=[
                ["登録番号", seal.registration_number],
                ["登録年月日", format_wareki(seal.registered_on)],
            ],
            widths=[1, 3],
        ),
    ]


def _taxation(facts: Facts) -> list[Section]:
    assessment = facts.assessment
    total = assessment.municipal_tax + assessment.prefectural_tax
    return [
        _person(facts.resident),
        Section(
            title=f"{assessment.fiscal_year}年度（{assessment.income_year}年分所得）",
            rows=[
                ["給与収入", _yen(assessment.salary_income)],
                ["総所得金額", _yen(assessment.total_income)],
                ["所得控除額", _yen(assessment.deductions)],
                ["課税標準額", _yen(assessment.taxable_income)],
                ["扶養人数", f"{assessment.dependents}人"],
                ["市民税", _yen(assessment.municipal_tax)],
                ["県民税", _yen(assessment.prefectural_tax)],
                ["年税額（合計）", _yen(total)],
            ],
            widths=[1, 2],
        ),
    ]


def _tax_payment(facts: Facts) -> list[Section]:
    year = facts.payments[0].fiscal_year
    return [
        _person(facts.resident),
        Section(
            title=f"{year}年度",
            header=["税目", "税額", "納付済額", "未納額"],
            rows=[
                [row.tax_item, _yen(row.assessed), _yen(row.paid), _yen(max(row.assessed - row.paid, 0))]
                for row in facts.payments
            ],
            widths=[2, 1.5, 1.5, 1.5],
        ),
    ]


_TABLES = {
    CertificateKind.RESIDENCE: _residence,
    CertificateKind.SEAL: _seal,
    CertificateKind.TAXATION: _taxation,
    CertificateKind.TAX_PAYMENT: _tax_payment,
}


def document(
    kind: str,
    facts: Facts,
    *,
    verification_code: str,
    verify_url: str,
    issued_on: dt.date,
    verifiable_until: dt.date,
    specimen: bool = False,
) -> CertificateDocument:
    kind = CertificateKind(kind)
    return CertificateDocument(
        title=TITLES[kind],
        tables=_TABLES[kind](facts),
        statement=STATEMENTS[kind],
        issued_on=issued_on,
        issuer=ISSUER,
        verification_code=verification_code,
        verify_url=verify_url,
        verifiable_until=verifiable_until,
        specimen=specimen,
        seal_engraving=facts.seal.engraving if kind == CertificateKind.SEAL else "",
    )


def specimen_facts(kind: str, today: dt.date) -> Facts:
    """Fixed fictional facts for a 見本: nobody's record is read."""
    head = ResidentData(
        resident_code="00000000000",
        last_name="見本",
        first_name="太郎",
        last_name_kana="ミホン",
        first_name_kana="タロウ",
        birth_date=dt.date(1980, 4, 1),
        sex="male",
        postal_code="3018611",
        address="茨城県龍ケ崎市3710番地",
        building="",
        relationship="世帯主",
        is_head=True,
        became_resident_on=dt.date(2010, 4, 1),
        previous_address="茨城県牛久市中央3丁目15番1号",
        household_code="0000000000",
    )
    resident = ResidentData(**{**head.__dict__, "household": (head,)})
    year = today.year if today.month >= 6 else today.year - 1
    return Facts(
        resident=resident,
        seal=SealRegistration(
            registration_number="000000", registered_on=dt.date(2010, 4, 1), engraving="見本"
        ),
        assessment=TaxAssessment(
            fiscal_year=year,
            income_year=year - 1,
            salary_income=4_000_000,
            total_income=2_760_000,
            deductions=1_230_000,
            taxable_income=1_530_000,
            municipal_tax=91_800,
            prefectural_tax=61_200,
            dependents=1,
        ),
        payments=[TaxPayment(fiscal_year=year, tax_item="市県民税", assessed=153_000, paid=153_000)],
    )
