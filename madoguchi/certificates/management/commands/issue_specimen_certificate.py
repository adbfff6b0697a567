"""``madoguchi issue_specimen_certificate --out FILE`` — a signed 見本 to check the signing set-up."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from madoguchi.certificates.models import CertificateKind
from madoguchi.certificates.services import issue_specimen


class Command(BaseCommand):
    help = "署名の設定を確かめるため、電子署名付きの見本の証明書（PDF）を書き出します。"

    def add_arguments(self, parser) -> None:
        parser.add_argument("--out", required=True, help="書き出すPDFファイル")
        parser.add_argument("--kind", choices=CertificateKind.values, default=CertificateKind.RESIDENCE)

    def handle(self, *args, out: str, kind: str, **options) -> None:
        path = Path(out)
        if not path.parent.exists():
            raise CommandError(f"フォルダがありません / no such folder: {path.parent}")
        certificate = issue_specimen(kind=kind)
        with certificate.pdf.open("rb") as pdf:
            path.write_bytes(pdf.read())
        self.stdout.write(
            self.style.SUCCESS(
                f"見本を書き出しました / specimen written: {path}\n"
                f"  検証コード / code: {certificate.formatted_code}\n"
                f"  SHA-256: {certificate.sha256}"
            )
        )
