"""Seeding the demo: Ryugasaki's organisation, staff and fictional residents.

Every step is idempotent (matched by codes and usernames), so ``seed_demo`` can run again after
a partial failure or on an already-seeded database without duplicating anything. Residents are
generated from a fixed random seed, so every demo shows the same people at the same addresses.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from django.contrib.auth.hashers import make_password
from django.db import transaction

from madoguchi.accounts.selectors import staff_by_username
from madoguchi.accounts.services import DEMO_TOTP_SECRET, assign_role, create_staff_user, install_known_totp
from madoguchi.approvals import services as approval_services
from madoguchi.certificates import services as certificate_services
from madoguchi.demo.data import names, places
from madoguchi.demo.data import opendata as opendata_demo
from madoguchi.demo.data.approvals import MATTER_CLASSES, TOP_STAFF
from madoguchi.demo.data.forms import FORMS
from madoguchi.demo.data.moving_in import MOVING_IN_HOUSEHOLDS
from madoguchi.demo.data.organization import DEPARTMENTS, MAIN_PHONE, POSITIONS, STAFF
from madoguchi.demo.data.records import FILE_PLAN, FILES
from madoguchi.formbuilder import selectors as form_selectors
from madoguchi.formbuilder.services import create_form
from madoguchi.opendata import selectors as opendata_selectors
from madoguchi.opendata import services as opendata_services
from madoguchi.organization import selectors as org_selectors
from madoguchi.organization import services as org_services
from madoguchi.organization.models import Municipality
from madoguchi.procedures.services import seed_catalogue
from madoguchi.records import selectors as record_selectors
from madoguchi.records import services as record_services
from madoguchi.registry import mynumber
from madoguchi.registry.services import Member, MovingPerson, receive_transfer_out, register_household

# Shown in the README and printed by `madoguchi demo`; the demo is never a production system.
DEMO_PASSWORD = "ryugasaki-demo-2026"  # noqa: S105
# The demo organisation took effect with the 2024 reorganisation; staff were appointed at the
# April 2026 personnel transfer (人事異動), some after an earlier post (see _EARLIER_POSTS).
ORGANIZATION_FROM = dt.date(2024, 4, 1)
APPOINTED_FROM = dt.date(2026, 4, 1)
_EARLIER_POSTS = {"admin.joho": ("shimin-madoguchi", "shuji", dt.date(2023, 4, 1))}
SUPERUSERS = {"admin.joho"}
# Roles not implied by a post (配属): (username, role, department code or None for all).
_ROLES = (
    ("admin.joho", "system_administrator", None),
    # 情報管理課 publishes the city's open data (オープンデータ公開担当).
    ("admin.joho", "opendata_editor", None),
    ("ebihara.m", "auditor", None),
    ("nakajima.y", "counter_staff", "shimin-madoguchi"),
    # Records managers start the disposal of expired files: 総務課 (the city's 文書主管課) for
    # every department, and 情報管理課's 文書取扱主任 for that 課.
    ("gunji.m", "records_manager", None),
    ("sugaya.t", "records_manager", "somu-joho"),
)
RESIDENT_TARGET = 320
_RANDOM_SEED = 82082

_PREVIOUS_ADDRESSES = (
    "茨城県牛久市中央3丁目15番1号",
    "茨城県つくば市研究学園1丁目1番1号",
    "茨城県取手市寺田5139番地",
    "茨城県土浦市大和町9番1号",
    "千葉県柏市柏5丁目10番1号",
    "東京都江戸川区中央1丁目4番1号",
    "埼玉県越谷市越ヶ谷4丁目2番1号",
    "茨城県稲敷市犬塚1570番地1",
    "千葉県我孫子市我孫子1858番地",
    "茨城県守谷市大柏950番地1",
)


@dataclass(frozen=True)
class DemoLogin:
    username: str
    description: str


DEMO_LOGINS = (
    DemoLogin("admin.joho", "総務部情報管理課 主事（システム管理者）"),
    DemoLogin("sakamoto.m", "市民生活部市民窓口課 課長"),
    DemoLogin("nakajima.y", "市民生活部市民窓口課 住民記録係 主事（窓口担当）"),
    DemoLogin("ebihara.m", "総務部長"),
    DemoLogin("terakado.s", "総務部情報管理課 課長（電子決裁の決裁権者）"),
    DemoLogin("sugaya.t", "総務部情報管理課 情報システム係 係長"),
)


def seed_organization() -> Municipality:
    postal = places.CITY_HALL_POSTAL_CODE
    municipality = org_services.upsert_municipality(
        code=places.LOCAL_GOVERNMENT_CODE,
        name=places.CITY_NAME_PROSE,
        name_kana=places.CITY_READING,
        name_en=places.CITY_NAME_EN,
        prefecture=places.PREFECTURE,
        address=f"〒{postal[:3]}-{postal[3:]} {places.CITY_HALL_ADDRESS}",
        phone=MAIN_PHONE,
        opening_hours=places.CITY_HALL_OPENING_HOURS,
    )
    order = 0
    for bu in DEPARTMENTS:
        order += 1
        parent = org_services.upsert_department(
            municipality=municipality,
            code=bu["code"],
            name=bu["name"],
            name_en=bu["name_en"],
            valid_from=ORGANIZATION_FROM,
            sort_order=order,
        )
        for ka in bu["sections"]:
            order += 1
            section = org_services.upsert_department(
                municipality=municipality,
                code=ka["code"],
                name=ka["name"],
                name_en=ka["name_en"],
                phone=ka["phone"],
                parent=parent,
                valid_from=ORGANIZATION_FROM,
                sort_order=order,
            )
            for kakari in ka["units"]:
                order += 1
                org_services.upsert_department(
                    municipality=municipality,
                    code=kakari["code"],
                    name=kakari["name"],
                    name_en=kakari["name_en"],
                    parent=section,
                    valid_from=ORGANIZATION_FROM,
                    sort_order=order,
                )
    for code, name, name_en, rank in POSITIONS:
        org_services.upsert_position(code=code, name=name, name_en=name_en, rank=rank)
    return municipality


def seed_staff(municipality: Municipality) -> int:
    """Staff accounts and their posts; returns how many accounts exist afterwards."""
    positions = org_selectors.positions_by_code()  # made by seed_organization
    password_hash = make_password(DEMO_PASSWORD)
    for person in STAFF + TOP_STAFF:
        user = staff_by_username(person["username"]) or create_staff_user(
            username=person["username"],
            last_name=person["family_name"],
            first_name=person["given_name"],
            last_name_kana=person["family_name_kana"],
            first_name_kana=person["given_name_kana"],
            email=f"{person['username']}@city.ryugasaki.example",
            password_hash=password_hash,
            is_superuser=person["username"] in SUPERUSERS,
        )
        if not user.totpdevice_set.filter(name="demo").exists():
            install_known_totp(user=user, secret_base32=DEMO_TOTP_SECRET)
        posts = [
            (code, position, APPOINTED_FROM, None, index > 0)
            for index, (code, position) in enumerate(person["posts"])
        ]
        if person["username"] in _EARLIER_POSTS:
            code, position, start = _EARLIER_POSTS[person["username"]]
            posts.append((code, position, start, APPOINTED_FROM - dt.timedelta(days=1), False))
        for code, position, start, end, concurrent in posts:
            department = org_selectors.department_by_code(municipality, code)
            if not org_selectors.has_appointment(
                user_id=user.pk, department=department, position_code=position, valid_from=start
            ):
                org_services.appoint(
                    user=user,
                    department=department,
                    position=positions[position],
                    valid_from=start,
                    valid_to=end,
                    is_concurrent=concurrent,
                )
    for username, role, code in _ROLES:
        user = staff_by_username(username)
        if not user.role_assignments.filter(role=role).exists():
            department = org_selectors.department_by_code(municipality, code) if code else None
            assign_role(user=user, role=role, department=department, valid_from=APPOINTED_FROM, actor=None)
    return len(STAFF) + len(TOP_STAFF)


def seed_approvals(municipality: Municipality) -> int:
    """The authority matrix (専決規程); returns how many classes of matter it has."""
    for order, (code, name, name_en, decider, consulted) in enumerate(MATTER_CLASSES, start=1):
        approval_services.upsert_matter_class(
            code=code,
            name=name,
            name_en=name_en,
            decider_code=decider,
            consult_department_codes=consulted,
            sort_order=order,
        )
    return len(MATTER_CLASSES)


def seed_records(municipality: Municipality) -> int:
    """The file plan and a few files, some expired; returns how many files exist afterwards."""
    nodes: dict[str, object] = {}
    for order, (code, name, parent, retention, action) in enumerate(FILE_PLAN, start=1):
        nodes[code] = record_services.upsert_file_class(
            code=code,
            name=name,
            parent=nodes.get(parent) if parent else None,
            retention=retention,
            expiry_action=action,
            sort_order=order,
        )
    existing = set(record_selectors.all_files().values_list("title", flat=True))
    for class_code, department_code, title, created, completed in FILES:
        if title in existing:
            continue
        record = record_services.create_file(
            file_class=nodes[class_code],
            department=org_selectors.department_by_code(municipality, department_code),
            title=title,
            fiscal_year=created,
            actor=None,
        )
        if completed is not None:
            record_services.complete_file(record=record, fiscal_year=completed, actor=None)
    return record_selectors.all_files().count()


def seed_forms() -> int:
    """The demo application forms (``data/forms.py``); a form whose code exists is left as it is.

    Returns how many forms exist afterwards. Staff may have edited a seeded form since, so an
    existing form is never overwritten: a new definition reaches it through the editor.
    """
    for form in FORMS:
        if form_selectors.form_by_code(form["code"]) is None:
            create_form(
                code=form["code"],
                title=form["title"],
                title_en=form["title_en"],
                definition=form["definition"],
            )
    return form_selectors.all_forms().count()


def _kana_name(pool: list[tuple[str, str]], rng: random.Random) -> tuple[str, str]:
    return pool[rng.randrange(len(pool))]


def _birth_date(rng: random.Random, age: int, today: dt.date) -> dt.date:
    return today.replace(year=today.year - age, month=1, day=1) - dt.timedelta(days=rng.randrange(365))


def _address(rng: random.Random) -> tuple[places.Town, str]:
    town = places.TOWNS[rng.randrange(len(places.TOWNS))]
    prefix = f"{places.PREFECTURE}{places.CITY}{town.name}"
    if town.chome:
        chome, ban, go = rng.randint(1, town.chome), rng.randint(1, town.max_banchi), rng.randint(1, 20)
        return town, f"{prefix}{chome}丁目{ban}番{go}号"
    branch = f"{rng.randint(1, 12)}" if rng.random() < 0.4 else ""
    return town, f"{prefix}{rng.randint(1, town.max_banchi)}番地{branch}"


def generate_households(today: dt.date) -> Iterator[dict]:
    """Fictional households, deterministic for a given ``today``: same seed, same people."""
    rng = random.Random(_RANDOM_SEED)
    resident_index = 0
    household_index = 0
    while resident_index < RESIDENT_TARGET:
        household_index += 1
        town, address = _address(rng)
        surname, surname_kana = _kana_name(names.SURNAMES, rng)
        head_age = rng.randint(24, 88)
        head_is_male = rng.random() < 0.7
        moved_in = rng.random() < 0.6
        previous = _PREVIOUS_ADDRESSES[rng.randrange(len(_PREVIOUS_ADDRESSES))] if moved_in else ""
        since = today - dt.timedelta(days=rng.randint(30, 365 * 20)) if moved_in else None
        people: list[tuple[str, bool, int]] = [("世帯主", head_is_male, head_age)]
        if head_age < 80 and rng.random() < 0.65:
            people.append(
                ("妻" if head_is_male else "夫", not head_is_male, max(20, head_age + rng.randint(-6, 4)))
            )
        if 28 <= head_age <= 60:
            for _child in range(rng.choice((0, 1, 1, 2, 2, 3))):
                people.append(("子", rng.random() < 0.5, rng.randint(0, min(head_age - 22, 30))))
        if 30 <= head_age <= 55 and rng.random() < 0.12:
            people.append(("母", False, head_age + rng.randint(24, 34)))
        members = []
        for relationship, male, age in people:
            resident_index += 1
            given, given_kana = _kana_name(names.MALE_GIVEN_NAMES if male else names.FEMALE_GIVEN_NAMES, rng)
            birth = _birth_date(rng, age, today)
            members.append(
                Member(
                    resident_code=(code := f"{_RANDOM_SEED:05d}{resident_index:06d}"),
                    # Fictional, well-formed 個人番号 from its own generator, so adding it left the
                    # rest of the demo data as it was.
                    my_number=mynumber.fictional(random.Random(f"my-number:{code}")),
                    last_name=surname,
                    first_name=given,
                    last_name_kana=surname_kana,
                    first_name_kana=given_kana,
                    birth_date=birth,
                    sex="male" if male else "female",
                    relationship=relationship,
                    became_resident_on=max(birth, since) if since else birth,
                    previous_address=previous if since and since > birth else "",
                )
            )
        yield {
            "household_code": f"{_RANDOM_SEED:05d}{household_index:05d}",
            "postal_code": town.postal_code,
            "address": address,
            "town": town.name,
            "members": members,
        }


def seed_residents(today: dt.date, progress: Callable[[int], None] | None = None) -> int:
    count = 0
    for household in generate_households(today):
        register_household(**household)
        count += len(household["members"])
        if progress is not None:
            progress(len(household["members"]))
    return count


def seed_moving_in(today: dt.date) -> int:
    """The 転出証明書情報 of the demo's households moving in (``data/moving_in.py``); returns people.

    Ages and the planned moving date are relative to ``today``, so the demo always has a move
    about to happen.
    """
    count = 0
    for household in MOVING_IN_HOUSEHOLDS:
        persons = [
            MovingPerson(
                resident_code=code,
                last_name=last,
                first_name=first,
                last_name_kana=last_kana,
                first_name_kana=first_kana,
                birth_date=today.replace(year=today.year - age, month=4, day=2 + index),
                sex=sex,
                relationship=relationship,
                domicile=domicile,
            )
            for index, (
                code,
                last,
                first,
                last_kana,
                first_kana,
                age,
                sex,
                relationship,
                domicile,
            ) in enumerate(household["persons"])
        ]
        receive_transfer_out(
            notice_number=household["notice_number"],
            from_municipality=household["from_municipality"],
            previous_address=household["previous_address"],
            planned_postal_code=household["planned_postal_code"],
            planned_address=household["planned_address"],
            planned_move_date=today + dt.timedelta(days=household["days_ahead"]),
            persons=persons,
        )
        count += len(persons)
    return count


def seed_certificate_records(today: dt.date) -> int:
    """Fictional seal registrations and tax records for the demo residents; returns how many adults.

    Heads of household mostly have a registered seal (their family name engraved); every adult
    with a salary has a 課税 record for the current fiscal year and its 納税 rows, a few unpaid.
    """
    rng = random.Random(_RANDOM_SEED + 1)
    fiscal_year = today.year if today.month >= 6 else today.year - 1
    adults = 0
    for household in generate_households(today):
        for member in household["members"]:
            age = (today - member.birth_date).days // 365
            if age < 20:
                continue
            adults += 1
            if member.relationship == "世帯主" or rng.random() < 0.3:
                certificate_services.register_seal(
                    resident_code=member.resident_code,
                    registration_number=member.resident_code[-6:],
                    registered_on=max(member.became_resident_on, member.birth_date.replace(day=1))
                    + dt.timedelta(days=rng.randint(20, 400)),
                    engraving=member.last_name,
                )
            if age >= 70 and rng.random() < 0.7:
                continue
            salary = (
                rng.randrange(1_200_000, 9_000_000, 10_000)
                if age < 65
                else rng.randrange(0, 3_000_000, 10_000)
            )
            dependents = (
                sum(1 for other in household["members"] if other is not member)
                if member.relationship == "世帯主"
                else 0
            )
            assessment = certificate_services.record_tax_assessment(
                resident_code=member.resident_code,
                fiscal_year=fiscal_year,
                salary_income=salary,
                dependents=min(dependents, 4),
            )
            total = assessment.municipal_tax + assessment.prefectural_tax
            if total:
                unpaid = total // 4 if rng.random() < 0.08 else 0
                certificate_services.record_tax_payment(
                    resident_code=member.resident_code,
                    fiscal_year=fiscal_year,
                    tax_item="市県民税",
                    assessed=total,
                    paid=total - unpaid,
                )
            if member.relationship == "世帯主" and rng.random() < 0.5:
                certificate_services.record_tax_payment(
                    resident_code=member.resident_code,
                    fiscal_year=fiscal_year,
                    tax_item="軽自動車税（種別割）",
                    assessed=10_800,
                    paid=10_800,
                )
    return adults


def seed_open_data(municipality: Municipality, actor=None) -> int:
    """One published dataset per 自治体標準オープンデータセット, its table validated and imported.

    A dataset whose name exists is left as it is (editors may have changed it). Returns how many
    demo datasets exist afterwards.
    """
    groups = {
        name: opendata_services.upsert_group(name=name, title=title, title_en=title_en)
        for name, title, title_en in opendata_demo.GROUPS
    }
    for code, title, department_code, group_names, tags, frequency in opendata_demo.DATASETS:
        if opendata_selectors.dataset_for_staff(code) is not None:
            continue
        dataset = opendata_services.save_dataset(
            actor=actor,
            name=code,
            title=f"{title}（{places.CITY_NAME_PROSE}）",
            notes=f"{places.CITY_NAME_PROSE}の{title}です。自治体標準オープンデータセットの形式で公開しています。",
            organization=org_selectors.department_by_code(municipality, department_code),
            frequency=frequency,
            spatial=f"{places.PREFECTURE}{places.CITY}",
            temporal_start=dt.date(2026, 4, 1),
            standard_code=code,
            tags=tags,
            groups=[groups[name] for name in group_names],
        )
        header, rows = opendata_demo.table(code)
        opendata_services.upload_file(
            dataset=dataset,
            actor=actor,
            name=title,
            filename=f"{code}.csv",
            data=opendata_services.table_bytes(header, rows),
            import_now=True,
        )
        opendata_services.submit_for_review(dataset=dataset, actor=actor)
        opendata_services.publish(dataset=dataset, actor=actor)
    return len(opendata_demo.DATASETS)


@transaction.atomic
def seed_demo(*, today: dt.date, progress: Callable[[int], None] | None = None) -> dict[str, int]:
    """Everything the demo needs, in one transaction: all of it lands, or none of it."""
    municipality = seed_organization()
    staff = seed_staff(municipality)
    seed_forms()
    seed_catalogue(municipality=municipality)
    seed_approvals(municipality)
    seed_records(municipality)
    residents = seed_residents(today, progress)
    seed_moving_in(today)
    seed_certificate_records(today)
    certificate_services.prepare_signing()
    faqs = seed_chatbot()
    datasets = seed_open_data(municipality)
    return {"staff": staff, "residents": residents, "faqs": faqs, "datasets": datasets}


def seed_chatbot() -> int:
    """The FAQ content files (``chatbot/data/faqs/*.json``), indexed, and the guided flows."""
    from madoguchi.chatbot.data.flows import FLOWS
    from madoguchi.chatbot.services import load_faq_files, seed_flows

    seed_flows(FLOWS)
    return load_faq_files()
