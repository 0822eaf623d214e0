from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from peerlearning import backups


class Command(BaseCommand):
    help = (
        "Write one archive holding a PostgreSQL dump and the private evidence files, with a "
        "manifest of checksums and row counts (see peerlearning/backups.py)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output-dir",
            type=Path,
            default=settings.VAR_DIR / "backups",
            help="Folder for the archive (default var/backups/).",
        )
        parser.add_argument("--database", default="default")

    def handle(self, *args, output_dir, database, **options):
        try:
            archive = backups.create_backup(output_dir=output_dir, using=database)
        except backups.BackupError as error:
            raise CommandError(str(error)) from error
        size = archive.stat().st_size / (1024 * 1024)
        self.stdout.write(f"{archive} ({size:.1f} MB)")
