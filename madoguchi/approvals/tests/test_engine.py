"""The approval state machine: routes from the matrix, every action, immutability in the database."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import IntegrityError, InternalError, transaction
from django.utils import timezone

from madoguchi.approvals import selectors, services
from madoguchi.approvals.models import Action, Draft, Stage, StageMember
from madoguchi.approvals.routes import MemberSpec, StageSpec
from madoguchi.audit.models import AuditEvent
from madoguchi.organization.selectors import department_by_code, holders_of

pytestmark = pytest.mark.django_db


def _route_users(draft: Draft) -> list[list[str]]:
    return [[m.user.username for m in stage.members.all()] for stage in selectors.route_of(draft)]


def test_route_is_proposed_from_the_authority_matrix(make_draft):
    draft = make_draft("ka-routine")
    assert _route_users(draft) == [["sugaya.t"], ["terakado.s"]]
    assert [s.kind for s in draft.stages.all()] == ["approve", "decide"]


def test_route_goes_up_to_the_mayor_with_consultations(make_draft):
    draft = make_draft("shicho")
    assert _route_users(draft) == [
        ["sugaya.t"],
        ["terakado.s"],
        ["ebihara.m"],
        ["gunji.m", "ishizuka.m"],
        ["tsuboi.k"],
    ]
    assert [s.kind for s in draft.stages.all()][-2:] == ["consult", "decide"]


def test_decision_after_approval_closes_the_draft_and_audits_each_step(make_draft, staff):
    draft = make_draft("ka-routine")
    services.submit(draft=draft, actor=staff("admin.joho"))
    assert selectors.pending_count(staff("sugaya.t")) == 1
    services.approve(draft=draft, actor=staff("sugaya.t"), comment="異議なし")
    assert selectors.pending_count(staff("sugaya.t")) == 0
    assert selectors.pending_count(staff("terakado.s")) == 1
    services.decide(draft=draft, actor=staff("terakado.s"))
    draft.refresh_from_db()
    assert draft.status == Draft.Status.DECIDED and draft.closed_at is not None
    kinds = list(draft.actions.values_list("kind", flat=True))
    assert kinds == ["submit", "approve", "decide"]
    audited = set(AuditEvent.objects.filter(object_id=str(draft.pk)).values_list("action", flat=True))
    assert {"approvals.submit", "approvals.approve", "approvals.decide"} <= audited


def test_someone_not_on_the_route_is_refused(make_draft, staff):
    draft = make_draft("ka-routine")
    services.submit(draft=draft, actor=staff("admin.joho"))
    with pytest.raises(services.NotOnRoute):
        services.approve(draft=draft, actor=staff("terunuma.a"))


def test_a_later_stage_cannot_act_before_its_turn(make_draft, staff):
    draft = make_draft("ka-routine")
    services.submit(draft=draft, actor=staff("admin.joho"))
    with pytest.raises(services.ApprovalError):
        services.decide(draft=draft, actor=staff("terakado.s"))


def test_send_back_to_drafter_then_resubmit_starts_again(make_draft, staff):
    draft = make_draft("bu-matter")
    services.submit(draft=draft, actor=staff("admin.joho"))
    services.approve(draft=draft, actor=staff("sugaya.t"))
    with pytest.raises(services.ApprovalError):
        services.send_back(draft=draft, actor=staff("terakado.s"), comment="  ")
    services.send_back(draft=draft, actor=staff("terakado.s"), comment="予算額を確認してください")
    draft.refresh_from_db()
    assert draft.status == Draft.Status.SENT_BACK
    services.update_draft(
        draft=draft,
        actor=staff("admin.joho"),
        title=draft.title,
        body="修正版",
        disclosure="public",
        disclosure_ground="",
    )
    services.submit(draft=draft, actor=staff("admin.joho"))
    assert selectors.pending_count(staff("sugaya.t")) == 1
    assert selectors.pending_count(staff("terakado.s")) == 0


def test_send_back_to_an_earlier_stage(make_draft, staff):
    draft = make_draft("bu-matter")
    services.submit(draft=draft, actor=staff("admin.joho"))
    services.approve(draft=draft, actor=staff("sugaya.t"))
    services.approve(draft=draft, actor=staff("terakado.s"))
    services.send_back(draft=draft, actor=staff("ebihara.m"), comment="係で再確認を", to_stage=1)
    draft.refresh_from_db()
    assert draft.status == Draft.Status.IN_ROUTE
    assert selectors.pending_count(staff("sugaya.t")) == 1
    assert selectors.pending_count(staff("ebihara.m")) == 0
    with pytest.raises(services.ApprovalError):
        services.send_back(draft=draft, actor=staff("sugaya.t"), comment="x", to_stage=1)


def test_withdraw_by_last_actor_only_while_next_has_not_acted(make_draft, staff):
    draft = make_draft("bu-matter")
    services.submit(draft=draft, actor=staff("admin.joho"))
    services.approve(draft=draft, actor=staff("sugaya.t"))
    with pytest.raises(services.ApprovalError):
        services.withdraw(draft=draft, actor=staff("admin.joho"))
    services.withdraw(draft=draft, actor=staff("sugaya.t"))
    assert selectors.pending_count(staff("sugaya.t")) == 1
    assert selectors.pending_count(staff("terakado.s")) == 0
    services.approve(draft=draft, actor=staff("sugaya.t"))
    services.approve(draft=draft, actor=staff("terakado.s"))
    with pytest.raises(services.ApprovalError):
        services.withdraw(draft=draft, actor=staff("sugaya.t"))


def test_drafter_withdraws_before_first_reviewer_acts(make_draft, staff):
    draft = make_draft()
    services.submit(draft=draft, actor=staff("admin.joho"))
    services.withdraw(draft=draft, actor=staff("admin.joho"))
    draft.refresh_from_db()
    assert draft.status == Draft.Status.DRAFTING
    assert selectors.pending_count(staff("sugaya.t")) == 0


def test_reject_ends_the_draft(make_draft, staff):
    draft = make_draft()
    services.submit(draft=draft, actor=staff("admin.joho"))
    with pytest.raises(services.ApprovalError):
        services.reject(draft=draft, actor=staff("sugaya.t"), comment="不要")
    services.approve(draft=draft, actor=staff("sugaya.t"))
    services.reject(draft=draft, actor=staff("terakado.s"), comment="今年度は見送る")
    draft.refresh_from_db()
    assert draft.status == Draft.Status.REJECTED
    with pytest.raises(services.ApprovalError):
        services.submit(draft=draft, actor=staff("admin.joho"))


def test_delegated_decision_by_stand_in_then_post_review(make_draft, staff):
    today = timezone.localdate()
    services.register_absence(
        user=staff("terakado.s"),
        starts_on=today,
        ends_on=today + dt.timedelta(days=2),
        stand_in=staff("sugaya.t"),
        reason="出張",
        actor=staff("terakado.s"),
    )
    draft = make_draft("ka-routine")
    services.submit(draft=draft, actor=staff("admin.joho"))
    services.approve(draft=draft, actor=staff("sugaya.t"))
    assert selectors.pending_count(staff("sugaya.t")) == 1  # standing in for the absent 課長
    services.decide(draft=draft, actor=staff("sugaya.t"))
    draft.refresh_from_db()
    assert draft.status == Draft.Status.DECIDED
    delegated = draft.actions.get(kind=Action.Kind.DELEGATED_DECISION)
    assert delegated.on_behalf_of == staff("terakado.s")
    assert [m.user.username for m in selectors.post_reviews_owed(draft)] == ["terakado.s"]
    with pytest.raises(services.ApprovalError):
        services.post_review(draft=draft, actor=staff("sugaya.t"))
    services.post_review(draft=draft, actor=staff("terakado.s"))
    assert selectors.post_reviews_owed(draft) == []
    column = selectors.approval_column(draft)
    assert column[-1].mark == "代決" and column[-1].post_reviewed_on is not None


def test_absent_reviewer_is_skipped_and_post_reviews(make_draft, staff):
    today = timezone.localdate()
    services.register_absence(
        user=staff("sugaya.t"),
        starts_on=today,
        ends_on=today,
        stand_in=staff("terunuma.a"),
        reason="休暇",
        actor=staff("sugaya.t"),
    )
    draft = make_draft("ka-routine")
    services.submit(draft=draft, actor=staff("admin.joho"))
    assert selectors.pending_count(staff("terakado.s")) == 1
    services.decide(draft=draft, actor=staff("terakado.s"))
    assert [m.user.username for m in selectors.post_reviews_owed(draft)] == ["sugaya.t"]
    assert selectors.post_reviews_for(staff("sugaya.t")).count() == 1
    services.post_review(draft=draft, actor=staff("sugaya.t"), comment="確認しました")
    assert selectors.post_reviews_for(staff("sugaya.t")).count() == 0


def test_all_must_consultation_waits_for_everyone(make_draft, staff):
    draft = make_draft("shicho")
    services.submit(draft=draft, actor=staff("admin.joho"))
    for name in ("sugaya.t", "terakado.s", "ebihara.m", "gunji.m"):
        services.approve(draft=draft, actor=staff(name))
    assert selectors.pending_count(staff("ishizuka.m")) == 1
    assert selectors.pending_count(staff("tsuboi.k")) == 0
    services.approve(draft=draft, actor=staff("ishizuka.m"))
    assert selectors.pending_count(staff("tsuboi.k")) == 1


def _edit_route_to_any_consultation(draft, staff, city):
    def post(code, position, username):
        department = department_by_code(city, code)
        holder = next(h for h in holders_of(department, position) if h.user.username == username)
        return MemberSpec(holder.user_id, holder.department_id, holder.position_id)

    services.set_route(
        draft=draft,
        actor=staff("admin.joho"),
        stages=[
            StageSpec(
                Stage.Kind.CONSULT,
                Stage.Mode.ANY,
                (post("somu-somu", "kacho", "gunji.m"), post("somu-zaisei", "kacho", "ishizuka.m")),
            ),
            StageSpec(Stage.Kind.DECIDE, members=(post("somu-joho", "kacho", "terakado.s"),)),
        ],
    )


def test_any_may_consultation_advances_on_the_first_agreement(make_draft, staff, city):
    draft = make_draft("ka-routine")
    _edit_route_to_any_consultation(draft, staff, city)
    services.submit(draft=draft, actor=staff("admin.joho"))
    services.approve(draft=draft, actor=staff("ishizuka.m"))
    assert selectors.pending_count(staff("gunji.m")) == 0
    assert selectors.pending_count(staff("terakado.s")) == 1


def test_route_must_end_in_one_decision(make_draft, staff, city):
    draft = make_draft("ka-routine")
    member = draft.stages.first().members.first()
    spec = MemberSpec(member.user_id, member.department_id, member.position_id)
    with pytest.raises(services.ApprovalError):
        services.set_route(
            draft=draft, actor=staff("admin.joho"), stages=[StageSpec(Stage.Kind.APPROVE, members=(spec,))]
        )
    with pytest.raises(services.NotOnRoute):
        services.set_route(
            draft=draft, actor=staff("sugaya.t"), stages=[StageSpec(Stage.Kind.DECIDE, members=(spec,))]
        )


def test_circulation_only_route_closes_when_everyone_has_seen_it(make_draft, staff, city):
    draft = make_draft("ka-routine", title="研修資料の供覧")
    members = [StageMember.objects.filter(stage__draft=draft).select_related("stage")[i] for i in (0, 1)]
    specs = [
        StageSpec(Stage.Kind.CIRCULATE, members=(MemberSpec(m.user_id, m.department_id, m.position_id),))
        for m in members
    ]
    services.set_route(draft=draft, actor=staff("admin.joho"), stages=specs)
    services.submit(draft=draft, actor=staff("admin.joho"))
    services.approve(draft=draft, actor=staff("sugaya.t"))
    services.approve(draft=draft, actor=staff("terakado.s"))
    draft.refresh_from_db()
    assert draft.status == Draft.Status.CIRCULATED


def test_partial_disclosure_needs_a_ground(make_draft):
    with pytest.raises(services.ApprovalError):
        make_draft(disclosure="partial", disclosure_ground="")


def _decided(make_draft, staff) -> Draft:
    draft = make_draft()
    services.submit(draft=draft, actor=staff("admin.joho"))
    services.approve(draft=draft, actor=staff("sugaya.t"))
    services.decide(draft=draft, actor=staff("terakado.s"))
    return Draft.objects.get(pk=draft.pk)


def test_database_refuses_changing_a_decided_draft(make_draft, staff):
    draft = _decided(make_draft, staff)
    with pytest.raises((IntegrityError, InternalError)), transaction.atomic():
        Draft.objects.filter(pk=draft.pk).update(title="書き換え")
    with pytest.raises((IntegrityError, InternalError)), transaction.atomic():
        StageMember.objects.filter(stage__draft=draft).update(acted_at=None)
    with pytest.raises((IntegrityError, InternalError)), transaction.atomic():
        Stage.objects.create(draft=draft, order=9, kind="approve")
    with pytest.raises((IntegrityError, InternalError)), transaction.atomic():
        Action.objects.filter(draft=draft).update(comment="改ざん")
    assert Draft.objects.get(pk=draft.pk).title == draft.title


def test_draft_still_editable_before_decision_in_the_database(make_draft):
    draft = make_draft()
    Draft.objects.filter(pk=draft.pk).update(title="修正")
    assert Draft.objects.get(pk=draft.pk).title == "修正"


def test_a_drafter_holding_the_deciding_post_is_decided_for_by_the_next_head_up(make_draft, city):
    somu_joho = department_by_code(city, "somu-joho")
    draft = make_draft("ka-routine", drafter="terakado.s", department=somu_joho)
    assert _route_users(draft) == [["ebihara.m"]]
