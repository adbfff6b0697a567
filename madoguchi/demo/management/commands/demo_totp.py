"""``madoguchi demo_totp`` — the current one-time password of the demo staff accounts."""

import base64

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django_otp.oath import totp

from madoguchi.demo.services import DEMO_TOTP_SECRET


def demo_totp_code() -> str:
    """The six digits an authenticator app with DEMO_TOTP_SECRET shows now."""
    return f"{totp(base64.b32decode(DEMO_TOTP_SECRET)):06d}"


class Command(BaseCommand):
    help = "デモ用職員アカウントの現在の確認コード（多要素認証）を表示します。"

    def handle(self, *args, **options) -> None:
        if settings.IS_PRODUCTION:
            raise CommandError("本番環境では使えません / not available in production")
        self.stdout.write(demo_totp_code())
