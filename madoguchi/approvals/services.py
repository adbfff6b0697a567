"""Writes for electronic approval: the one state machine every transition goes through.

Every action locks the draft row first (``select_for_update``), then checks the state it finds,
so two people pressing 承認 on the same stage at the same instant are serialised and the second
is told the stage has moved on: a stage never advances twice. Each action is an ``Action`` row
and an audit event (hash-chained), both attributed to the person acting and, for 代決, to the
person they act for.

Statuses move like this (``TRANSITIONS``)::

    起案中 ──回議開始──► 回議中 ──決裁/代決──► 決裁済
      ▲                 │ │ └──却下──► 却下
      └──引戻し─────────┘ └──差戻し(起案者へ)──► 差戻し ──再回議──► 回議中
    回議中 ──供覧 (all circulation stages seen)──► 供覧済
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Sequence

from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from madoguchi.approvals.models import (
    Absence,
    Action,
    Disclosure,
    Draft,
    DraftAttachment,
    MatterClass,
    Stage,
    StageMember,
)
from madoguchi.approvals.routes import StageSpec
from madoguchi.approvals.selectors import (
    pending_count_key,
    post_reviews_owed,
    propose_route,
    stand_ins_on,
    waiting_longer_than,
)
from madoguchi.audit.services import record_event
from madoguchi.core.errors import ServiceError
from madoguchi.notifications.services import notify
from madoguchi.organization import selectors as org_selectors
from madoguchi.textsearch import services as textsearch

Status = Draft.Status
MemberStatus = StageMember.Status

TRANSITIONS: dict[str, frozenset[str]] = {
    Status.DRAFTING: frozenset({Status.IN_ROUTE}),
    Status.SENT_BACK: frozenset({Status.IN_ROUTE}),
    Status.IN_ROUTE: frozenset(
        {Status.DRAFTING, Status.SENT_BACK, Status.DECIDED, Status.REJECTED, Status.CIRCULATED}
    ),
    Status.DECIDED: frozenset(),
    Status.REJECTED: frozenset(),
    Status.CIRCULATED: frozenset(),
}
MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024


class ApprovalError(ServiceError):
    """An action that cannot be carried out now; ``messages`` are shown to the person as they are."""


class NotOnRoute(PermissionDenied):
    """The person is not on this draft's route (nor standing in for someone who is): 403."""


# --- Subjects: what a decision is about --------------------------------------------------------

# subject_type → called with the closed draft inside the deciding transaction. Registered by the
# apps whose things need a decision (cases in ApprovalsConfig.ready, records in RecordsConfig.ready).
_SUBJECT_HANDLERS: dict[str, Callable[[Draft], None]] = {}


def register_subject(subject_type: str, on_closed: Callable[[Draft], None]) -> None:
    _SUBJECT_HANDLERS[subject_type] = on_closed


# --- Master data -------------------------------------------------------------------------------


def upsert_matter_class(
    *,
    code: str,
    name: str,
    name_en: str,
    decider_code: str,
    consult_department_codes: Sequence[str],
    sort_order: int,
) -> MatterClass:
    decider = org_selectors.positions_by_code()[decider_code]
    matter, _created = MatterClass.objects.update_or_create(
        code=code,
        defaults={
            "name": name,
            "name_en": name_en,
            "decider": decider,
            "consult_department_codes": list(consult_department_codes),
            "sort_order": sort_order,
        },
    )
    return matter


@transaction.atomic
def register_absence(*, user, starts_on: dt.date, ends_on: dt.date, stand_in, reason: str, actor) -> Absence:
    """不在登録 — the stand-in may decide (代決) for the absent person; reviewers are skipped (後閲)."""
    if ends_on < starts_on:
        raise ApprovalError(_("不在終了日は不在開始日以降の日付にしてください。"))
    if stand_in.pk == user.pk:
        raise ApprovalError(_("代決者には本人以外の職員を選んでください。"))
    absence = Absence.objects.create(
        user=user, starts_on=starts_on, ends_on=ends_on, stand_in=stand_in, reason=reason.strip()
    )
    cache.delete_many([pending_count_key(user.pk), pending_count_key(stand_in.pk)])
    record_event(
        action="approvals.absence",
        actor=actor,
        object_type="accounts.user",
        object_id=str(user.pk),
        purpose="不在登録",
        details={"from": starts_on.isoformat(), "to": ends_on.isoformat(), "stand_in": stand_in.pk},
    )
    return absence


