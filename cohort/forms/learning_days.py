"""Forms for scheduling learning days and for answering an invitation to one."""

from crispy_forms_gds.layout import Field, Fieldset, Size
from django import forms
from django.utils import timezone

from cohort.enums import InvitationAnswer
from cohort.services.learning_days import LearningDayDetails, Substitute
from cohort.services.register import WalkIn
from notifications.forms import single_line
from programmes.dates import format_time
from programmes.forms import TimeOfDayField, gds_date, gds_helper, london_datetime, numeric

EMAIL_INVALID = "Enter an email address in the correct format, like name@example.org"
NEEDS_CHARACTERS = 2_000


class LearningDayForm(forms.Form):
    sequence = forms.IntegerField(
        label="Number",
        help_text="1 for the first learning day of the programme.",
        min_value=1,
        max_value=99,
        widget=numeric(),
        error_messages={
            "required": "Enter the learning day’s number",
            "invalid": "Enter the number as a whole number, like 1",
            "min_value": "The number must be 1 or more",
            "max_value": "The number must be 99 or less",
        },
    )
    title = forms.CharField(
        label="Title",
        max_length=200,
        help_text="For example, Learning day 1.",
        error_messages={
            "required": "Enter the title",
            "max_length": "The title must be 200 characters or fewer",
        },
    )
    day = gds_date("Date", help_text="For example 12 3 2018")
    starts_time = TimeOfDayField(label="Start time", help_text="UK time, for example 10am")
    ends_time = TimeOfDayField(label="End time", help_text="UK time, for example 4pm")
    venue_name = forms.CharField(
        label="Venue (optional if the day is online)",
        max_length=200,
        required=False,
        error_messages={"max_length": "The venue must be 200 characters or fewer"},
    )
    venue_address = forms.CharField(
        label="Venue address (optional)",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    venue_latitude = forms.DecimalField(
        label="Latitude (optional)",
        help_text="For example 51.49616",
        required=False,
        min_value=-90,
        max_value=90,
        max_digits=8,
        decimal_places=5,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "spellcheck": "false"}),
        error_messages={
            "invalid": "Enter the latitude as a number, like 51.49616",
            "min_value": "The latitude must be between -90 and 90",
            "max_value": "The latitude must be between -90 and 90",
            "max_digits": "Enter the latitude with at most 5 decimal places",
            "max_decimal_places": "Enter the latitude with at most 5 decimal places",
        },
    )
    venue_longitude = forms.DecimalField(
        label="Longitude (optional)",
        help_text="For example -0.12823",
        required=False,
        min_value=-180,
        max_value=180,
        max_digits=8,
        decimal_places=5,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "spellcheck": "false"}),
        error_messages={
            "invalid": "Enter the longitude as a number, like -0.12823",
            "min_value": "The longitude must be between -180 and 180",
            "max_value": "The longitude must be between -180 and 180",
            "max_digits": "Enter the longitude with at most 5 decimal places",
            "max_decimal_places": "Enter the longitude with at most 5 decimal places",
        },
    )
    online_link = forms.URLField(
        label="Online link (optional if there is a venue)",
        help_text="The address to join the meeting, starting https://",
        required=False,
        max_length=200,
        assume_scheme="https",
        widget=forms.URLInput(attrs={"spellcheck": "false"}),
        error_messages={"invalid": "Enter a web address, like https://meet.example.org/day-1"},
    )
    agenda = forms.CharField(
        label="Agenda (optional)",
        required=False,
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 8}),
    )

    def __init__(self, *args, learning_day=None, **kw):
        super().__init__(*args, **kw)
        if learning_day is not None and learning_day.pk:
            starts = timezone.localtime(learning_day.starts_at)
            ends = timezone.localtime(learning_day.ends_at)
            self.initial.update(
                sequence=learning_day.sequence,
                title=learning_day.title,
                day=starts.date(),
                starts_time=format_time(starts),
                ends_time=format_time(ends),
                venue_name=learning_day.venue_name,
                venue_address=learning_day.venue_address,
                venue_latitude=learning_day.venue_latitude,
                venue_longitude=learning_day.venue_longitude,
                online_link=learning_day.online_link,
                agenda=learning_day.agenda,
            )
        self.helper = gds_helper(
            Field.text("sequence", field_width=3),
            Field.text("title", field_width=20),
            Fieldset(
                "day",
                Field.text("starts_time", field_width=5),
                Field.text("ends_time", field_width=5),
                legend="When",
                legend_size=Size.MEDIUM,
            ),
            Fieldset(
                "venue_name",
                "venue_address",
                Field.text("venue_latitude", field_width=10),
                Field.text("venue_longitude", field_width=10),
                "online_link",
                legend="Where",
                legend_size=Size.MEDIUM,
            ),
            "agenda",
        )

    def clean(self):
        cleaned = super().clean()
        day, starts, ends = cleaned.get("day"), cleaned.get("starts_time"), cleaned.get("ends_time")
        if day and starts and ends:
            cleaned["starts_at"] = london_datetime(day, starts)
            cleaned["ends_at"] = london_datetime(day, ends)
            if cleaned["ends_at"] <= cleaned["starts_at"]:
                self.add_error("ends_time", "The end time must be after the start time")
        if (
            not cleaned.get("venue_name", "").strip()
            and not cleaned.get("online_link")
            and "online_link" not in self.errors
        ):
            self.add_error("venue_name", "Enter the venue’s name, or an online link")
        latitude, longitude = cleaned.get("venue_latitude"), cleaned.get("venue_longitude")
        if (latitude is None) != (longitude is None) and not (
            {"venue_latitude", "venue_longitude"} & set(self.errors)
        ):
            self.add_error(
                "venue_longitude" if longitude is None else "venue_latitude",
                "Enter both the latitude and the longitude, or neither",
            )
        return cleaned

    def details(self) -> LearningDayDetails:
        data = self.cleaned_data
        return LearningDayDetails(
            sequence=data["sequence"],
            title=" ".join(data["title"].split()),
            starts_at=data["starts_at"],
            ends_at=data["ends_at"],
            venue_name=data["venue_name"].strip(),
            venue_address=data["venue_address"].strip(),
            venue_latitude=data["venue_latitude"],
            venue_longitude=data["venue_longitude"],
            online_link=data["online_link"],
            agenda=data["agenda"].strip(),
        )


