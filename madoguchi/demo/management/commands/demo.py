"""``madoguchi demo`` — migrate, seed when empty, and serve the demo site."""

import os

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from madoguchi.demo.services import DEMO_LOGINS, DEMO_PASSWORD, DEMO_TOTP_SECRET
from madoguchi.registry.selectors import resident_count


class Command(BaseCommand):
    help = "デモサーバーを起動します（初回はデータベースを作成し、デモデータを登録します）。"

    def add_arguments(self, parser) -> None:
        parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", 8000)))
        parser.add_argument("--addr", default="127.0.0.1")

    def handle(self, *args, port: int, addr: str, **options) -> None:
        if settings.IS_PRODUCTION:
            raise CommandError("本番環境では gunicorn で起動してください（docs/operations.md）。")
        self.stdout.write("データベースを準備しています… / preparing the database…")
        call_command("migrate", interactive=False, verbosity=0)
        if resident_count() == 0:
            call_command("seed_demo")
        base = f"http://{addr}:{port}"
        lines = [
            "",
            "Madoguchi デモ / demo",
            f"  ホーム / home             {base}/",
            f"  職員ログイン / staff      {base}/staff/login/",
            f"  組織と連絡先 / directory  {base}/organization/",
            f"  証明書の検証 / verify     {base}/certificates/verify/",
            f"  稼働確認 / readiness      {base}/readyz",
            "",
            f"  デモ用ログイン（パスワードは全員 {DEMO_PASSWORD}） / demo logins (password for all):",
            *(f"    {login.username:<14} {login.description}" for login in DEMO_LOGINS),
            f"  認証アプリのキー（全員共通） / authenticator key (all): {DEMO_TOTP_SECRET}",
            "  現在の確認コード / current code: madoguchi demo_totp",
            "",
        ]
        self.stdout.write("\n".join(lines))
        call_command("runserver", f"{addr}:{port}", use_reloader=False, use_threading=True, skip_checks=True)
