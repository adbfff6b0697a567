from django.db.models import QuerySet

from madoguchi.notifications.models import OutboxMessage


def outbox(limit: int = 100) -> QuerySet[OutboxMessage]:
    return OutboxMessage.objects.all()[:limit]
