import pytest

from madoguchi.audit.services import record_event
from madoguchi.core.paging import CappedPaginator

pytestmark = [pytest.mark.django_db, pytest.mark.sqlite_subset]


def _events(count: int):
    from madoguchi.audit.models import AuditEvent

    for n in range(count):
        record_event(action="test.page", object_id=str(n))
    return AuditEvent.objects.filter(action="test.page").order_by("seq")


def test_short_lists_get_an_exact_count():
    paginator = CappedPaginator(_events(7), 5)
    assert paginator.count == 7 and not paginator.capped and paginator.num_pages == 2


def test_long_lists_stop_counting_at_the_cap():
    paginator = CappedPaginator(_events(12), 5)
    paginator.cap = 10
    assert paginator.count == 11 and paginator.capped
    assert [e.object_id for e in paginator.page(3)] == ["10"]
