"""The cohort's domain errors (see programmes.errors for the family and `add_to_form`)."""

from programmes.errors import DomainError


class ProjectError(DomainError):
    """A change to a project, its action plan or the programme's themes and helpful questions
    broke a rule; `errors` names each field and what is wrong with it."""