# --- Full-text index ---------------------------------------------------------------------------

SEARCH_NAMESPACE = "approvals.draft"


def search_fields(draft: Draft) -> dict[str, str]:
    return {"title": draft.title, "body": draft.body, "keywords": draft.department.name}


def _index(draft: Draft) -> None:
    """Keep the shared Japanese text index (textsearch) in step with the draft, in its transaction."""
    textsearch.index_document(namespace=SEARCH_NAMESPACE, key=str(draft.pk), fields=search_fields(draft))


# --- Drafting ----------------------------------------------------------------------------------


def _check_disclosure(disclosure: str, ground: str) -> None:
    if disclosure not in Disclosure.values:
        raise ApprovalError(_("公開区分を選んでください。"))
    if disclosure != Disclosure.PUBLIC and not ground.strip():
        raise ApprovalError(_("部分公開・非公開とする場合は、その根拠を入力してください。"))


def _audit(draft: Draft, *, action: str, actor, details: dict | None = None) -> None:
    record_event(
        action=f"approvals.{action}",
        actor=actor,
        object_type="approvals.draft",
        object_id=str(draft.pk),
        purpose="電子決裁",
        details=details or {},
    )


@transaction.atomic
def create_draft(
    *,
    drafter,
    department,
    title: str,
    body: str,
    matter: MatterClass | None,
    file_class=None,
    retention: int | None = None,
    disclosure: str = Disclosure.PUBLIC,
    disclosure_ground: str = "",
    subject_type: str = "",
    subject_ref: str = "",
    subject_outcome: str = "",
) -> Draft:
    """起案 — a new draft with the route the authority matrix proposes (editable until circulated)."""
    if not title.strip():
        raise ApprovalError(_("件名を入力してください。"))
    _check_disclosure(disclosure, disclosure_ground)
    if retention is None and file_class is not None:
        retention = file_class.retention
    draft = Draft.objects.create(
        title=title.strip(),
        body=body,
        department=department,
        drafter=drafter,
        matter=matter,
        file_class=file_class,
        retention=retention,
        disclosure=disclosure,
        disclosure_ground=disclosure_ground.strip(),
        subject_type=subject_type,
        subject_ref=subject_ref,
        subject_outcome=subject_outcome,
    )
    if matter is not None:
        _replace_route(draft, propose_route(department=department, matter=matter, drafter=drafter))
    _index(draft)
    _audit(draft, action="create", actor=drafter, details={"subject": f"{subject_type}:{subject_ref}"})
    return draft


def _locked(draft: Draft) -> Draft:
    return Draft.objects.select_for_update().get(pk=draft.pk)


def _require_editable(draft: Draft, actor) -> None:
    if draft.drafter_id != actor.pk:
        raise NotOnRoute
    if not draft.is_editable:
        raise ApprovalError(_("回議中または完結した起案は編集できません。引戻してから編集してください。"))


@transaction.atomic
def update_draft(
    *,
    draft: Draft,
    actor,
    title: str,
    body: str,
    file_class=None,
    retention: int | None = None,
    disclosure: str,
    disclosure_ground: str,
) -> Draft:
    draft = _locked(draft)
    _require_editable(draft, actor)
    if not title.strip():
        raise ApprovalError(_("件名を入力してください。"))
    _check_disclosure(disclosure, disclosure_ground)
    draft.title, draft.body = title.strip(), body
    draft.file_class = file_class
    draft.retention = retention if retention is not None else (file_class.retention if file_class else None)
    draft.disclosure, draft.disclosure_ground = disclosure, disclosure_ground.strip()
    draft.save()
    _index(draft)
    _audit(draft, action="edit", actor=actor)
    return draft


@transaction.atomic
def add_attachment(*, draft: Draft, upload: UploadedFile, actor) -> DraftAttachment:
    draft = _locked(draft)
    _require_editable(draft, actor)
    if upload.size > MAX_ATTACHMENT_BYTES:
        raise ApprovalError(_("添付文書は20MB以下にしてください。"))
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    attachment = DraftAttachment(
        draft=draft,
        original_name=upload.name[:200],
        content_type=(upload.content_type or "application/octet-stream")[:100],
        size=upload.size,
        sha256=digest.hexdigest(),
        created_at=timezone.now(),
    )
    attachment.file.save(upload.name, upload, save=False)
    attachment.save()
    _audit(draft, action="attach", actor=actor, details={"sha256": attachment.sha256})
    return attachment


