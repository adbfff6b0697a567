"""``madoguchi issue_pending_certificates`` — issue what was paid for but not issued (the mop-up)."""

from django.core.management.base import BaseCommand

from madoguchi.certificates.tasks import issue_pending_certificates


class Command(BaseCommand):
    help = "支払済みで未発行の証明書を発行します（後始末）。cron で数分ごとに実行してください。"

    def handle(self, *args, **options) -> None:
        issued = issue_pending_certificates()
        self.stdout.write(f"issued {issued} request(s)")
