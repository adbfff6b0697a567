"""``madoguchi settle_payments`` — ask the provider about payments left open (the mop-up job)."""

from django.core.management.base import BaseCommand

from madoguchi.payments.tasks import settle_payments


class Command(BaseCommand):
    help = "Ask the payment provider about payments still open and settle them (後始末)."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--older-than",
            type=int,
            default=None,
            metavar="MINUTES",
            help="only payments older than this (default 30)",
        )

    def handle(self, *args, older_than: int | None, **options) -> None:
        counts = settle_payments(older_than_minutes=older_than)
        self.stdout.write(f"asked {counts['asked']}, changed {counts['changed']}, failed {counts['failed']}")