def _validate_route(specs: Sequence[StageSpec]) -> None:
    if not specs:
        raise ApprovalError(_("回議ルートに段階がありません。"))
    for spec in specs:
        if spec.kind not in Stage.Kind.values or spec.mode not in Stage.Mode.values:
            raise ApprovalError(_("回議ルートの段階の種類が正しくありません。"))
        if not spec.members:
            raise ApprovalError(_("回議ルートに担当者のいない段階があります。"))
        if spec.kind != Stage.Kind.CONSULT and len(spec.members) > 1:
            raise ApprovalError(_("複数人の段階は「合議」にしてください。"))
    kinds = [spec.kind for spec in specs]
    if all(kind == Stage.Kind.CIRCULATE for kind in kinds):
        return
    if kinds[-1] != Stage.Kind.DECIDE or kinds.count(Stage.Kind.DECIDE) != 1:
        raise ApprovalError(
            _("回議ルートの最後の段階は決裁（一つだけ）にしてください。供覧だけのルートも作れます。")
        )
    if Stage.Kind.CIRCULATE in kinds:
        raise ApprovalError(_("供覧の段階は、決裁のないルートにだけ置けます。"))


def _replace_route(draft: Draft, specs: Sequence[StageSpec]) -> None:
    StageMember.objects.filter(stage__draft=draft).delete()
    draft.stages.all().delete()
    for order, spec in enumerate(specs, start=1):
        stage = Stage.objects.create(draft=draft, order=order, kind=spec.kind, mode=spec.mode)
        StageMember.objects.bulk_create(
            StageMember(
                stage=stage, user_id=m.user_id, department_id=m.department_id, position_id=m.position_id
            )
            for m in spec.members
        )


@transaction.atomic
def set_route(*, draft: Draft, actor, stages: Sequence[StageSpec]) -> Draft:
    """The drafter edits the proposed route before circulating it."""
    draft = _locked(draft)
    _require_editable(draft, actor)
    _validate_route(stages)
    _replace_route(draft, stages)
    _audit(draft, action="route", actor=actor, details={"stages": len(stages)})
    return draft


# --- The state machine -------------------------------------------------------------------------


def _move(draft: Draft, to_status: str, *, now: dt.datetime) -> None:
    if to_status not in TRANSITIONS[draft.status]:
        raise ApprovalError(_("この起案は今この処理ができません。"))
    draft.status = to_status
    fields = ["status"]
    if to_status in (Status.DECIDED, Status.REJECTED, Status.CIRCULATED):
        draft.closed_at = now
        fields.append("closed_at")
    draft.save(update_fields=fields)


def _forget_counts(draft: Draft) -> None:
    """Whoever is on the route, and whoever stands in for them, may have a new pending count."""
    users = set(StageMember.objects.filter(stage__draft=draft).values_list("user_id", flat=True))
    users |= set(stand_ins_on(users, timezone.localdate()).values())
    cache.delete_many([pending_count_key(user_id) for user_id in users])


def _log(
    draft: Draft, kind: str, *, actor, now, member=None, on_behalf_of=None, comment="", to_stage=None
) -> None:
    Action.objects.create(
        draft=draft,
        member=member,
        kind=kind,
        actor=actor,
        on_behalf_of=on_behalf_of,
        comment=comment.strip(),
        to_stage=to_stage,
        at=now,
    )
    details = {"member": member.pk if member else None, "stage": to_stage}
    if on_behalf_of is not None:
        details["on_behalf_of"] = on_behalf_of.pk
    _audit(draft, action=kind, actor=actor, details=details)
    # Now for this request's next page, and again after commit for a page read meanwhile.
    _forget_counts(draft)
    transaction.on_commit(lambda: _forget_counts(draft))


def _reset_from(draft: Draft, order: int) -> None:
    """Stages from ``order`` on are not reached yet: clear what their members did."""
    Stage.objects.filter(draft=draft, order__gte=order).update(status=Stage.Status.PENDING, activated_at=None)
    StageMember.objects.filter(stage__draft=draft, stage__order__gte=order).update(
        status=MemberStatus.QUEUED, acted_by=None, acted_at=None, waiting_since=None
    )


