from django.apps import AppConfig


class PaymentsConfig(AppConfig):
    """支払 — online and counter payments through a provider adapter, refunds and reconciliation."""

    name = "madoguchi.payments"
    label = "payments"
