"""``madoguchi rebuild_datastore`` — load every table resource into the datastore again.

The datastore's tables are derived from the resources' files, so a backup keeps the files and not
the tables; run this after ``madoguchi restore`` (or to repair a table).
"""

from django.core.management.base import BaseCommand
from tqdm import tqdm

from madoguchi.opendata import selectors, services


class Command(BaseCommand):
    help = "表形式のリソースをすべてデータストアに読み込み直します（restore の後に実行）。"

    def handle(self, *args, **options) -> None:
        resources = list(selectors.table_resources())
        rows = 0
        for resource in tqdm(resources, desc="データストア", unit="件"):
            rows += services.import_to_datastore(resource)
        self.stdout.write(self.style.SUCCESS(f"{len(resources)} 件のリソース、{rows} 行を読み込みました"))
