from django.apps import AppConfig


class CertificatesConfig(AppConfig):
    """証明書 — signed electronic certificates and their public verification."""

    name = "madoguchi.certificates"
    label = "certificates"

    def ready(self) -> None:
        from madoguchi.certificates.services import on_payment_captured
        from madoguchi.payments.signals import payment_captured

        payment_captured.connect(on_payment_captured, dispatch_uid="certificates.on_payment_captured")