class AnswerForm(forms.Form):
    answer = forms.ChoiceField(
        label="Your answer",
        choices=[
            (InvitationAnswer.ACCEPTED, "Yes, I can come"),
            (InvitationAnswer.DECLINED, "No, I cannot come"),
            (
                InvitationAnswer.SENT_SOMEONE_ELSE,
                "I cannot come, but someone else will come in my place",
            ),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether you can come"},
    )

    def __init__(self, *args, **kw):
        super().__init__(*args, **kw)
        self.helper = gds_helper(Field.radios("answer", legend_size=Size.MEDIUM, legend_tag="h2"))


class NeedsForm(forms.Form):
    access_needs = forms.CharField(
        label="Access needs (optional)",
        help_text="For example step-free access, a hearing loop, or a British Sign Language "
        "interpreter.",
        required=False,
        max_length=NEEDS_CHARACTERS,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"max_length": f"This must be {NEEDS_CHARACTERS:,} characters or fewer"},
    )
    dietary_needs = forms.CharField(
        label="Dietary needs (optional)",
        help_text="For example vegetarian, halal, or a nut allergy.",
        required=False,
        max_length=NEEDS_CHARACTERS,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": f"This must be {NEEDS_CHARACTERS:,} characters or fewer"},
    )

    def __init__(self, *args, **kw):
        super().__init__(*args, **kw)
        self.helper = gds_helper("access_needs", "dietary_needs")


class SubstituteForm(forms.Form):
    name = forms.CharField(
        label="Their full name",
        max_length=200,
        error_messages={
            "required": "Enter the full name of the person coming in your place",
            "max_length": "The name must be 200 characters or fewer",
        },
        validators=[single_line("Enter the full name on one line")],  # the name on emails to them
    )
    role = forms.CharField(
        label="Their job title (optional)",
        max_length=200,
        required=False,
        error_messages={"max_length": "The job title must be 200 characters or fewer"},
    )
    email = forms.EmailField(
        label="Their email address",
        max_length=254,
        help_text="We will email them an invitation of their own.",
        widget=forms.EmailInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
        error_messages={"required": "Enter their email address", "invalid": EMAIL_INVALID},
    )

    def __init__(self, *args, **kw):
        super().__init__(*args, **kw)
        self.helper = gds_helper(
            Field.text("name", field_width=20), "role", Field.text("email", field_width=20)
        )

    def substitute(self) -> Substitute:
        data = self.cleaned_data
        return Substitute(name=data["name"], email=data["email"], role=data["role"])


