"""The errors of applications' services: a rule stopped the change, and the message says why."""

from applications.models import Application
from programmes.errors import DomainError


class ApplicationError(DomainError):
    """A rule of the programme stopped the change; the message is written for the council."""


class EditConflict(ApplicationError):
    """Someone else saved the same section after this person opened it."""

    def __init__(self, application: Application):
        super().__init__(
            "Someone else from your organisation saved this section while you were editing it. "
            "Your answers below have not been saved. Check their answers, shown under the form, "
            "then save again."
        )
        self.application = application
