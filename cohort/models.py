"""The cohort's delivery: the selected councils' projects and everything they do together.

The models moved here from `programmes` (migration cohort 0001) and keep their tables
(`Meta.db_table`), so the move changed no table; see the README's architecture section.
"""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.utils import timezone
from simple_history.models import HistoricalRecords

from applications.models import Application
from cohort.enums import (
    ActionStatus,
    Attendance,
    EngagementKind,
    EngagementMode,
    EngagementStatus,
    InvitationAnswer,
    ProgressStatus,
)
from programmes.models import Organisation, PeerPartnerOffer, Programme, ThriveCategory


class Project(models.Model):
    """A council in the cohort, working on its key question through the programme."""

    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="projects")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="projects"
    )
    key_question = models.TextField(help_text="As the council asked it in its application.")
    refined_key_question = models.TextField(blank=True)
    thrive_categories = models.ManyToManyField(ThriveCategory, blank=True, related_name="+")
    consultant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="consulted_projects",
    )
    themes = models.ManyToManyField(
        "ProgrammeTheme",
        blank=True,
        related_name="projects",
        help_text="The programme's cross-cutting themes this project speaks to.",
    )
    # The application it started from (`application.project` the other way). Held here, not on
    # the application, because the cohort builds on applications, never the reverse.
    application = models.OneToOneField(
        Application, null=True, blank=True, on_delete=models.SET_NULL, related_name="project"
    )
    created_at = models.DateTimeField(default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        db_table = "programmes_project"
        ordering = ["organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "organisation"], name="one_project_per_organisation"
            )
        ]

    def __str__(self):
        return f"{self.organisation} – {self.programme}"


class ProjectMember(models.Model):
    """One of the project's team, carried over from the application."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="team")
    position = models.PositiveSmallIntegerField()
    role = models.CharField(max_length=20, blank=True)
    name = models.CharField(max_length=200)
    job_title = models.CharField(max_length=200, blank=True)
    organisation_name = models.CharField("organisation", max_length=200, blank=True)
    email = models.EmailField()

    class Meta:
        db_table = "programmes_projectmember"
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "position"], name="project_member_position_unique"
            )
        ]

    def __str__(self):
        return self.name


class LearningDay(models.Model):
    """A day the cohort's teams spend together: at a venue, or online (SPEC §4.4)."""

    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="learning_days")
    sequence = models.PositiveSmallIntegerField(help_text="1 for the first learning day.")
    title = models.CharField(max_length=200, help_text="For example, “Learning day 1”.")
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    venue_name = models.CharField(max_length=200, blank=True)
    venue_address = models.TextField(blank=True)
    venue_latitude = models.DecimalField(max_digits=8, decimal_places=5, null=True, blank=True)
    venue_longitude = models.DecimalField(max_digits=8, decimal_places=5, null=True, blank=True)
    online_link = models.URLField(blank=True)
    agenda = models.TextField(blank=True)
    is_cancelled = models.BooleanField(default=False)
    calendar_sequence = models.PositiveIntegerField(
        default=0,
        help_text="iCalendar SEQUENCE: raised each time a change is sent to the invitees, so "
        "their calendars replace the event rather than add another.",
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        db_table = "programmes_learningday"
        ordering = ["programme", "sequence"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "sequence"], name="learning_day_sequence_unique"
            ),
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="learning_day_ends_after_start"
            ),
            models.CheckConstraint(
                condition=~Q(venue_name="") | ~Q(online_link=""),
                name="learning_day_has_venue_or_link",
            ),
        ]

    def __str__(self):
        return f"{self.title} – {self.programme}"

    def is_open(self, at: datetime.datetime | None = None) -> bool:
        """Still open to invitations, answers and changes: not cancelled and not started."""
        return not self.is_cancelled and (at or timezone.now()) < self.starts_at


class LearningDayInvitation(models.Model):
    """One person invited to one learning day, and how they answered.

    Invitees are the cohort's team members (and anyone they send in their place); they answer
    through a signed link, without an account. Access and dietary needs are for programme
    managers only.
    """

    learning_day = models.ForeignKey(
        LearningDay, on_delete=models.CASCADE, related_name="invitations"
    )
    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="learning_day_invitations"
    )
    name = models.CharField(max_length=200)
    email = models.EmailField(help_text="Stored in lower case: one invitation per address.")
    role = models.CharField(max_length=200, blank=True)
    answer = models.CharField(
        max_length=20, choices=InvitationAnswer, default=InvitationAnswer.AWAITING
    )
    access_needs = models.TextField(blank=True)
    dietary_needs = models.TextField(blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    substitute_for = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="substitutes"
    )
    invited_at = models.DateTimeField(default=timezone.now)
    attendance = models.CharField(
        max_length=20, choices=Attendance, default=Attendance.NOT_RECORDED, blank=True
    )
    attendance_recorded_at = models.DateTimeField(null=True, blank=True)

    history = HistoricalRecords(excluded_fields=["access_needs", "dietary_needs"])

    class Meta:
        db_table = "programmes_learningdayinvitation"
        ordering = ["learning_day", "project__organisation__name", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["learning_day", "email"], name="one_invitation_per_person_per_day"
            ),
            models.CheckConstraint(
                condition=Q(answer=InvitationAnswer.AWAITING) | Q(answered_at__isnull=False),
                name="invitation_answer_has_time",
            ),
        ]

    def __str__(self):
        return f"{self.name} to {self.learning_day}"


