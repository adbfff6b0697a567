from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from madoguchi.accounts.decorators import staff_required
from madoguchi.notifications.selectors import outbox


@staff_required
def outbox_view(request: HttpRequest) -> HttpResponse:
    """The demo outbox: mail the city "sent" (only with the outbox backend)."""
    return render(request, "notifications/outbox.html", {"messages_sent": outbox()})
