#!/usr/bin/env bash
# A backup that restores, proved on the demo (.ci/run, step 2c): load the demo and three evidence
# files, `manage.py backup`, drop the database and delete the files, `manage.py restore`, then
# compare every table's row count (counted by psql, not by the app) and every file's checksum.
#
# DESTROYS the database in DATABASE_URL and the folder PRIVATE_MEDIA_ROOT: for CI, or a
# rehearsal on a scratch machine. The database's owner must be DATABASE_URL's user.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
[ -n "${DATABASE_URL:-}" ] || { echo "DATABASE_URL is not set" >&2; exit 1; }
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
export PRIVATE_MEDIA_ROOT=${PRIVATE_MEDIA_ROOT:-$WORK/private}
DB_NAME=$(.venv/bin/python -c "import sys, urllib.parse as u; print(u.urlsplit(sys.argv[1]).path[1:])" "$DATABASE_URL")
MAINTENANCE_URL=${DATABASE_URL%/*}/postgres
PSQL=(psql --no-psqlrc --quiet -v ON_ERROR_STOP=1 -tA)
manage() { .venv/bin/python manage.py "$@"; }

count_rows() {
    "${PSQL[@]}" "$DATABASE_URL" <<'SQL'
SELECT table_name || ' ' || (xpath('/row/c/text()', query_to_xml(
    format('SELECT COUNT(*) AS c FROM %I.%I', table_schema, table_name), false, true, '')))[1]::text
FROM information_schema.tables
WHERE table_schema = 'public' AND table_type = 'BASE TABLE'
ORDER BY table_name;
SQL
}
checksums() { (cd "$PRIVATE_MEDIA_ROOT" && find . -type f -print0 | sort -z | xargs -0 sha256sum); }

manage migrate --no-input -v0
manage load_demo --force >/dev/null
manage shell --no-imports -c "
from django.core.files.uploadedfile import SimpleUploadedFile
from accounts.models import User
from applications.enums import ApplicationStatus
from applications.models import Application
from applications.services import upload_evidence
from tests import evidence_samples as samples
draft = Application.objects.filter(status=ApplicationStatus.DRAFT).order_by('pk').first()
council = User.objects.get(email='council@example.org')
for name, content in [('plan.pdf', samples.make_pdf()), ('survey.docx', samples.make_docx()),
                      ('chart.png', samples.make_png())]:
    upload_evidence(application_id=draft.pk, upload=SimpleUploadedFile(name, content), by=council)
"
count_rows >"$WORK/rows.before"
checksums >"$WORK/files.before"
echo "The demo: $(wc -l <"$WORK/rows.before") tables, $(awk '{s += $2} END {print s}' "$WORK/rows.before") rows, $(wc -l <"$WORK/files.before") evidence files"

started=$(date +%s%N)
archive=$(manage backup --output-dir "$WORK/backups" | awk '{print $1}')
backed_up=$(date +%s%N)
echo "Backup: $(basename "$archive"), $(du -h "$archive" | cut -f1), in $(( (backed_up - started) / 1000000 )) ms"

"${PSQL[@]}" "$MAINTENANCE_URL" -c "DROP DATABASE \"$DB_NAME\" WITH (FORCE)"
"${PSQL[@]}" "$MAINTENANCE_URL" -c "CREATE DATABASE \"$DB_NAME\""
rm -rf "$PRIVATE_MEDIA_ROOT"
echo "Dropped the database and deleted the evidence files"

started=$(date +%s%N)
manage restore "$archive"
restored=$(date +%s%N)
echo "Restore took $(( (restored - started) / 1000000 )) ms"

count_rows >"$WORK/rows.after"
checksums >"$WORK/files.after"
diff -u "$WORK/rows.before" "$WORK/rows.after" || { echo "Row counts differ after the restore"; exit 1; }
diff -u "$WORK/files.before" "$WORK/files.after" || { echo "Evidence files differ after the restore"; exit 1; }
echo "Every table's row count and every evidence file's checksum are as before the backup"
