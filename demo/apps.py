from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo: the LGA's 2018 programme and the demo accounts, loaded by `manage.py load_demo`
    (`make run`). An app only so that Django finds its command; it has no models, and nothing
    imports it."""

    name = "demo"
    verbose_name = "Demo"
