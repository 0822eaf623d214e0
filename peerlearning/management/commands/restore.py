from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from peerlearning import backups


class Command(BaseCommand):
    help = (
        "Restore an archive written by `backup` into an empty database and an empty "
        "PRIVATE_MEDIA_ROOT; refuses a target that holds anything."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path)
        parser.add_argument("--database", default="default")

    def handle(self, *args, archive, database, **options):
        if not archive.is_file():
            raise CommandError(f"No archive at {archive}")
        try:
            restored = backups.restore_backup(archive=archive, using=database)
        except backups.BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Restored {restored.tables} tables ({restored.rows} rows, every count as in the "
            f"backup) and {restored.files} evidence files from {archive.name}"
        )
