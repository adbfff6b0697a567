"""Staff pages: drafting, the route editor, acting, the signed PDF, 403 for outsiders, reminders."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from madoguchi.approvals import selectors, services
from madoguchi.approvals.models import Draft, Stage
from madoguchi.notifications.models import Notification

pytestmark = pytest.mark.django_db


def _login(client, user):
    client.force_login(user)
    return client


def test_drafting_proposes_a_route_and_bad_input_changes_nothing(client, staff, joho):
    _login(client, staff("admin.joho"))
    matter = selectors.matter_classes().get(code="ka-routine")
    response = client.post(
        reverse("approvals:new"),
        {"title": "", "department": joho.pk, "matter": matter.pk, "disclosure": "closed"},
    )
    assert response.status_code == 400
    assert "件名" in response.content.decode() and Draft.objects.count() == 0
    response = client.post(
        reverse("approvals:new"),
        {
            "title": "備品の購入",
            "body": "伺います",
            "department": joho.pk,
            "matter": matter.pk,
            "disclosure": "public",
        },
    )
    draft = Draft.objects.get()
    assert response.url == reverse("approvals:route", kwargs={"draft_id": draft.pk})
    page = client.get(response.url).content.decode()
    assert "菅谷" in page and "寺門" in page


def test_route_editor_adds_and_removes_a_stage(client, staff, make_draft):
    draft = make_draft()
    _login(client, staff("admin.joho"))
    url = reverse("approvals:route", kwargs={"draft_id": draft.pk})
    client.post(url, {"op": "remove", "stage": "1"})
    assert draft.stages.count() == 1
    membership = next(m for m in selectors.org_selectors.memberships_on() if m.user.username == "terunuma.a")
    client.post(
        url, {"op": "add", "kind": "approve", "mode": "all", "members": [membership.pk], "position": "1"}
    )
    assert [s.kind for s in draft.stages.all()] == [Stage.Kind.APPROVE, Stage.Kind.DECIDE]
    assert draft.stages.first().members.get().user.username == "terunuma.a"
    response = client.post(url, {"op": "remove", "stage": "2"}, follow=True)
    assert "決裁" in response.content.decode() and draft.stages.count() == 2


def test_inbox_counts_and_actions_through_the_page(client, staff, make_draft):
    draft = make_draft()
    services.submit(draft=draft, actor=staff("admin.joho"))
    _login(client, staff("sugaya.t"))
    page = client.get(reverse("approvals:inbox")).content.decode()
    assert draft.title in page and "承認待ち（1 件）" in page
    client.post(reverse("approvals:act", kwargs={"draft_id": draft.pk}), {"action": "approve"})
    _login(client, staff("terakado.s"))
    client.post(reverse("approvals:act", kwargs={"draft_id": draft.pk}), {"action": "decide"})
    draft.refresh_from_db()
    assert draft.status == Draft.Status.DECIDED


def test_the_inbox_reads_the_same_few_queries_however_much_waits(
    client, staff, make_draft, django_assert_num_queries
):
    """Once the header count is cached: the user, stand-ins, the waiting lines, the 後閲 owed and
    one's own drafts."""
    services.submit(draft=make_draft(title="一件目"), actor=staff("admin.joho"))
    _login(client, staff("sugaya.t"))
    inbox = reverse("approvals:inbox")
    client.get(inbox)
    with django_assert_num_queries(5):
        assert "一件目" in client.get(inbox).content.decode()
    for number in range(3):
        services.submit(draft=make_draft(title=f"追加{number}"), actor=staff("admin.joho"))
    client.get(inbox)
    with django_assert_num_queries(5):
        page = client.get(inbox).content.decode()
    assert "承認待ち（4 件）" in page and "追加2" in page