class ProgressUpdate(models.Model):
    """A consultant's dated account of a project's progress, with a red/amber/green status."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="progress_updates")
    status = models.CharField(max_length=10, choices=ProgressStatus)
    summary = models.TextField(help_text="What has happened since the last update.")
    next_steps = models.TextField(blank=True)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        db_table = "programmes_progressupdate"
        ordering = ["project", "-created_at"]
        get_latest_by = "created_at"

    def __str__(self):
        return f"{self.project} on {self.created_at:%Y-%m-%d}"


class ActionPlanItem(models.Model):
    """One action in a project's action plan, made on learning day 1 and reviewed on day 2."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="action_plan")
    action = models.TextField()
    owner = models.CharField(max_length=200, help_text="Who will do it: a name or a role.")
    due_on = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=20, choices=ActionStatus, default=ActionStatus.NOT_STARTED)
    position = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        db_table = "programmes_actionplanitem"
        ordering = ["project", "position", "id"]

    def __str__(self):
        return self.action[:80]


class CandidateVenue(models.Model):
    """A venue a programme manager is considering for a learning day, ranked by the cohort's
    travel to it."""

    learning_day = models.ForeignKey(
        LearningDay, on_delete=models.CASCADE, related_name="candidate_venues"
    )
    name = models.CharField(max_length=200)
    address = models.TextField(blank=True)
    latitude = models.DecimalField(max_digits=8, decimal_places=5)
    longitude = models.DecimalField(max_digits=8, decimal_places=5)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        db_table = "programmes_candidatevenue"
        ordering = ["learning_day", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(latitude__gte=-90, latitude__lte=90)
                & Q(longitude__gte=-180, longitude__lte=180),
                name="candidate_venue_location_valid",
            ),
            models.UniqueConstraint(
                fields=["learning_day", "name"], name="candidate_venue_name_unique"
            ),
        ]

    def __str__(self):
        return self.name


class ProgrammeTheme(models.Model):
    """A cross-cutting theme of a programme's learning (2018: "Councillors as champions")."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="themes")
    position = models.PositiveSmallIntegerField(default=0)
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)

    class Meta:
        db_table = "programmes_programmetheme"
        ordering = ["programme", "position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "title"], name="programme_theme_title_unique"
            )
        ]

    def __str__(self):
        return self.title


class HelpfulQuestion(models.Model):
    """One of a programme's bank of action-learning questions, offered on learning days and in
    progress updates (the 2018 report lists six)."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="helpful_questions"
    )
    position = models.PositiveSmallIntegerField(default=0)
    text = models.TextField()

    class Meta:
        db_table = "programmes_helpfulquestion"
        ordering = ["programme", "position", "id"]

    def __str__(self):
        return self.text[:80]


