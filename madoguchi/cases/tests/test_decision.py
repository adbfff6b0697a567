"""A procedure that requires 決裁: the case is decided through a draft, and the outcome flows back."""

from __future__ import annotations

import pytest

from madoguchi.accounts.selectors import staff_by_username
from madoguchi.approvals import services as approval_services
from madoguchi.approvals.models import Draft
from madoguchi.cases import services
from madoguchi.cases.models import Submission
from madoguchi.cases.tests.conftest import fill_in
from madoguchi.demo.services import seed_approvals

pytestmark = pytest.mark.django_db


@pytest.fixture
def submission(client, procedure, resident, city) -> Submission:
    procedure.requires_decision = True
    procedure.save()
    seed_approvals(city)
    client.force_login(resident)
    client.post(fill_in(client))
    client.logout()
    return Submission.objects.get()


def test_status_change_alone_cannot_decide_such_a_case(submission, clerk):
    with pytest.raises(services.ApplicationError):
        services.change_status(submission=submission, to_status="completed", actor=clerk)
    submission.refresh_from_db()
    assert submission.status == Submission.Status.RECEIVED


def test_draft_prefilled_from_the_case_decides_it(client, submission):
    drafter = staff_by_username("nakajima.y")
    client.force_login(drafter)
    case_page = client.get(f"/staff/cases/{submission.receipt_number}/").content.decode()
    assert "決裁を起案する" in case_page
    url = f"/staff/approvals/from-case/{submission.receipt_number}/"
    form = client.get(url)
    assert form.status_code == 200 and submission.receipt_number in form.content.decode()
    initial = form.context["form"].initial
    response = client.post(
        url,
        {**{k: v for k, v in initial.items() if v is not None}, "outcome": "completed", "file_class": ""},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    draft = Draft.objects.get()
    assert draft.subject_ref == submission.receipt_number and "通数" in draft.body
    approval_services.submit(draft=draft, actor=drafter)
    for member in draft.stages.order_by("order"):
        decider = member.members.get().user
        action = approval_services.decide if member.kind == "decide" else approval_services.approve
        action(draft=draft, actor=decider)
    submission.refresh_from_db()
    assert submission.status == Submission.Status.COMPLETED
    change = submission.status_changes.last()
    assert f"起案番号 {draft.pk}" in change.reason