def _activate_from(draft: Draft, order: int, *, now: dt.datetime) -> Stage | None:
    """Make the first stage from ``order`` that still needs someone active; None if none is left.

    Reviewers away on a registered absence are skipped and owe a 後閲; a decider away stays
    waiting, and their stand-in may decide for them (代決).
    """
    for stage in draft.stages.filter(order__gte=order).prefetch_related("members"):
        members = list(stage.members.all())
        away = stand_ins_on((m.user_id for m in members), timezone.localdate(now))
        for member in members:
            if member.user_id in away and stage.kind != Stage.Kind.DECIDE:
                member.status, member.acted_at = MemberStatus.SKIPPED, now
                member.save(update_fields=["status", "acted_at"])
                _log(draft, Action.Kind.SKIP, actor=None, now=now, member=member)
            else:
                member.status, member.waiting_since = MemberStatus.WAITING, now
                member.save(update_fields=["status", "waiting_since"])
        if all(m.status == MemberStatus.SKIPPED for m in members):
            stage.status, stage.activated_at = Stage.Status.DONE, now
            stage.save(update_fields=["status", "activated_at"])
            continue
        stage.status, stage.activated_at = Stage.Status.ACTIVE, now
        stage.save(update_fields=["status", "activated_at"])
        return stage
    return None


def _active_stage(draft: Draft) -> Stage:
    stage = draft.stages.filter(status=Stage.Status.ACTIVE).first()
    if draft.status != Status.IN_ROUTE or stage is None:
        raise ApprovalError(_("この起案は回議中ではありません。"))
    return stage


def _member_for(draft: Draft, stage: Stage, actor, *, now) -> tuple[StageMember, object | None]:
    """The member of the active stage ``actor`` acts as, and whom they act for (代決) if not themself."""
    members = list(stage.members.select_related("user"))
    for member in members:
        if member.user_id == actor.pk:
            if member.status != MemberStatus.WAITING:
                raise ApprovalError(_("この段階はすでに処理済みです。"))
            return member, None
    if stage.kind == Stage.Kind.DECIDE:
        away = stand_ins_on((m.user_id for m in members), timezone.localdate(now))
        for member in members:
            if away.get(member.user_id) == actor.pk and member.status == MemberStatus.WAITING:
                return member, member.user
    if _is_on_route(draft, actor):
        raise ApprovalError(_("この起案はまだ（またはもう）あなたの段階にありません。"))
    raise NotOnRoute


def _is_on_route(draft: Draft, actor) -> bool:
    return draft.drafter_id == actor.pk or StageMember.objects.filter(stage__draft=draft, user=actor).exists()


def _close(draft: Draft, to_status: str, *, now) -> None:
    _move(draft, to_status, now=now)
    handler = _SUBJECT_HANDLERS.get(draft.subject_type)
    if handler is not None:
        handler(draft)


@transaction.atomic
def submit(*, draft: Draft, actor) -> Draft:
    """回議開始 (or 再回議 after 差戻し): the route starts again from its first stage."""
    draft = _locked(draft)
    _require_editable(draft, actor)
    stages = list(draft.stages.prefetch_related("members"))
    _validate_route([StageSpec(s.kind, s.mode, tuple(s.members.all())) for s in stages])
    now = timezone.now()
    _move(draft, Status.IN_ROUTE, now=now)
    draft.submitted_at = now
    draft.save(update_fields=["submitted_at"])
    _log(draft, Action.Kind.SUBMIT, actor=actor, now=now)
    _reset_from(draft, 1)
    if _activate_from(draft, 1, now=now) is None:
        _finish(draft, now=now)
    return draft


def _finish(draft: Draft, *, now) -> None:
    """Every stage is done without a decision stage left: a circulation (供覧) is complete."""
    _close(draft, Status.CIRCULATED, now=now)


def _advance(draft: Draft, stage: Stage, *, now) -> None:
    stage.status = Stage.Status.DONE
    stage.save(update_fields=["status"])
    if _activate_from(draft, stage.order + 1, now=now) is None:
        _finish(draft, now=now)