def test_the_inbox_pages_through_everything_waiting_oldest_first(client, staff, make_draft):
    from madoguchi.approvals.views import INBOX_ROWS

    titles = [f"起案{number:02d}" for number in range(INBOX_ROWS + 3)]
    for title in titles:
        services.submit(draft=make_draft(title=title), actor=staff("admin.joho"))
    _login(client, staff("sugaya.t"))
    inbox = reverse("approvals:inbox")

    def shown(query: str) -> list[str]:
        page = client.get(f"{inbox}{query}").content.decode()
        return [title for title in titles if f">{title}</a>" in page]

    assert shown("") == titles[:INBOX_ROWS] == shown("?page=1") == shown("?page=x")
    assert shown("?page=2") == titles[INBOX_ROWS:] == shown("?page=99")
    assert 'href="?page=2"' in client.get(inbox).content.decode()


def test_the_inbox_marks_a_place_held_for_an_absent_decider_as_daiketsu(client, staff, make_draft):
    today = timezone.localdate()
    services.register_absence(
        user=staff("terakado.s"),
        starts_on=today,
        ends_on=today,
        stand_in=staff("sugaya.t"),
        reason="出張",
        actor=staff("terakado.s"),
    )
    draft = make_draft(title="代決される起案")
    services.submit(draft=draft, actor=staff("admin.joho"))
    rows = selectors.pending_rows(staff("sugaya.t"), 10)
    assert [(row.title, row.stand_in) for row in rows] == [("代決される起案", False)]
    services.approve(draft=draft, actor=staff("sugaya.t"))
    [row] = selectors.pending_rows(staff("sugaya.t"), 10)
    assert row.stand_in and row.stage_kind == "決裁" and row.drafter == staff("admin.joho").display_name
    _login(client, staff("sugaya.t"))
    assert '<span class="md-tag">代決</span>' in client.get(reverse("approvals:inbox")).content.decode()


def test_outsider_gets_403(client, staff, make_draft):
    draft = make_draft()
    services.submit(draft=draft, actor=staff("admin.joho"))
    _login(client, staff("tsuboi.k"))
    response = client.post(reverse("approvals:act", kwargs={"draft_id": draft.pk}), {"action": "approve"})
    assert response.status_code == 403
    assert client.get(reverse("approvals:draft", kwargs={"draft_id": draft.pk})).status_code == 403


def test_decided_pdf_has_the_approval_column_and_a_signature(client, staff, make_draft):
    draft = make_draft()
    services.submit(draft=draft, actor=staff("admin.joho"))
    services.approve(draft=draft, actor=staff("sugaya.t"))
    _login(client, staff("admin.joho"))
    assert client.get(reverse("approvals:pdf", kwargs={"draft_id": draft.pk})).status_code == 404
    services.decide(draft=draft, actor=staff("terakado.s"))
    response = client.get(reverse("approvals:pdf", kwargs={"draft_id": draft.pk}))
    reader = PdfReader(io.BytesIO(response.content))
    text = "".join(page.extract_text() for page in reader.pages)
    assert "決裁欄" in text and "寺門" in text
    fields = reader.get_fields()
    assert [f for f in fields.values() if f.get("/FT") == "/Sig" and f.get("/V")]


def test_reminders_once_per_day_for_items_waiting_too_long(staff, make_draft):
    draft = make_draft()
    services.submit(draft=draft, actor=staff("admin.joho"))
    later = timezone.now() + dt.timedelta(days=4)
    assert services.send_reminders(days=3) == 0
    assert services.send_reminders(days=3, now=later) == 1
    assert services.send_reminders(days=3, now=later) == 1
    assert Notification.objects.filter(to=staff("sugaya.t").email).count() == 1


def test_paper_decisions_count_in_the_figures(client, staff, joho, make_draft):
    draft = make_draft()
    services.submit(draft=draft, actor=staff("admin.joho"))
    services.approve(draft=draft, actor=staff("sugaya.t"))
    services.decide(draft=draft, actor=staff("terakado.s"))
    _login(client, staff("admin.joho"))
    response = client.post(
        reverse("approvals:figures"),
        {"title": "紙の決裁", "department": joho.pk, "drafted_on": "2026-04-01", "decided_on": "2026-04-11"},
    )
    assert response.status_code == 302
    [row] = selectors.paperless_figures()
    assert (row.electronic, row.paper, row.paper_days, row.electronic_share) == (1, 1, 10.3, 50.0)
