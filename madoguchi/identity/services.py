"""Writes of the identity app: recording a resident's sign-in with the My Number Card."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from typing import Any

from django.db import transaction
from django.db.models import ProtectedError
from django.utils import timezone
from django.utils.translation import gettext as _

from madoguchi.accounts.models import User
from madoguchi.accounts.services import create_resident_user
from madoguchi.audit.services import record_event
from madoguchi.identity import cardreader
from madoguchi.identity.models import ResidentIdentity
from madoguchi.identity.oidc import CardHolder
from madoguchi.identity.selectors import GUEST_ISSUER, GUEST_USERNAME_PREFIX
from madoguchi.registry.selectors import match_moving_in, match_resident, resident_data

MATCH_PURPOSE = "マイナンバーカードによる本人確認"
# Accounts opened by a counter clerk carry this issuer; their subject is the 住民票コード.
COUNTER_ISSUER = "urn:madoguchi:counter"


class ResidentSignInRefused(Exception):
    """The provider vouched for the person, but the account it maps to is not a resident's."""


def resident_username(*, issuer: str, subject: str) -> str:
    """A username that says nothing about the person: ``r-`` and a hash of (issuer, subject).

    A guest's starts with ``GUEST_USERNAME_PREFIX`` instead, so telling a guest needs no query
    (``selectors.is_guest``).
    """
    prefix = GUEST_USERNAME_PREFIX if issuer == GUEST_ISSUER else "r-"
    return prefix + hashlib.sha256(f"{issuer}\n{subject}".encode()).hexdigest()[:32]


@transaction.atomic
def record_resident_sign_in(
    *,
    issuer: str,
    subject: str,
    acr: str,
    auth_time: dt.datetime | None,
    holder: CardHolder,
) -> User:
    """Find or create the resident account for (issuer, subject) and link its registry record.

    The registry is matched on every sign-in, with the card's 基本4情報, so a move within the
    city or away from it is reflected the next time the resident signs in. Raises
    :class:`ResidentSignInRefused` when the pair belongs to an account that is not a resident's:
    the card sign-in must never open a staff session.
    """
    identity = (
        ResidentIdentity.objects.select_for_update()
        .select_related("user")
        .filter(issuer=issuer, subject=subject)
        .first()
    )
    created = identity is None
    resident_code = None
    if holder.family_name and holder.given_name and holder.birth_date and holder.address:
        resident_code = _match_card(
            last_name=holder.family_name,
            first_name=holder.given_name,
            birth_date=holder.birth_date,
            address=holder.address,
            actor=identity.user if identity else None,
            purpose=MATCH_PURPOSE,
        )
    if identity is None:
        # A renewed card (new subject) or an account a counter clerk opened for this resident
        # already belongs to the same person: sign in to that account, not a second one.
        linked = _identity_for_record(resident_code) if resident_code else None
        user = (
            linked.user
            if linked
            else create_resident_user(
                username=resident_username(issuer=issuer, subject=subject),
                last_name=holder.family_name,
                first_name=holder.given_name,
            )
        )
        identity = ResidentIdentity(user=user, issuer=issuer, subject=subject)
    user = identity.user
    if user.kind != User.Kind.RESIDENT:
        raise ResidentSignInRefused(_("住民以外のアカウントにはマイナンバーカードでログインできません。"))

    identity.acr = acr
    identity.auth_time = auth_time
    identity.resident_code = resident_code or ""
    identity.last_sign_in_at = timezone.now()
    identity.save()
    record_event(
        action="identity.sign_in",
        actor=user,
        object_type="accounts.user",
        object_id=str(user.pk),
        purpose="マイナンバーカードによるログイン",
        details={
            "issuer": issuer,
            "acr": acr,
            "new_account": created,
            "registry_linked": resident_code is not None,
        },
    )
    return user


def _match_card(
    *, last_name: str, first_name: str, birth_date, address: str, actor, purpose: str
) -> str | None:
    """The 住民票コード of the card holder: a resident here, or a person moving in, or None.

    Someone moving in is not in the registry yet and their card still shows the address they
    leave; the 転出証明書情報 sent ahead by that municipality names them (``match_moving_in``).
    """
    items = {"last_name": last_name, "first_name": first_name, "birth_date": birth_date, "address": address}
    record = match_resident(**items, actor=actor, purpose=purpose)
    if record is not None:
        return record.resident_code
    return match_moving_in(**items, actor=actor, purpose=purpose)


