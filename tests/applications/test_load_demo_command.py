"""`load_demo` publishes passwords (README), so it refuses to run on a server unless forced."""

import pytest
from django.core.management import CommandError, call_command

from accounts.models import User


@pytest.mark.django_db
def test_load_demo_with_debug_off_is_refused_and_creates_nothing(settings):
    settings.DEBUG = False

    with pytest.raises(CommandError, match=r"only runs with DEBUG=true .* add --force"):
        call_command("load_demo")

    assert not User.objects.exists()


@pytest.mark.django_db
def test_load_demo_with_debug_off_and_force_loads_the_demo(settings, capsys):
    settings.DEBUG = False

    call_command("load_demo", "--force")

    assert User.objects.filter(email="council@example.org").exists()
    assert "council-demo-2026" in capsys.readouterr().out


@pytest.mark.django_db
def test_load_demo_with_debug_on_loads_the_demo(settings):
    settings.DEBUG = True

    call_command("load_demo")

    assert User.objects.filter(email="manager@example.org").exists()
