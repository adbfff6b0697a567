"""Two people acting on one stage at the same instant never advance it twice (PostgreSQL)."""

from __future__ import annotations

import threading

import pytest
from django.db import connections

from madoguchi.approvals import selectors, services
from madoguchi.approvals.models import Action, Draft

pytestmark = pytest.mark.django_db(transaction=True)


def _race(*calls) -> list[BaseException]:
    start = threading.Barrier(len(calls))
    errors: list[BaseException] = []

    def run(call) -> None:
        try:
            start.wait()
            call()
        except BaseException as error:  # collected and inspected by the test
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return errors


@pytest.mark.usefixtures("postgres_only")
def test_simultaneous_approvals_of_one_stage_advance_it_once(make_draft, staff):
    draft = make_draft("ka-routine")
    services.submit(draft=draft, actor=staff("admin.joho"))
    approver = staff("sugaya.t")
    errors = _race(*[lambda: services.approve(draft=draft, actor=approver) for _ in range(4)])
    assert len(errors) == 3 and all(isinstance(e, services.ApprovalError) for e in errors)
    assert Action.objects.filter(draft=draft, kind=Action.Kind.APPROVE).count() == 1
    assert selectors.pending_count(staff("terakado.s")) == 1


@pytest.mark.usefixtures("postgres_only")
def test_decision_and_send_back_at_once_leave_one_outcome(make_draft, staff):
    draft = make_draft("ka-routine")
    services.submit(draft=draft, actor=staff("admin.joho"))
    services.approve(draft=draft, actor=staff("sugaya.t"))
    decider = staff("terakado.s")
    errors = _race(
        lambda: services.decide(draft=draft, actor=decider),
        lambda: services.send_back(draft=draft, actor=decider, comment="再検討"),
    )
    assert len(errors) == 1
    draft.refresh_from_db()
    assert draft.status in (Draft.Status.DECIDED, Draft.Status.SENT_BACK)
    assert Action.objects.filter(draft=draft, kind__in=["decide", "send_back"]).count() == 1
