from django.db import models


class InvitationAnswer(models.TextChoices):
    """How an invitee answered a learning-day invitation."""

    AWAITING = "awaiting", "Not answered yet"
    ACCEPTED = "accepted", "Coming"
    DECLINED = "declined", "Not coming"
    SENT_SOMEONE_ELSE = "sent_someone_else", "Sending someone else"

    @classmethod
    def answered(cls) -> set[str]:
        return {cls.ACCEPTED, cls.DECLINED, cls.SENT_SOMEONE_ELSE}


class ProgressStatus(models.TextChoices):
    """A consultant's red/amber/green judgement of a project's progress against its plan."""

    GREEN = "green", "Green: on track"
    AMBER = "amber", "Amber: some concerns"
    RED = "red", "Red: at risk"


class Attendance(models.TextChoices):
    """Whether an invitee came on the day, as recorded on the register."""

    NOT_RECORDED = "", "Not recorded"
    PRESENT = "present", "Present"
    ABSENT = "absent", "Absent"
    APOLOGIES = "apologies", "Sent apologies"


class ActionStatus(models.TextChoices):
    """Where an action in a project's action plan has got to."""

    NOT_STARTED = "not_started", "Not started"
    IN_PROGRESS = "in_progress", "In progress"
    DONE = "done", "Done"


class EngagementMode(models.TextChoices):
    """How a matched project meets its peer: distance matters for a visit, not for a call."""

    VISIT = "visit", "Visit"
    CALL = "call", "Telephone or video call"


class EngagementKind(models.TextChoices):
    VISIT = "visit", "Visit"
    CALL = "call", "Telephone or video call"
    WRITTEN = "written", "Review of written material"


class EngagementStatus(models.TextChoices):
    PROPOSED = "proposed", "Proposed to the peer"
    AGREED = "agreed", "Agreed by the peer"
    ARRANGED = "arranged", "Arranged"
    COMPLETED = "completed", "Completed"
    DECLINED = "declined", "Declined"
