from django.apps import AppConfig


class CasesConfig(AppConfig):
    """申請・案件 — drafts, submissions, their case handling by staff, and messages."""

    name = "madoguchi.cases"
    label = "cases"

    def ready(self) -> None:
        from madoguchi.cases.receivers import case_fee_captured
        from madoguchi.payments.signals import payment_captured

        payment_captured.connect(case_fee_captured, dispatch_uid="cases.case_fee_captured")
