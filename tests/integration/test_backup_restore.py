"""Backups that restore: `manage.py backup` on one database, `manage.py restore` into a new,
empty one (another process, as on another machine), with every row and every evidence file."""

import contextlib
import os
import subprocess
import sys
from urllib.parse import urlsplit, urlunsplit

import psycopg2
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection

from applications.services import upload_evidence
from peerlearning.backups import row_counts, sha256_of
from tests import evidence_samples as samples
from tests.factories import ApplicationFactory, council_user
from tests.integration.conftest import PROJECT_ROOT

pytestmark = pytest.mark.integration


def files_under(root) -> dict[str, str]:
    return {
        path.relative_to(root).as_posix(): sha256_of(path)
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


@pytest.fixture
def empty_database():
    """A new database beside the test database, dropped afterwards."""
    name = f"{connection.settings_dict['NAME']}_restored"
    url = urlsplit(os.environ["DATABASE_URL"])
    admin = psycopg2.connect(urlunsplit(url._replace(path="/postgres")))
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}"')
    try:
        yield urlunsplit(url._replace(path=f"/{name}"))
    finally:
        with admin.cursor() as cursor, contextlib.suppress(psycopg2.Error):
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


@pytest.fixture
def backed_up(settings, tmp_path):
    """The test database with an application and two uploaded files, backed up."""
    application = ApplicationFactory()
    user = council_user(organisation=application.organisation)
    for name in ["plan.pdf", "survey.pdf"]:
        upload_evidence(
            application_id=application.pk,
            upload=SimpleUploadedFile(name, samples.make_pdf()),
            by=user,
        )
    call_command("backup", output_dir=tmp_path / "backups")
    [archive] = (tmp_path / "backups").glob("peerlearning-backup-*.tar")
    return archive


def restore(archive, *, database_url: str, media_root) -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "PRIVATE_MEDIA_ROOT": str(media_root),
        "DJANGO_SETTINGS_MODULE": "peerlearning.settings",
    }
    env.pop("DEBUG", None)
    return subprocess.run(
        [sys.executable, "manage.py", "restore", str(archive)],
        cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip


def test_a_backup_restores_every_row_and_file_into_a_new_database(
    backed_up, empty_database, settings, tmp_path
):
    assert oct(backed_up.stat().st_mode & 0o777) == "0o600"
    restored_media = tmp_path / "restored-private"

    result = restore(backed_up, database_url=empty_database, media_root=restored_media)

    assert result.returncode == 0, result.stderr
    assert "and 2 evidence files" in result.stdout
    with psycopg2.connect(empty_database) as restored, restored.cursor() as cursor:
        counts = {}
        for table in row_counts():
            cursor.execute(f'SELECT COUNT(*) FROM "{table}"')
            counts[table] = cursor.fetchone()[0]
    restored.close()
    assert counts == row_counts()
    assert counts["applications_evidencedocument"] == 2
    assert files_under(restored_media) == files_under(settings.PRIVATE_MEDIA_ROOT)
    assert len(files_under(restored_media)) == 2


def test_restore_refuses_a_database_that_is_not_empty(backed_up, tmp_path):
    with pytest.raises(CommandError, match=r"is not empty \(\d+ tables\)"):
        call_command("restore", str(backed_up))


def test_restore_refuses_a_folder_that_is_not_empty(backed_up, empty_database, tmp_path):
    media = tmp_path / "in-use"
    (media / "evidence").mkdir(parents=True)
    (media / "evidence" / "someone-elses.pdf").write_bytes(b"%PDF-1.4")

    result = restore(backed_up, database_url=empty_database, media_root=media)

    assert result.returncode == 1
    assert "is not empty: restore into a new, empty folder" in result.stderr
    with psycopg2.connect(empty_database) as untouched, untouched.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM pg_tables WHERE schemaname = 'public'")
        assert cursor.fetchone()[0] == 0
    untouched.close()


def test_restore_refuses_a_damaged_archive(backed_up, empty_database, tmp_path):
    damaged = tmp_path / "damaged.tar"
    data = bytearray(backed_up.read_bytes())
    position = data.index(b"%PDF")  # inside an evidence file
    data[position + 20] ^= 0xFF
    damaged.write_bytes(bytes(data))

    result = restore(damaged, database_url=empty_database, media_root=tmp_path / "new")

    assert result.returncode == 1
    assert "is missing or damaged in damaged.tar: nothing restored" in result.stderr