@transaction.atomic
def approve(*, draft: Draft, actor, comment: str = "") -> Draft:
    """承認 (or 合議 agreement, or 供覧 seen) on the active stage."""
    draft = _locked(draft)
    now = timezone.now()
    stage = _active_stage(draft)
    member, _on_behalf_of = _member_for(draft, stage, actor, now=now)
    if stage.kind == Stage.Kind.DECIDE:
        raise ApprovalError(_("この段階は決裁です。「決裁する」を選んでください。"))
    circulating = stage.kind == Stage.Kind.CIRCULATE
    member.status = MemberStatus.CIRCULATED if circulating else MemberStatus.APPROVED
    member.acted_by, member.acted_at = actor, now
    member.save(update_fields=["status", "acted_by", "acted_at"])
    _log(
        draft,
        Action.Kind.CIRCULATE if circulating else Action.Kind.APPROVE,
        actor=actor,
        now=now,
        member=member,
        comment=comment,
    )
    others = stage.members.exclude(pk=member.pk)
    if stage.mode == Stage.Mode.ANY and stage.kind == Stage.Kind.CONSULT:
        others.filter(status=MemberStatus.WAITING).update(status=MemberStatus.NOT_NEEDED)
    if not others.filter(status=MemberStatus.WAITING).exists():
        _advance(draft, stage, now=now)
    return draft


@transaction.atomic
def decide(*, draft: Draft, actor, comment: str = "") -> Draft:
    """決裁 — or 代決 when the stand-in of an absent decider decides; the decider then owes a 後閲."""
    draft = _locked(draft)
    now = timezone.now()
    stage = _active_stage(draft)
    if stage.kind != Stage.Kind.DECIDE:
        raise ApprovalError(_("この段階は決裁ではありません。"))
    member, on_behalf_of = _member_for(draft, stage, actor, now=now)
    member.status = MemberStatus.DELEGATED if on_behalf_of else MemberStatus.DECIDED
    member.acted_by, member.acted_at = actor, now
    member.save(update_fields=["status", "acted_by", "acted_at"])
    stage.status = Stage.Status.DONE
    stage.save(update_fields=["status"])
    kind = Action.Kind.DELEGATED_DECISION if on_behalf_of else Action.Kind.DECIDE
    _log(draft, kind, actor=actor, now=now, member=member, on_behalf_of=on_behalf_of, comment=comment)
    _close(draft, Status.DECIDED, now=now)
    return draft


@transaction.atomic
def reject(*, draft: Draft, actor, comment: str) -> Draft:
    """却下 — only the decider (or their stand-in) ends a draft; a new draft is then needed."""
    if not comment.strip():
        raise ApprovalError(_("却下の理由を入力してください。"))
    draft = _locked(draft)
    now = timezone.now()
    stage = _active_stage(draft)
    member, on_behalf_of = _member_for(draft, stage, actor, now=now)
    if stage.kind != Stage.Kind.DECIDE:
        raise ApprovalError(_("却下できるのは決裁権者だけです。差戻しを使ってください。"))
    stage.status = Stage.Status.DONE
    stage.save(update_fields=["status"])
    _log(
        draft,
        Action.Kind.REJECT,
        actor=actor,
        now=now,
        member=member,
        on_behalf_of=on_behalf_of,
        comment=comment,
    )
    _close(draft, Status.REJECTED, now=now)
    return draft


@transaction.atomic
def send_back(*, draft: Draft, actor, comment: str, to_stage: int | None = None) -> Draft:
    """差戻し — to the drafter (``to_stage`` None) or to an earlier stage, always with a comment."""
    if not comment.strip():
        raise ApprovalError(_("差戻しの理由を入力してください。"))
    draft = _locked(draft)
    now = timezone.now()
    stage = _active_stage(draft)
    member, _for = _member_for(draft, stage, actor, now=now)
    if to_stage is not None and not (1 <= to_stage < stage.order):
        raise ApprovalError(_("差戻し先は、この段階より前の段階か起案者を選んでください。"))
    _log(
        draft, Action.Kind.SEND_BACK, actor=actor, now=now, member=member, comment=comment, to_stage=to_stage
    )
    if to_stage is None:
        _reset_from(draft, 1)
        _move(draft, Status.SENT_BACK, now=now)
    else:
        _reset_from(draft, to_stage)
        _activate_from(draft, to_stage, now=now)
    return draft


