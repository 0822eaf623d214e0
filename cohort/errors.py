"""The cohort's domain errors (see programmes.errors for the family and `add_to_form`)."""

from programmes.errors import DomainError


class ProjectError(DomainError):
    """A change to a project, its action plan or the programme's themes and helpful questions
    broke a rule; `errors` names each field and what is wrong with it."""


# --- Peer approaches (cohort/services/peer_approaches.py) --------------------------------------


class PeerApproachError(DomainError):
    """A change to the programme's pool of peer approaches broke a rule. `approach` is the
    existing approach when the change would duplicate it (an offer already turned into one)."""

    def __init__(self, message: str = "", *, approach=None, **kw):
        super().__init__(message, **kw)
        self.approach = approach


class PeerMatchingError(DomainError):
    """A programme manager's change to the cohort's peer matches broke a rule: an approach at
    capacity, a council's own organisation, a ruled-out pair, a mode the approach does not host,
    or weights that are not numbers of 0 or more."""
