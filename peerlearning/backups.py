"""Backups that restore: the database and the private evidence files, together, in one archive.

An archive (`peerlearning-backup-<UTC time>.tar`, mode 0600: it holds personal data) has

- `database.dump`: `pg_dump --format=custom` (compressed; restored with `pg_restore`),
- `evidence/…`: every file under PRIVATE_MEDIA_ROOT, at its path there,
- `manifest.json`: when, the SHA-256 and size of every member, and the number of rows in every
  table, so a restore can prove it has everything.

Restoring refuses a database that has any table or a folder that has any file: it never mixes a
backup with live data. It checks every checksum before it writes anything, then restores the
database in one transaction, copies the files, and compares every table's row count with the
manifest.
"""

import dataclasses
import datetime
import hashlib
import json
import os
import shutil
import subprocess
import tarfile
import tempfile
from pathlib import Path

from django.conf import settings
from django.db import connections, transaction

FORMAT = 1
DUMP = "database.dump"
MANIFEST = "manifest.json"
EVIDENCE = "evidence"


class BackupError(Exception):
    pass


@dataclasses.dataclass(frozen=True)
class Restored:
    tables: int
    rows: int
    files: int


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1024 * 1024), b""):
            digest.update(block)
    return digest.hexdigest()


def _postgresql(using: str) -> dict:
    database = connections[using].settings_dict
    if database["ENGINE"] != "django.db.backends.postgresql":
        raise BackupError(
            "Backups need PostgreSQL (DATABASE_URL): the embedded SQLite database is for a "
            "laptop; copy its file with the server stopped instead."
        )
    return database


def _pg_env(database: dict) -> dict:
    """libpq's variables, so the password is never on a command line (`ps` shows those)."""
    values = {
        "PGHOST": database.get("HOST") or "",
        "PGPORT": str(database.get("PORT") or ""),
        "PGUSER": database.get("USER") or "",
        "PGPASSWORD": database.get("PASSWORD") or "",
        "PGDATABASE": database["NAME"],
    }
    return {**os.environ, **{name: value for name, value in values.items() if value}}


def row_counts(using: str = "default") -> dict[str, int]:
    connection = connections[using]
    with connection.cursor() as cursor:
        tables = sorted(connection.introspection.table_names(cursor))
        counts = {}
        for table in tables:
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")
            counts[table] = cursor.fetchone()[0]
    return counts


def _evidence_files(root: Path) -> list[Path]:
    if not root.exists():
        return []
    return sorted(path for path in root.rglob("*") if path.is_file())


def create_backup(*, output_dir: Path, using: str = "default") -> Path:
    """Write one archive into `output_dir` and return its path.

    Side effects: runs `pg_dump`; writes the archive (mode 0600) through a temporary name, so a
    failed backup never leaves a file that looks complete.
    """
    database = _postgresql(using)
    media_root = Path(settings.PRIVATE_MEDIA_ROOT)
    created_at = datetime.datetime.now(tz=datetime.UTC)
    output_dir.mkdir(parents=True, exist_ok=True)
    archive = output_dir / f"peerlearning-backup-{created_at:%Y%m%dT%H%M%SZ}.tar"
    with tempfile.TemporaryDirectory(dir=output_dir, prefix=".backup-") as work:
        dump = Path(work) / DUMP
        # The rows are counted and dumped in one snapshot, so the counts match the dump even
        # while the service is writing.
        with transaction.atomic(using=using), connections[using].cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
            counts = row_counts(using)
            result = subprocess.run(
                ["pg_dump", "--format=custom", "--no-owner", "--no-privileges",
                 f"--snapshot={snapshot}", f"--file={dump}"],
                env=_pg_env(database),
                capture_output=True,
                text=True,
            )  # fmt: skip
        if result.returncode:
            raise BackupError(f"pg_dump failed: {result.stderr.strip()}")
        files = _evidence_files(media_root)
        manifest = {
            "format": FORMAT,
            "created_at": created_at.isoformat(),
            "database": {"file": DUMP, "sha256": sha256_of(dump), "size": dump.stat().st_size},
            "row_counts": counts,
            "evidence": [
                {
                    "path": path.relative_to(media_root).as_posix(),
                    "sha256": sha256_of(path),
                    "size": path.stat().st_size,
                }
                for path in files
            ],
        }
        (Path(work) / MANIFEST).write_text(json.dumps(manifest, indent=2))
        partial = Path(work) / archive.name
        descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "wb") as raw, tarfile.open(fileobj=raw, mode="w") as tar:
            tar.add(Path(work) / MANIFEST, arcname=MANIFEST)
            tar.add(dump, arcname=DUMP)
            for path in files:
                tar.add(path, arcname=f"{EVIDENCE}/{path.relative_to(media_root).as_posix()}")
        partial.rename(archive)
    return archive