class WalkInForm(forms.Form):
    """Someone who came to the day without an invitation (on the register page)."""

    name = forms.CharField(
        label="Full name",
        max_length=200,
        error_messages={
            "required": "Enter the full name of the person who came",
            "max_length": "The name must be 200 characters or fewer",
        },
        validators=[single_line("Enter the full name on one line")],  # the name on emails to them
    )
    project = forms.TypedChoiceField(
        label="Organisation",
        coerce=int,
        error_messages={
            "required": "Choose their organisation",
            "invalid_choice": "Choose an organisation in the cohort",
        },
    )
    role = forms.CharField(
        label="Job title (optional)",
        max_length=200,
        required=False,
        error_messages={"max_length": "The job title must be 200 characters or fewer"},
    )
    email = forms.EmailField(
        label="Email address",
        max_length=254,
        help_text="We will not email them now. We need it to tell people apart on the register, "
        "and to reach them about the programme.",
        widget=forms.EmailInput(
            attrs={"autocomplete": "off", "spellcheck": "false", "inputmode": "email"}
        ),
        error_messages={"required": "Enter their email address", "invalid": EMAIL_INVALID},
    )

    def __init__(self, *args, projects=(), **kw):
        super().__init__(*args, prefix="walk-in", **kw)
        self.fields["project"].choices = [("", "Choose an organisation")] + [
            (project.pk, project.organisation.name) for project in projects
        ]
        self.helper = gds_helper(
            Field.text("name", field_width=20),
            Field.select("project"),
            Field.text("role", field_width=20),
            Field.text("email", field_width=20),
        )

    def walk_in(self) -> WalkIn:
        data = self.cleaned_data
        return WalkIn(
            name=data["name"], email=data["email"], project_id=data["project"], role=data["role"]
        )


LOCATION_HELP = (
    "You can find it on an online map: on Google Maps, right-click the building and the first "
    "line of the menu shows its latitude and longitude, in that order (for example 51.49616, "
    "-0.12823). On OpenStreetMap, choose “Show address”. You can paste both numbers, with the "
    "comma, into Latitude."
)


class CandidateVenueForm(forms.Form):
    """A venue to compare for a learning day (on the "Choose a venue" page).

    A location copied from a map comes as "latitude, longitude": pasted whole into Latitude
    (with Longitude left empty), it is split between the two.
    """

    name = forms.CharField(
        label="Venue name",
        max_length=200,
        error_messages={
            "required": "Enter the venue’s name",
            "max_length": "The venue’s name must be 200 characters or fewer",
        },
    )
    address = forms.CharField(
        label="Address (optional)",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": "The address must be 1,000 characters or fewer"},
    )
    latitude = forms.DecimalField(
        label="Latitude",
        help_text=LOCATION_HELP,
        min_value=-90,
        max_value=90,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "spellcheck": "false"}),
        error_messages={
            "required": "Enter the venue’s latitude, like 51.49616",
            "invalid": "Enter the latitude as a number, like 51.49616",
            "min_value": "The latitude must be between -90 and 90",
            "max_value": "The latitude must be between -90 and 90",
        },
    )
    longitude = forms.DecimalField(
        label="Longitude",
        help_text="For example -0.12823: west of Greenwich is negative.",
        min_value=-180,
        max_value=180,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "spellcheck": "false"}),
        error_messages={
            "required": "Enter the venue’s longitude, like -0.12823",
            "invalid": "Enter the longitude as a number, like -0.12823",
            "min_value": "The longitude must be between -180 and 180",
            "max_value": "The longitude must be between -180 and 180",
        },
    )

    def __init__(self, data=None, *args, **kw):
        if data is not None:
            pasted = str(data.get("latitude", "")).strip()
            if "," in pasted and not str(data.get("longitude", "")).strip():
                latitude, _, longitude = pasted.partition(",")
                data = data.copy()
                data["latitude"], data["longitude"] = latitude.strip(), longitude.strip()
        super().__init__(data, *args, **kw)
        self.helper = gds_helper(
            Field.text("name", field_width=20),
            "address",
            Field.text("latitude", field_width=10),
            Field.text("longitude", field_width=10),
        )

    def venue(self) -> dict:
        """The service's keyword arguments (add_candidate_venue), but the learning day."""
        data = self.cleaned_data
        return {
            "name": data["name"],
            "address": data["address"],
            "latitude": data["latitude"],
            "longitude": data["longitude"],
        }
