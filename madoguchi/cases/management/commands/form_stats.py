"""``madoguchi form_stats`` — how much residents still type, per published form (Markdown)."""

from django.core.management.base import BaseCommand

from madoguchi.cases.written import report
from madoguchi.formbuilder import selectors
from madoguchi.formbuilder.engine import parse_definition


class Command(BaseCommand):
    help = "公開中の申請書ごとに、住民が書く欄・選ぶ欄・自動入力・自動計算の数を表にします。"

    def handle(self, *args, **options) -> None:
        forms = []
        for form in selectors.all_forms():
            version = selectors.current_version(form.code)
            if version is not None:
                forms.append((form.title, parse_definition(version.definition)))
        self.stdout.write(report(forms))
