"""Forms for setting up workshops, nominating delegates, and offering to host a field visit."""

from crispy_forms_gds.layout import Field, Fieldset, Size
from django import forms
from django.utils import timezone

from notifications.forms import single_line
from programmes.dates import format_time
from programmes.forms import TimeOfDayField, gds_date, gds_helper, london_datetime, numeric
from programmes.services.workshops import WorkshopDetails

EMAIL_INVALID = "Enter an email address in the correct format, like name@example.org"


def _whole_number(label: str, *, example: int, low: int, high: int) -> forms.IntegerField:
    return forms.IntegerField(
        min_value=low,
        max_value=high,
        widget=numeric(),
        error_messages={
            "required": f"Enter the {label}",
            "invalid": f"Enter the {label} as a whole number, like {example}",
            "min_value": f"The {label} must be {low} or more",
            "max_value": f"The {label} must be {high} or fewer",
        },
    )


class WorkshopForm(forms.Form):
    title = forms.CharField(
        label="Title",
        max_length=200,
        help_text="For example, London research workshop.",
        error_messages={
            "required": "Enter the title",
            "max_length": "The title must be 200 characters or fewer",
        },
    )
    description = forms.CharField(
        label="Description (optional)",
        required=False,
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="What the workshop is for and who should come. Councils see this.",
    )
    day = gds_date("Date", help_text="For example 9 7 2019")
    starts_time = TimeOfDayField(label="Start time", help_text="UK time, for example 10am")
    ends_time = TimeOfDayField(label="End time", help_text="UK time, for example 4pm")
    venue_name = forms.CharField(
        label="Venue",
        max_length=200,
        help_text="For example, Local Government Association.",
        error_messages={
            "required": "Enter the venue’s name",
            "max_length": "The venue must be 200 characters or fewer",
        },
    )
    venue_address = forms.CharField(
        label="Venue address (optional)",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    booking_closes_on = gds_date("Booking deadline", help_text="For example 1 7 2019")
    booking_closes_time = TimeOfDayField(
        label="Booking deadline time", help_text="UK time, for example 5pm"
    )
    capacity = _whole_number("number of places", example=40, low=1, high=10_000)
    delegates_per_organisation = _whole_number(
        "number of delegates each organisation can send", example=2, low=1, high=100
    )
    is_published = forms.BooleanField(
        label="Publish this workshop so councils can see it and book", required=False
    )

    def __init__(self, *args, workshop=None, **kw):
        super().__init__(*args, **kw)
        self.fields["capacity"].label = "Places"
        self.fields["capacity"].help_text = "How many delegates in all. For example 40."
        self.fields["delegates_per_organisation"].label = "Delegates each organisation can send"
        self.fields["delegates_per_organisation"].help_text = "For example 2."
        self.fields["day"].error_messages.update(
            required="Enter the date of the workshop",
            incomplete="Enter the date of the workshop in full",
        )
        self.fields["booking_closes_on"].error_messages.update(
            required="Enter the booking deadline", incomplete="Enter the booking deadline in full"
        )
        self.initial.setdefault("delegates_per_organisation", 2)
        self.initial.setdefault("booking_closes_time", "5pm")
        if workshop is not None and workshop.pk:
            starts = timezone.localtime(workshop.starts_at)
            ends = timezone.localtime(workshop.ends_at)
            closes = timezone.localtime(workshop.booking_closes_at)
            self.initial.update(
                title=workshop.title,
                description=workshop.description,
                day=starts.date(),
                starts_time=format_time(starts),
                ends_time=format_time(ends),
                venue_name=workshop.venue_name,
                venue_address=workshop.venue_address,
                booking_closes_on=closes.date(),
                booking_closes_time=format_time(closes),
                capacity=workshop.capacity,
                delegates_per_organisation=workshop.delegates_per_organisation,
                is_published=workshop.is_published,
            )
        self.helper = gds_helper(
            Field.text("title", field_width=20),
            "description",
            Fieldset(
                "day",
                Field.text("starts_time", field_width=5),
                Field.text("ends_time", field_width=5),
                legend="When",
                legend_size=Size.MEDIUM,
            ),
            Fieldset("venue_name", "venue_address", legend="Where", legend_size=Size.MEDIUM),
            Fieldset(
                "booking_closes_on",
                Field.text("booking_closes_time", field_width=5),
                Field.text("capacity", field_width=4),
                Field.text("delegates_per_organisation", field_width=3),
                legend="Booking",
                legend_size=Size.MEDIUM,
            ),
            Field.checkbox("is_published"),
        )

    def clean(self):
        cleaned = super().clean()
        day, starts, ends = cleaned.get("day"), cleaned.get("starts_time"), cleaned.get("ends_time")
        if day and starts and ends:
            cleaned["starts_at"] = london_datetime(day, starts)
            cleaned["ends_at"] = london_datetime(day, ends)
            if cleaned["ends_at"] <= cleaned["starts_at"]:
                self.add_error("ends_time", "The end time must be after the start time")
        closes_on, closes_time = (
            cleaned.get("booking_closes_on"),
            cleaned.get("booking_closes_time"),
        )
        if closes_on and closes_time:
            cleaned["booking_closes_at"] = london_datetime(closes_on, closes_time)
            if cleaned.get("starts_at") and cleaned["booking_closes_at"] > cleaned["starts_at"]:
                self.add_error(
                    "booking_closes_on", "Bookings must close before the workshop starts"
                )
        return cleaned

    def details(self) -> WorkshopDetails:
        data = self.cleaned_data
        return WorkshopDetails(
            title=" ".join(data["title"].split()),
            description=data["description"].strip(),
            starts_at=data["starts_at"],
            ends_at=data["ends_at"],
            venue_name=data["venue_name"].strip(),
            venue_address=data["venue_address"].strip(),
            booking_closes_at=data["booking_closes_at"],
            capacity=data["capacity"],
            delegates_per_organisation=data["delegates_per_organisation"],
            is_published=data["is_published"],
        )


class DelegateForm(forms.Form):
    name = forms.CharField(
        label="Full name",
        max_length=200,
        error_messages={
            "required": "Enter the delegate’s full name",
            "max_length": "The name must be 200 characters or fewer",
        },
        validators=[single_line("Enter the full name on one line")],  # the name on emails to them
    )
    job_title = forms.CharField(
        label="Job title",
        max_length=200,
        help_text="For example, Director of Public Health.",
        error_messages={
            "required": "Enter the delegate’s job title",
            "max_length": "The job title must be 200 characters or fewer",
        },
    )
    email = forms.EmailField(
        label="Email address",
        max_length=254,
        help_text="We will email the delegate to confirm their place.",
        error_messages={"required": "Enter the delegate’s email address", "invalid": EMAIL_INVALID},
        widget=forms.EmailInput(attrs={"spellcheck": "false"}),
    )

    def __init__(self, *args, **kw):
        super().__init__(*args, **kw)
        self.helper = gds_helper(
            Field.text("name", field_width=20),
            Field.text("job_title", field_width=20),
            Field.text("email", field_width=20),
        )


class FieldVisitOfferForm(forms.Form):
    what_they_would_show = forms.CharField(
        label="What would visitors see?",
        max_length=5000,
        help_text="The services, partnerships or ways of working you could show researchers, "
        "and who they could meet.",
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={
            "required": "Enter what visitors would see",
            "max_length": "This must be 5,000 characters or fewer",
        },
    )
    contact_name = forms.CharField(
        label="Contact’s full name",
        max_length=200,
        error_messages={"required": "Enter the contact’s full name"},
    )
    contact_email = forms.EmailField(
        label="Contact’s email address",
        max_length=254,
        error_messages={"required": "Enter the contact’s email address", "invalid": EMAIL_INVALID},
        widget=forms.EmailInput(attrs={"spellcheck": "false"}),
    )

    def __init__(self, *args, **kw):
        super().__init__(*args, **kw)
        self.helper = gds_helper(
            "what_they_would_show",
            Fieldset(
                Field.text("contact_name", field_width=20),
                Field.text("contact_email", field_width=20),
                legend="Who should the researchers contact?",
                legend_size=Size.MEDIUM,
            ),
        )