class PeerApproach(models.Model):
    """An organisation's way of working that the cohort's councils can learn from: the pool that
    each project is matched against for a visit or a call (SPEC §4.5)."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="peer_approaches"
    )
    organisation_name = models.CharField("organisation", max_length=200)
    organisation = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="When the organisation is on the list: its location, and never matched to "
        "its own project.",
    )
    title = models.CharField("name of the approach", max_length=200)
    description = models.TextField()
    thrive_categories = models.ManyToManyField(ThriveCategory, blank=True, related_name="+")
    themes = models.CharField(
        max_length=500, blank=True, help_text="Separated by commas, as the programme names them."
    )
    challenge_areas = models.CharField(
        max_length=500, blank=True, help_text="Separated by commas, as the programme names them."
    )
    contact_name = models.CharField(max_length=200)
    contact_job_title = models.CharField(max_length=200, blank=True)
    contact_email = models.EmailField()
    hosts_visits = models.BooleanField("can host a visit", default=True)
    hosts_calls = models.BooleanField("can take part in a call", default=True)
    capacity = models.PositiveSmallIntegerField(
        "how many projects it can take", default=1, help_text="During this programme."
    )
    latitude = models.DecimalField(max_digits=8, decimal_places=5, null=True, blank=True)
    longitude = models.DecimalField(max_digits=8, decimal_places=5, null=True, blank=True)
    source_offer = models.OneToOneField(
        PeerPartnerOffer,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="approach",
    )
    created_at = models.DateTimeField(default=timezone.now)
    archived_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["title", "organisation_name", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(capacity__lte=50), name="peer_approach_capacity_sane"
            ),
            models.CheckConstraint(
                condition=Q(hosts_visits=True) | Q(hosts_calls=True),
                name="peer_approach_hosts_a_visit_or_a_call",
            ),
            models.CheckConstraint(
                condition=Q(latitude__isnull=True) | Q(latitude__gte=-90, latitude__lte=90),
                name="peer_approach_latitude_range",
            ),
            models.CheckConstraint(
                condition=Q(longitude__isnull=True) | Q(longitude__gte=-180, longitude__lte=180),
                name="peer_approach_longitude_range",
            ),
            models.UniqueConstraint(
                "programme",
                Lower("organisation_name"),
                Lower("title"),
                condition=Q(archived_at__isnull=True),
                name="peer_approach_unique_in_programme",
            ),
        ]

    def __str__(self):
        return f"{self.title} ({self.organisation_name})"


class PeerMatchingWeights(models.Model):
    """How much each kind of fit counts when a programme's projects are matched to approaches."""

    programme = models.OneToOneField(
        Programme, on_delete=models.CASCADE, related_name="peer_matching_weights"
    )
    text = models.FloatField("similar words", default=4.0)
    thrive = models.FloatField("shared THRIVE categories", default=1.0)
    themes = models.FloatField("shared themes", default=1.0)
    challenge_areas = models.FloatField("shared challenge areas", default=1.0)
    distance = models.FloatField("nearness, for a visit", default=1.0)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(text__gte=0, thrive__gte=0, themes__gte=0)
                & Q(challenge_areas__gte=0, distance__gte=0),
                name="peer_matching_weights_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(text__gt=0)
                | Q(thrive__gt=0)
                | Q(themes__gt=0)
                | Q(challenge_areas__gt=0)
                | Q(distance__gt=0),
                name="peer_matching_weights_not_all_zero",
            ),
        ]

    def __str__(self):
        return f"Peer matching weights for {self.programme}"


class PeerMatch(models.Model):
    """The approach a project is matched to, as a programme manager accepted or chose it."""

    project = models.OneToOneField(Project, on_delete=models.CASCADE, related_name="peer_match")
    approach = models.ForeignKey(PeerApproach, on_delete=models.PROTECT, related_name="matches")
    mode = models.CharField(max_length=10, choices=EngagementMode, default=EngagementMode.VISIT)
    is_locked = models.BooleanField(
        default=False, help_text="Kept as it is when a new suggestion is worked out."
    )
    score = models.FloatField(null=True, blank=True)
    reasons = models.CharField(max_length=500, blank=True)
    chosen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    chosen_at = models.DateTimeField(default=timezone.now)

    history = HistoricalRecords()

    def __str__(self):
        return f"{self.project} with {self.approach}"


class ForbiddenPeerPair(models.Model):
    """A project and an approach a programme manager has ruled out (a known conflict, say)."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="forbidden_peer_pairs"
    )
    approach = models.ForeignKey(PeerApproach, on_delete=models.CASCADE, related_name="+")
    reason = models.CharField(max_length=300, blank=True)
    ruled_out_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    ruled_out_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["project", "approach"], name="forbidden_peer_pair_unique"
            )
        ]

    def __str__(self):
        return f"{self.project} never with {self.approach}"


class PeerEngagement(models.Model):
    """A visit, a call or a review of written material between a project and a peer approach,
    from the proposal to what was learned."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="peer_engagements")
    approach = models.ForeignKey(PeerApproach, on_delete=models.PROTECT, related_name="engagements")
    kind = models.CharField(max_length=20, choices=EngagementKind)
    status = models.CharField(
        max_length=20, choices=EngagementStatus, default=EngagementStatus.PROPOSED
    )
    proposed_at = models.DateTimeField(default=timezone.now)
    message = models.TextField(
        "the proposal's message", blank=True, help_text="What the consultant wrote to the peer."
    )
    peer_answered_at = models.DateTimeField(null=True, blank=True)
    peer_message = models.TextField(
        "the peer's answer", blank=True, help_text="Dates they suggest, or why not."
    )
    date = models.DateField(null=True, blank=True)
    participants = models.TextField("who took part", blank=True)
    what_happened = models.TextField("what they saw or discussed", blank=True)
    key_learning = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        ordering = ["proposed_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="completed") | Q(date__isnull=False),
                name="peer_engagement_completed_has_a_date",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.project} and {self.approach}"


class PeerEngagementChange(models.Model):
    """One step in an engagement's history: the status it moved to, when, and who moved it (a
    member of staff, or the peer's contact through their link)."""

    engagement = models.ForeignKey(PeerEngagement, on_delete=models.CASCADE, related_name="changes")
    status = models.CharField(max_length=20, choices=EngagementStatus)
    at = models.DateTimeField(default=timezone.now)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    by_peer = models.BooleanField(default=False)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self):
        return f"{self.engagement}: {self.status}"
