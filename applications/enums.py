from django.db import models


class ApplicationStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted"
    MORE_INFORMATION = "more_information", "More information requested"
    WITHDRAWN = "withdrawn", "Withdrawn"
    SHORTLISTED = "shortlisted", "Shortlisted"
    SELECTED = "selected", "Selected"
    WAITLISTED = "waitlisted", "Waitlisted"
    NOT_SELECTED = "not_selected", "Not selected"

    @classmethod
    def withdrawable(cls) -> list[str]:
        """Not yet decided, or selected: the council may still withdraw from the programme."""
        return [cls.SUBMITTED, cls.MORE_INFORMATION, cls.SHORTLISTED, cls.SELECTED]

    @classmethod
    def decided(cls) -> list[str]:
        return [cls.SELECTED, cls.WAITLISTED, cls.NOT_SELECTED]

    @classmethod
    def sent_in(cls) -> list[str]:
        """Every status of an application that has been submitted at some point."""
        return [s for s in cls if s != cls.DRAFT]


class TeamRole(models.TextChoices):
    ELECTED_MEMBER = "elected_member", "Elected member"
    SENIOR_OFFICER = "senior_officer", "Senior council officer"
    SENIOR_PARTNER = "senior_partner", "Senior partner (statutory or voluntary sector)"
    OTHER = "other", "Other"


class BoardSupport(models.TextChoices):
    CONFIRMED = "confirmed", "Confirmed"
    LIKELY = "likely", "Likely"
    NOT_SOUGHT = "not_sought", "Not yet sought"


class EvidencePurpose(models.TextChoices):
    EVIDENCE = "evidence", "Evidence"
    BOARD_LETTER = "board_letter", "Health and Wellbeing Board letter"


class Section(models.TextChoices):
    """The question pages of an expression of interest, in order."""

    ISSUE = "about-your-issue", "About your issue"
    IDENTIFICATION = "how-you-identified-it", "How you identified it"
    EVIDENCE = "evidence", "Evidence"
    TEAM = "your-team", "Your team"
    BOARD = "health-and-wellbeing-board", "Health and Wellbeing Board support"
    THRIVE = "thrive-and-challenge-areas", "THRIVE categories and challenge areas"


class SectionState(models.TextChoices):
    NOT_STARTED = "not_started", "Not yet started"
    IN_PROGRESS = "in_progress", "Incomplete"
    COMPLETED = "completed", "Completed"


class ReviewStatus(models.TextChoices):
    ASSIGNED = "assigned", "Not yet reviewed"
    IN_PROGRESS = "in_progress", "In progress"
    SUBMITTED = "submitted", "Submitted"
    CONFLICT = "conflict", "Conflict of interest declared"


class Score(models.IntegerChoices):
    STRONG = 5, "Strong"
    GOOD = 4, "Good"
    SATISFACTORY = 3, "Satisfactory"
    WEAK = 2, "Weak"
    POOR = 1, "Poor"


class BoardConfirmationStatus(models.TextChoices):
    PENDING = "pending", "Waiting for the board"
    CONFIRMED = "confirmed", "Confirmed by the board"
    DECLINED = "declined", "Not supported by the board"


class BoardContactRole(models.TextChoices):
    CHAIR = "chair", "Chair of the Health and Wellbeing Board"
    MANAGER = "manager", "Board manager"