@transaction.atomic
def withdraw(*, draft: Draft, actor) -> Draft:
    """引戻し — the last person who acted takes it back, while the next has not acted yet."""
    draft = _locked(draft)
    now = timezone.now()
    stage = _active_stage(draft)
    last = draft.actions.exclude(kind=Action.Kind.SKIP).select_related("member__stage").last()
    if (
        last is None
        or last.actor_id != actor.pk
        or last.kind
        not in (
            Action.Kind.SUBMIT,
            Action.Kind.APPROVE,
            Action.Kind.CIRCULATE,
        )
    ):
        if not _is_on_route(draft, actor):
            raise NotOnRoute
        raise ApprovalError(_("引戻しができるのは、最後に処理した人だけです。"))
    acted_here = stage.members.filter(acted_by__isnull=False).exclude(status=MemberStatus.SKIPPED)
    if last.kind == Action.Kind.SUBMIT:
        if acted_here.exists():
            raise ApprovalError(_("次の人がすでに処理したため、引戻しできません。"))
        _log(draft, Action.Kind.WITHDRAW, actor=actor, now=now)
        _reset_from(draft, 1)
        _move(draft, Status.DRAFTING, now=now)
        return draft
    mine = last.member
    if mine.stage.order != stage.order and acted_here.exists():
        raise ApprovalError(_("次の人がすでに処理したため、引戻しできません。"))
    _log(draft, Action.Kind.WITHDRAW, actor=actor, now=now, member=mine)
    if mine.stage.order != stage.order:
        _reset_from(draft, mine.stage.order + 1)
        Stage.objects.filter(pk=mine.stage_id).update(status=Stage.Status.ACTIVE)
        StageMember.objects.filter(stage_id=mine.stage_id, status=MemberStatus.NOT_NEEDED).update(
            status=MemberStatus.WAITING, waiting_since=now
        )
    StageMember.objects.filter(pk=mine.pk).update(
        status=MemberStatus.WAITING, acted_by=None, acted_at=None, waiting_since=now
    )
    return draft


@transaction.atomic
def post_review(*, draft: Draft, actor, comment: str = "") -> Action:
    """後閲 — a reviewer skipped while away, or a decider decided for, reads the closed draft."""
    draft = _locked(draft)
    if draft.status != Status.DECIDED:
        raise ApprovalError(_("後閲は決裁済みの起案についてだけできます。"))
    owed = [m for m in post_reviews_owed(draft) if m.user_id == actor.pk]
    if not owed:
        if not _is_on_route(draft, actor):
            raise NotOnRoute
        raise ApprovalError(_("あなたが後閲する段階はありません。"))
    now = timezone.now()
    for member in owed:
        _log(draft, Action.Kind.POST_REVIEW, actor=actor, now=now, member=member, comment=comment)
    return draft.actions.last()


@transaction.atomic
def register_paper_decision(
    *, title: str, department, drafter, drafted_on: dt.date, decided_on: dt.date, actor
) -> Draft:
    """A decision taken on paper (紙決裁), recorded so the paperless figures compare both."""
    if decided_on < drafted_on:
        raise ApprovalError(_("決裁日は起案日以降の日付にしてください。"))
    if not title.strip():
        raise ApprovalError(_("件名を入力してください。"))
    tz = timezone.get_current_timezone()
    draft = Draft.objects.create(
        title=title.strip(),
        department=department,
        drafter=drafter,
        is_electronic=False,
        status=Status.DRAFTING,
    )
    Draft.objects.filter(pk=draft.pk).update(
        created_at=dt.datetime.combine(drafted_on, dt.time(9), tz),
        submitted_at=dt.datetime.combine(drafted_on, dt.time(9), tz),
        closed_at=dt.datetime.combine(decided_on, dt.time(17), tz),
        status=Status.DECIDED,
    )
    draft.refresh_from_db()
    _index(draft)
    _audit(draft, action="paper_decision", actor=actor)
    return draft


def send_reminders(*, days: int, now: dt.datetime | None = None) -> int:
    """Queue one reminder per waiting place and day; returns how many were queued.

    The notification key names the place and the day, so running this twice a day sends once.
    """
    now = now or timezone.now()
    sent = 0
    for member in waiting_longer_than(days, now):
        waited = (now - member.stage.activated_at).days
        notification = notify(
            key=f"approvals-reminder:{member.pk}:{timezone.localdate(now).isoformat()}",
            to=member.user.email,
            subject=_("【催促】承認待ちの起案があります: %(title)s") % {"title": member.stage.draft.title},
            body=_(
                "「%(title)s」があなたの承認を %(days)s 日間待っています。"
                "職員メニューの「承認待ち」から処理してください。"
            )
            % {"title": member.stage.draft.title, "days": waited},
        )
        sent += notification is not None
    return sent