def _identity_for_record(resident_code: str) -> ResidentIdentity | None:
    return (
        ResidentIdentity.objects.select_related("user")
        .filter(resident_code=resident_code, user__kind=User.Kind.RESIDENT)
        .order_by("-last_sign_in_at")
        .first()
    )


@transaction.atomic
def counter_account(*, resident_code: str, actor: Any) -> User:
    """The account of a resident served at the counter (書かない窓口), opened if they have none.

    Many residents served at the counter have never signed in online. The clerk's drafts must
    still be the resident's own, so an account is opened in their name, tied to their registry
    record; if they later sign in with their card, they reach this same account and its history.
    """
    linked = _identity_for_record(resident_code)
    if linked is not None:
        return linked.user
    data = resident_data(
        resident_code,
        actor=actor,
        purpose="窓口での申請支援のためのアカウント作成",
        attributes=["last_name", "first_name", "last_name_kana", "first_name_kana"],
        moving_in=True,
    )
    if data is None:
        raise ValueError(f"no registry record {resident_code}")
    user = create_resident_user(
        username=resident_username(issuer=COUNTER_ISSUER, subject=resident_code),
        last_name=data.last_name,
        first_name=data.first_name,
        last_name_kana=data.last_name_kana,
        first_name_kana=data.first_name_kana,
    )
    ResidentIdentity.objects.create(
        user=user,
        issuer=COUNTER_ISSUER,
        subject=resident_code,
        resident_code=resident_code,
        last_sign_in_at=timezone.now(),
    )
    record_event(
        action="identity.counter_account",
        actor=actor,
        object_type="accounts.user",
        object_id=str(user.pk),
        purpose="窓口での申請支援のためのアカウント作成",
    )
    return user


@transaction.atomic
def open_guest_account() -> User:
    """An account for one visitor who applies without signing in (e.g. 粗大ごみ, 相談の予約).

    Drafts and submissions need an owner; giving the visitor's session a throw-away resident
    account keeps one set of ownership checks for everybody. It has no usable password and no
    registry record, so nothing is prefilled and no procedure that needs a sign-in is open to it;
    after the session ends the visitor follows the application through the link in the e-mail.
    """
    subject = secrets.token_urlsafe(24)
    user = create_resident_user(
        username=resident_username(issuer=GUEST_ISSUER, subject=subject),
        last_name="",
        first_name="",
        last_name_kana="",
        first_name_kana="",
    )
    ResidentIdentity.objects.create(
        user=user, issuer=GUEST_ISSUER, subject=subject, resident_code="", last_sign_in_at=timezone.now()
    )
    return user


def remove_guest_accounts(*, user_ids: list[int]) -> int:
    """Delete guest accounts nothing refers to any more; returns how many were removed.

    Only accounts whose every identity is a guest's are touched. One still owning a draft or a
    case (a visitor who started again meanwhile) is protected by its foreign keys and kept.
    """
    removed = 0
    for user_id in user_ids:
        try:
            with transaction.atomic():
                identities = ResidentIdentity.objects.filter(user_id=user_id)
                if identities.exclude(issuer=GUEST_ISSUER).exists() or not identities.exists():
                    continue
                User.objects.filter(pk=user_id, kind=User.Kind.RESIDENT).delete()
                removed += 1
        except ProtectedError:
            continue
    if removed:
        record_event(
            action="identity.guest_accounts_removed",
            object_type="accounts.user",
            purpose="使われなくなったゲストアカウントの削除",
            details={"count": removed},
        )
    return removed


def record_sign_in_failure(*, reason: str) -> None:
    """Put a failed card sign-in on the audit trail; ``reason`` is a short code, never a token."""
    record_event(
        action="identity.sign_in_failed",
        object_type="accounts.user",
        purpose="マイナンバーカードによるログインの失敗",
        details={"reason": reason[:100]},
    )


def resident_from_card(*, card_id: str, pin: str, actor: Any) -> str | None:
    """Read the card at the counter and find its holder's record: the 住民票コード, or None.

    The card's four items must match the registry exactly, as at sign-in; a person moving in
    is found in the 転出証明書情報 sent ahead, by the address they are leaving.
    Wrong PINs and locked cards raise ``cardreader.CardReadError`` with a message for the clerk.
    """
    face = cardreader.verify_reading(cardreader.read_sandbox_card(card_id=card_id, pin=pin, actor=actor))
    return _match_card(
        last_name=face.last_name,
        first_name=face.first_name,
        birth_date=face.birth_date,
        address=face.address,
        actor=actor,
        purpose="窓口でのマイナンバーカードによる本人確認",
    )
