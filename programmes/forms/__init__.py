import datetime
import re

from crispy_forms_gds.fields import DateInputField
from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Fieldset, Layout, Size
from django import forms
from django.utils import timezone

from notifications.forms import single_line
from programmes.dates import LONDON, format_time
from programmes.enums import OrganisationKind, Region
from programmes.models import (
    MEGABYTE,
    Organisation,
    PeerPartnerOffer,
    Programme,
    ScoringCriterion,
    ThriveCategory,
)


def gds_helper(*fields, label_size=Size.SMALL) -> FormHelper:
    helper = FormHelper()
    helper.form_tag = False
    helper.label_size = label_size
    helper.legend_size = label_size
    if fields:
        helper.layout = Layout(*fields)
    return helper


TIME = re.compile(
    r"^\s*(?:(?P<word>midday|noon|midnight)|(?P<hour>\d{1,2})(?:[:.](?P<minute>\d{2}))?"
    r"\s*(?P<suffix>am|pm)?)\s*$",
    re.IGNORECASE,
)


class TimeOfDayField(forms.CharField):
    """A time as people write it: "17:00", "5pm", "5:30pm" or "midday"."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 10)
        kwargs.setdefault(
            "error_messages", {"required": f"Enter the {kwargs.get('label', 'time').lower()}"}
        )
        kwargs.setdefault("widget", forms.TextInput(attrs={"class": "govuk-input--width-5"}))
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)
        if value in self.empty_values:
            return None
        match = TIME.match(value)
        if not match:
            raise forms.ValidationError("Enter a time like 5pm or 17:00", code="invalid")
        if match["word"]:
            return datetime.time(0 if match["word"].lower() == "midnight" else 12)
        hour, minute = int(match["hour"]), int(match["minute"] or 0)
        suffix = (match["suffix"] or "").lower()
        if suffix and not 1 <= hour <= 12:
            raise forms.ValidationError("Enter a time like 5pm or 17:00", code="invalid")
        if suffix == "pm" and hour != 12:
            hour += 12
        elif suffix == "am" and hour == 12:
            hour = 0
        if hour > 23 or minute > 59:
            raise forms.ValidationError("Enter a real time, like 5pm or 17:00", code="invalid")
        return datetime.time(hour, minute)


def gds_date(label: str, **kwargs) -> DateInputField:
    field = DateInputField(label=label, help_text=kwargs.pop("help_text", "For example 16 2 2018"))
    field.error_messages.update(
        required=f"Enter {label.lower()}", incomplete=f"Enter {label.lower()} in full"
    )
    return field


def london_datetime(day: datetime.date, time: datetime.time) -> datetime.datetime:
    """A wall-clock time in England (GMT or BST, whichever is in force that day)."""
    return datetime.datetime.combine(day, time).replace(tzinfo=LONDON)


def numeric(**attrs) -> forms.TextInput:
    # GOV.UK asks for text inputs with a numeric keyboard rather than type="number".
    return forms.TextInput(attrs={"inputmode": "numeric", "spellcheck": "false", **attrs})


class ProgrammeForm(forms.ModelForm):
    opens_on = gds_date("Opening date")
    opens_time = TimeOfDayField(label="Opening time", help_text="UK time, for example 9am")
    closes_on = gds_date("Closing date")
    closes_time = TimeOfDayField(label="Closing time", help_text="UK time, for example 5pm")
    decisions_due = gds_date("Date decisions are due")
    runs_from = gds_date("Date the programme starts")
    runs_until = gds_date("Date the programme ends")
    challenge_areas_text = forms.CharField(
        label="Challenge areas",
        help_text="One on each line, in the order councils should see them.",
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
    )
    max_file_mb = forms.IntegerField(
        label="Largest evidence file (MB)",
        min_value=1,
        max_value=100,
        widget=numeric(),
        error_messages={"required": "Enter the largest file size, in MB"},
    )
    progress_update_every_weeks = forms.IntegerField(
        label="How often consultants write a progress update, in weeks",
        help_text="While the programme runs, each project’s consultant is asked for an update "
        "this many weeks after the last one. For example 4.",
        min_value=1,
        max_value=26,
        widget=numeric(),
        error_messages={
            "required": "Enter how often consultants write a progress update, in weeks",
            "invalid": "Enter the number of weeks as a whole number, like 4",
            "min_value": "Progress updates must be at least 1 week apart",
            "max_value": "Progress updates must be at most 26 weeks apart",
        },
    )
    max_application_mb = forms.IntegerField(
        label="Evidence allowed per application (MB)",
        min_value=1,
        max_value=500,
        widget=numeric(),
        error_messages={"required": "Enter the evidence allowed per application, in MB"},
    )

    class Meta:
        model = Programme
        fields = [
            "title",
            "slug",
            "summary",
            "description",
            "contact_email",
            "decisions_due",
            "runs_from",
            "runs_until",
            "cohort_min",
            "cohort_max",
            "word_limit",
            "progress_update_every_weeks",
            "is_published",
        ]
        labels = {"is_published": "Publish this programme so councils can see it and apply"}
        error_messages = {
            "title": {"required": "Enter the programme’s title"},
            "slug": {
                "required": "Enter a short name for the web address",
                "invalid": "The short name can only use letters, numbers and hyphens",
                "unique": "Another programme already uses this short name",
            },
            "summary": {"required": "Enter a summary"},
            "description": {"required": "Enter the description of the programme"},
            "contact_email": {
                "required": "Enter the programme’s contact email address",
                "invalid": "Enter an email address in the correct format, like name@example.org",
            },
            "cohort_min": {"required": "Enter the smallest cohort"},
            "cohort_max": {"required": "Enter the largest cohort"},
            "word_limit": {"required": "Enter the word limit"},
        }
        widgets = {
            "cohort_min": numeric(),
            "cohort_max": numeric(),
            "word_limit": numeric(),
            "summary": forms.Textarea(attrs={"rows": 3}),
            "description": forms.Textarea(attrs={"rows": 16}),
        }
        help_texts = {
            "slug": "Used in the web address, for example cyp-mental-health-2018.",
            "word_limit": "Across all the free-text answers (two sides of A4 is about 1,000 "
            "words).",
        }

    def __init__(self, *args, **kw):
        super().__init__(*args, **kw)
        programme = self.instance
        self.initial.setdefault("opens_time", "9am")
        self.initial.setdefault("closes_time", "5pm")
        if programme.pk:
            self.initial["challenge_areas_text"] = "\n".join(
                programme.challenge_areas.values_list("name", flat=True)
            )
            opens = timezone.localtime(programme.opens_at)
            closes = timezone.localtime(programme.closes_at)
            self.initial.update(
                opens_on=opens.date(),
                opens_time=format_time(opens),
                closes_on=closes.date(),
                closes_time=format_time(closes),
            )
        self.initial.setdefault("max_file_mb", programme.max_file_bytes // MEGABYTE)
        self.initial.setdefault("max_application_mb", programme.max_application_bytes // MEGABYTE)
        self.helper = gds_helper(
            Fieldset(
                "title",
                "slug",
                "summary",
                "description",
                "contact_email",
                legend="About the programme",
                legend_size=Size.MEDIUM,
            ),
            Fieldset(
                "opens_on",
                Field.text("opens_time", field_width=5),
                "closes_on",
                Field.text("closes_time", field_width=5),
                "decisions_due",
                "runs_from",
                "runs_until",
                Field.text("progress_update_every_weeks", field_width=3),
                legend="Key dates",
                legend_size=Size.MEDIUM,
            ),
            Fieldset(
                Field.text("cohort_min", field_width=3),
                Field.text("cohort_max", field_width=3),
                Field.text("word_limit", field_width=5),
                Field.text("max_file_mb", field_width=3),
                Field.text("max_application_mb", field_width=3),
                "challenge_areas_text",
                legend="Cohort and application",
                legend_size=Size.MEDIUM,
            ),
            Field.checkbox("is_published"),
        )

    def clean(self):
        cleaned = super().clean()
        opens = closes = None
        if cleaned.get("opens_on") and cleaned.get("opens_time"):
            opens = london_datetime(cleaned["opens_on"], cleaned["opens_time"])
        if cleaned.get("closes_on") and cleaned.get("closes_time"):
            closes = london_datetime(cleaned["closes_on"], cleaned["closes_time"])
        if opens and closes and closes <= opens:
            self.add_error("closes_on", "The closing date must be after the opening date")
        cleaned["opens_at"], cleaned["closes_at"] = opens, closes
        low, high = cleaned.get("cohort_min"), cleaned.get("cohort_max")
        if low and high and high < low:
            self.add_error("cohort_max", "The largest cohort must be at least the smallest")
        start, end = cleaned.get("runs_from"), cleaned.get("runs_until")
        if start and end and end < start:
            self.add_error("runs_until", "The programme must end after it starts")
        file_mb, app_mb = cleaned.get("max_file_mb"), cleaned.get("max_application_mb")
        if file_mb and app_mb and app_mb < file_mb:
            self.add_error("max_application_mb", "This must be at least the largest file")
        return cleaned

    def challenge_areas(self) -> list[str]:
        return self.cleaned_data["challenge_areas_text"].splitlines()

    def save(self, commit=True):
        programme = super().save(commit=False)
        programme.opens_at = self.cleaned_data["opens_at"]
        programme.closes_at = self.cleaned_data["closes_at"]
        programme.max_file_bytes = self.cleaned_data["max_file_mb"] * MEGABYTE
        programme.max_application_bytes = self.cleaned_data["max_application_mb"] * MEGABYTE
        return programme


class ChooseOrganisationForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label="Which organisation do you work for?",
        help_text="Start typing its name, for example ‘Barnsley’.",
        queryset=Organisation.objects.none(),
        required=False,
        widget=forms.Select(attrs={"data-autocomplete": ""}),
    )
    not_listed = forms.BooleanField(label="My organisation is not on the list", required=False)
    new_name = forms.CharField(
        label="Organisation name",
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
        # The name goes into the subject of the emails about who acts for it.
        validators=[single_line("Enter the organisation’s name on one line")],
    )
    new_kind = forms.ChoiceField(
        label="Type of organisation",
        choices=[("", "Choose a type"), *OrganisationKind.choices],
        required=False,
    )
    new_region = forms.ChoiceField(
        label="Region", choices=[("", "Choose a region"), *Region.choices], required=False
    )

    def __init__(self, *args, queryset, **kw):
        super().__init__(*args, **kw)
        self.fields["organisation"].queryset = queryset
        self.fields["organisation"].empty_label = ""
        self.helper = gds_helper(
            Field("organisation"),
            Field.checkbox("not_listed"),
            Fieldset(
                "new_name",
                "new_kind",
                "new_region",
                legend="Tell us about your organisation",
                legend_size=Size.SMALL,
            ),
            label_size=Size.MEDIUM,
        )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("not_listed"):
            for field, message in [
                ("new_name", "Enter your organisation’s name"),
                ("new_kind", "Select the type of organisation"),
                ("new_region", "Select the region"),
            ]:
                if not cleaned.get(field):
                    self.add_error(field, message)
        elif not cleaned.get("organisation") and "organisation" not in self.errors:
            self.add_error(
                "organisation",
                "Select your organisation, or tick ‘My organisation is not on the list’",
            )
        return cleaned


class CommunitySignupForm(forms.Form):
    name = forms.CharField(
        label="Full name",
        max_length=200,
        error_messages={"required": "Enter your full name"},
        widget=forms.TextInput(attrs={"autocomplete": "name", "spellcheck": "false"}),
        validators=[single_line("Enter your full name on one line")],  # the name on our email
    )
    email = forms.EmailField(
        label="Email address",
        max_length=254,
        error_messages={
            "required": "Enter your email address",
            "invalid": "Enter an email address in the correct format, like name@example.org",
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )
    organisation_name = forms.CharField(
        label="Organisation",
        max_length=200,
        error_messages={"required": "Enter your organisation"},
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    job_title = forms.CharField(
        label="Job title (optional)",
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "organization-title"}),
    )
    consent_to_contact = forms.BooleanField(
        label="I agree to the LGA contacting me about the community of learning",
        error_messages={
            "required": "Confirm that we may contact you about the community of learning"
        },
    )

    def __init__(self, *args, **kw):
        super().__init__(*args, **kw)
        self.helper = gds_helper(
            Field.text("name", field_width=20),
            Field.text("email", field_width=20),
            "organisation_name",
            "job_title",
            Field.checkbox("consent_to_contact"),
        )


class PeerPartnerOfferForm(forms.ModelForm):
    thrive_categories = forms.ModelMultipleChoiceField(
        label="Which THRIVE categories does your approach address?",
        queryset=ThriveCategory.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Select all that apply.",
    )

    class Meta:
        model = PeerPartnerOffer
        fields = [
            "organisation_name",
            "approach_title",
            "summary",
            "thrive_categories",
            "themes",
            "contact_name",
            "contact_job_title",
            "contact_email",
            "can_host_visit",
            "can_take_call",
            "visit_capacity",
        ]
        labels = {
            "themes": "Themes (optional)",
            "contact_job_title": "Job title (optional)",
            "can_host_visit": "We could host a visit",
            "can_take_call": "We could take part in a telephone or video call",
            "visit_capacity": "How many visits or calls could you take during the programme?",
        }
        help_texts = {
            "summary": "A short summary of what you do, who it helps and what difference it makes.",
            "themes": "For example co-production with young people, schools, crisis support.",
        }
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 8}),
            "organisation_name": forms.TextInput(attrs={"autocomplete": "organization"}),
            "contact_name": forms.TextInput(attrs={"autocomplete": "name", "spellcheck": "false"}),
            "contact_job_title": forms.TextInput(attrs={"autocomplete": "organization-title"}),
            "contact_email": forms.EmailInput(
                attrs={"autocomplete": "email", "spellcheck": "false"}
            ),
        }
        error_messages = {
            "visit_capacity": {
                "required": "Enter how many visits or calls you could take, or 0",
                "invalid": "Enter the number of visits or calls as a whole number, like 2",
                "min_value": "The number of visits or calls must be 0 or more",
                "max_value": "The number of visits or calls must be 50 or fewer",
            },
            "organisation_name": {"required": "Enter your organisation"},
            "approach_title": {"required": "Enter the name of your approach"},
            "summary": {"required": "Enter a summary of your approach"},
            "contact_name": {"required": "Enter the contact’s name"},
            "contact_email": {
                "required": "Enter the contact’s email address",
                "invalid": "Enter an email address in the correct format, like name@example.org",
            },
        }

    def __init__(self, *args, **kw):
        super().__init__(*args, **kw)
        self.fields["summary"].max_length = 5000
        # The name on the confirmation email to them.
        self.fields["contact_name"].validators.append(
            single_line("Enter the contact’s name on one line")
        )
        self.fields["visit_capacity"].min_value = 0
        self.fields["visit_capacity"].max_value = 50
        self.helper = gds_helper(
            Fieldset(
                "organisation_name",
                "approach_title",
                "summary",
                Field.checkboxes("thrive_categories"),
                "themes",
                legend="Your approach",
                legend_size=Size.MEDIUM,
            ),
            Fieldset(
                "contact_name",
                "contact_job_title",
                Field.text("contact_email", field_width=20),
                legend="Who should we contact?",
                legend_size=Size.MEDIUM,
            ),
            Fieldset(
                Field.checkbox("can_host_visit"),
                Field.checkbox("can_take_call"),
                Field.text("visit_capacity", field_width=3),
                legend="How you could help",
                legend_size=Size.MEDIUM,
            ),
        )

    def clean_summary(self):
        summary = self.cleaned_data["summary"]
        if len(summary) > 5000:
            raise forms.ValidationError("The summary must be 5,000 characters or fewer")
        return summary


class DeadlineExtensionForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label="Organisation",
        queryset=Organisation.objects.none(),
        widget=forms.Select(attrs={"data-autocomplete": ""}),
        error_messages={"required": "Select the organisation"},
    )
    closes_on = gds_date("New closing date")
    closes_time = TimeOfDayField(label="New closing time", help_text="UK time, for example 5pm")
    reason = forms.CharField(
        label="Reason",
        max_length=500,
        error_messages={"required": "Enter the reason for the extension"},
    )

    def __init__(self, *args, organisations, **kw):
        super().__init__(*args, **kw)
        self.fields["organisation"].queryset = organisations
        self.helper = gds_helper(
            "organisation", "closes_on", Field.text("closes_time", field_width=5), "reason"
        )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("closes_on") and cleaned.get("closes_time"):
            cleaned["closes_at"] = london_datetime(cleaned["closes_on"], cleaned["closes_time"])
        return cleaned

    def extension(self) -> dict:
        data = self.cleaned_data
        return {
            "organisation": data["organisation"],
            "closes_at": data["closes_at"],
            "reason": data["reason"],
        }


class ScoringCriterionForm(forms.ModelForm):
    """One thing reviewers score, 1 (poor) to 5 (strong), with its weight and descriptors."""

    weight = forms.IntegerField(
        label="Weight",
        min_value=1,
        max_value=100,
        help_text="A whole number. A criterion with weight 2 counts twice as much as one with "
        "weight 1 in the overall score.",
        widget=numeric(),
        error_messages={
            "required": "Enter the weight",
            "invalid": "Enter the weight as a whole number, like 2",
            "min_value": "The weight must be 1 or more",
            "max_value": "The weight must be 100 or less",
        },
    )
    position = forms.IntegerField(
        label="Order (optional)",
        required=False,
        min_value=0,
        max_value=999,
        help_text="Reviewers see the criteria in this order, lowest number first. Leave it empty "
        "to put this criterion last.",
        widget=numeric(),
        error_messages={
            "invalid": "Enter the order as a whole number, like 3",
            "min_value": "The order must be 0 or more",
            "max_value": "The order must be 999 or less",
        },
    )

    class Meta:
        model = ScoringCriterion
        fields = ["title", "description", "weight", "strong", "satisfactory", "poor", "position"]
        labels = {
            "title": "Criterion",
            "description": "What should reviewers look for? (optional)",
            "strong": "What does a 5 (strong) look like? (optional)",
            "satisfactory": "What does a 3 (satisfactory) look like? (optional)",
            "poor": "What does a 1 (poor) look like? (optional)",
        }
        help_texts = {
            "title": "For example ‘Clarity of the key question’.",
            "description": "",
            "strong": "Reviewers see this next to the score of 5.",
            "satisfactory": "Reviewers see this next to the score of 3.",
            "poor": "Reviewers see this next to the score of 1.",
        }
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "strong": forms.Textarea(attrs={"rows": 3}),
            "satisfactory": forms.Textarea(attrs={"rows": 3}),
            "poor": forms.Textarea(attrs={"rows": 3}),
        }
        error_messages = {
            "title": {
                "required": "Enter the criterion",
                "max_length": "The criterion must be 200 characters or fewer",
            },
            "strong": {"max_length": "This must be 500 characters or fewer"},
            "satisfactory": {"max_length": "This must be 500 characters or fewer"},
            "poor": {"max_length": "This must be 500 characters or fewer"},
        }

    def __init__(self, *args, programme: Programme, **kw):
        super().__init__(*args, **kw)
        self.programme = programme
        self.helper = gds_helper(
            "title",
            "description",
            Field.text("weight", field_width=3),
            Fieldset(
                "strong",
                "satisfactory",
                "poor",
                legend="What each score looks like",
                legend_size=Size.MEDIUM,
            ),
            Field.text("position", field_width=3),
        )

    def clean_title(self):
        title = " ".join(self.cleaned_data["title"].split())
        others = self.programme.scoring_criteria.filter(title__iexact=title)
        if self.instance.pk:
            others = others.exclude(pk=self.instance.pk)
        if others.exists():
            raise forms.ValidationError("This programme already has a criterion with this name")
        return title