def _unpack(archive: Path, into: Path) -> dict:
    """Extract the archive and check every member against the manifest (before any writing)."""
    with tarfile.open(archive, mode="r") as tar:
        tar.extractall(into, filter="data")  # refuses absolute paths, "..", links out, devices
    try:
        manifest = json.loads((into / MANIFEST).read_text())
    except (OSError, ValueError) as error:
        raise BackupError(f"{archive.name} has no readable manifest: {error}") from error
    if manifest.get("format") != FORMAT:
        raise BackupError(f"{archive.name} is in an unknown format: {manifest.get('format')}")
    expected = [(DUMP, manifest["database"]["sha256"])] + [
        (f"{EVIDENCE}/{entry['path']}", entry["sha256"]) for entry in manifest["evidence"]
    ]
    for member, checksum in expected:
        path = into / member
        if not path.is_file() or sha256_of(path) != checksum:
            raise BackupError(f"{member} is missing or damaged in {archive.name}: nothing restored")
    return manifest


def restore_backup(*, archive: Path, using: str = "default") -> Restored:
    """Restore an archive into an empty database and an empty PRIVATE_MEDIA_ROOT.

    Refuses (BackupError, nothing written) a database with any table, a folder with any file,
    or an archive whose checksums do not match. Side effects: `pg_restore` in one transaction;
    the evidence files copied (0600, folders 0700); every table's rows counted and compared.
    """
    database = _postgresql(using)
    media_root = Path(settings.PRIVATE_MEDIA_ROOT)
    connection = connections[using]
    with connection.cursor() as cursor:
        if tables := connection.introspection.table_names(cursor):
            raise BackupError(
                f"The database {database['NAME']} is not empty ({len(tables)} tables): restore "
                "into a new, empty database."
            )
    if _evidence_files(media_root):
        raise BackupError(f"{media_root} is not empty: restore into a new, empty folder.")
    with tempfile.TemporaryDirectory(prefix="peerlearning-restore-") as work:
        manifest = _unpack(archive, Path(work))
        result = subprocess.run(
            ["pg_restore", "--no-owner", "--no-privileges", "--exit-on-error",
             "--single-transaction", f"--dbname={database['NAME']}", str(Path(work) / DUMP)],
            env=_pg_env(database),
            capture_output=True,
            text=True,
        )  # fmt: skip
        if result.returncode:
            raise BackupError(f"pg_restore failed: {result.stderr.strip()}")
        media_root.mkdir(parents=True, exist_ok=True, mode=0o700)
        for entry in manifest["evidence"]:
            target = media_root / entry["path"]
            target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            shutil.copyfile(Path(work) / EVIDENCE / entry["path"], target)
            target.chmod(0o600)
    counts = row_counts(using)
    if counts != manifest["row_counts"]:
        different = sorted(
            table
            for table in set(counts) | set(manifest["row_counts"])
            if counts.get(table) != manifest["row_counts"].get(table)
        )
        raise BackupError(f"Row counts differ from the backup's in: {', '.join(different)}")
    return Restored(tables=len(counts), rows=sum(counts.values()), files=len(manifest["evidence"]))
