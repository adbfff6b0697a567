"""Two requests submitting the same draft at the same instant make exactly one submission."""

from __future__ import annotations

import threading

import pytest
from django.db import connections
from django.http import QueryDict

from madoguchi.cases import services
from madoguchi.cases.models import Submission

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.usefixtures("postgres_only")
def test_simultaneous_submits_of_one_draft_make_one_submission(procedure, resident):
    draft = services.start_draft(
        applicant=resident, procedure_code="test-certificate", resident_code="08208200001"
    )
    services.consent_to_prefill(draft=draft, actor=resident)
    services.save_step(draft=draft, step_key="applicant", data=QueryDict(""), files={}, actor=resident)
    services.save_step(
        draft=draft, step_key="request", data=QueryDict("purpose=bank&copies=1"), files={}, actor=resident
    )
    start = threading.Barrier(6)
    receipts: list[str] = []
    errors: list[BaseException] = []

    def click() -> None:
        try:
            start.wait()
            receipts.append(services.submit(draft_id=draft.pk, actor=resident).receipt_number)
        except BaseException as error:  # re-raised below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=click) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert Submission.objects.count() == 1
    assert set(receipts) == {Submission.objects.get().receipt_number}
