"""An application's history: who did what, when (shown to staff on the application)."""

from applications.models import Application, ApplicationEvent


def record_event(*, application: Application, actor, description: str) -> ApplicationEvent:
    return ApplicationEvent.objects.create(
        application=application, actor=actor, description=description[:500]
    )
