"""`manage.py backup` on the embedded defaults (the round trip is in tests/integration)."""

import pytest
from django.core.management import CommandError, call_command


@pytest.mark.django_db
def test_backup_explains_that_it_needs_postgresql(settings, tmp_path):
    if "postgresql" in settings.DATABASES["default"]["ENGINE"]:
        pytest.skip("this is about the embedded SQLite defaults")
    with pytest.raises(CommandError, match="Backups need PostgreSQL"):
        call_command("backup", output_dir=tmp_path)
    assert list(tmp_path.iterdir()) == []
