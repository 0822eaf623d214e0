import csv
from pathlib import Path

from django.core.management.base import BaseCommand
from django.db import transaction

from programmes.services import import_organisations

ORGANISATIONS_CSV = Path(__file__).resolve().parents[2] / "data" / "organisations.csv"


class Command(BaseCommand):
    help = "Load England's councils and the other organisations applicants pick from."

    def add_arguments(self, parser):
        parser.add_argument("--file", type=Path, default=ORGANISATIONS_CSV)

    def handle(self, *args, file: Path, **options):
        with file.open(newline="", encoding="utf-8") as handle, transaction.atomic():
            count = import_organisations(rows=csv.DictReader(handle))
        self.stdout.write(f"Loaded {count} organisations.")
