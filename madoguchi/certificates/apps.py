from django.apps import AppConfig


class CertificatesConfig(AppConfig):
    """証明書 — signed electronic certificates and their public verification."""

    name = "madoguchi.certificates"
    label = "certificates"
