"""The question pages of an expression of interest.

Each page can be saved unfinished ("Save and come back later") or finished ("Save and continue");
only the second insists that every question is answered and the word limit is kept. Format rules
(lengths, emails, NUL bytes) apply to both, so nothing invalid is ever stored.
"""

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Fieldset, Layout, Size
from django import forms

from applications.enums import BoardSupport, Section, TeamRole
from applications.evidence_files import ACCEPT_ATTRIBUTE
from applications.models import Application, EvidenceSource
from applications.selectors import WORD_COUNTED_FIELDS, count_words, team_of, words_used
from notifications.forms import single_line
from programmes.models import ThriveCategory

LONG_ANSWER_CHARACTERS = 20_000
SHORT_ANSWER_CHARACTERS = 1_000


def long_answer(label: str, *, required_message: str, help_text: str = "", rows: int = 8):
    return forms.CharField(
        label=label,
        help_text=help_text,
        required=False,
        max_length=LONG_ANSWER_CHARACTERS,
        strip=True,
        widget=forms.Textarea(attrs={"rows": rows, "data-word-count": ""}),
        error_messages={
            "required": required_message,
            "max_length": f"{label} must be {LONG_ANSWER_CHARACTERS:,} characters or fewer",
        },
    )


class SectionForm(forms.Form):
    """A question page. `require_complete` is set when the person presses "Save and continue"."""

    section: Section
    required_when_complete: dict[str, str] = {}

    seen_version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args, application: Application, require_complete: bool = False, **kw):
        self.application = application
        self.require_complete = require_complete
        kw.setdefault("initial", {}).setdefault(
            "seen_version", application.section_versions.get(self.section, 0)
        )
        super().__init__(*args, **kw)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.label_size = Size.SMALL
        self.helper.legend_size = Size.SMALL

    def clean(self):
        cleaned = super().clean()
        if self.require_complete:
            for field, message in self.required_when_complete.items():
                if field not in self.errors and not cleaned.get(field):
                    self.add_error(field, message)
            self.check_word_limit(cleaned)
        return cleaned

    def words_in_answers(self, cleaned: dict) -> int:
        return sum(
            count_words(cleaned.get(f, "")) for f in WORD_COUNTED_FIELDS.get(self.section, [])
        )

    @property
    def words_elsewhere(self) -> int:
        return words_used(self.application, except_section=self.section)

    def check_word_limit(self, cleaned: dict) -> None:
        limit = self.application.programme.word_limit
        total = self.words_elsewhere + self.words_in_answers(cleaned)
        if total > limit:
            fields = WORD_COUNTED_FIELDS.get(self.section) or [None]
            self.add_error(
                fields[-1],
                f"Your answers must be {limit:,} words or fewer in total. You have {total:,} words "
                f"across the application: shorten them by {total - limit:,}",
            )

    def answers(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k != "seen_version"}


class IssueForm(SectionForm):
    section = Section.ISSUE
    required_when_complete = {
        "key_question": "Enter your key question",
        "why_critical": "Enter why this is a critical issue for your area",
    }

    key_question = long_answer(
        "Your key question",
        required_message="Enter your key question",
        help_text="Phrase the issue or theme as a question, for example ‘How can we improve "
        "children and young people’s access to services?’",
        rows=3,
    )
    why_critical = long_answer(
        "Why is this a critical issue for your area?",
        required_message="Enter why this is a critical issue for your area",
        help_text="Say why it is not being resolved through the usual ways, and what it means "
        "for children and young people.",
    )

    def __init__(self, *args, **kw):
        super().__init__(*args, **kw)
        self.helper.layout = Layout("seen_version", "key_question", "why_critical")
        if not self.is_bound:
            self.initial.update(
                key_question=self.application.key_question,
                why_critical=self.application.why_critical,
            )


class IdentificationForm(SectionForm):
    section = Section.IDENTIFICATION
    required_when_complete = {
        "identification_sources": "Select how you identified the issue",
        "identification_description": "Describe how you identified the issue",
    }

    identification_sources = forms.ModelMultipleChoiceField(
        label="How did you identify this issue?",
        help_text="Select all that apply.",
        queryset=EvidenceSource.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    identification_description = long_answer(
        "Describe how you identified it",
        required_message="Describe how you identified the issue",
        help_text="For example what children and young people told you, or what your JSNA or a "
        "recent CQC or Ofsted report found. You can upload documents on the next page.",
    )

    def __init__(self, *args, **kw):
        super().__init__(*args, **kw)
        self.helper.layout = Layout(
            "seen_version",
            Field.checkboxes("identification_sources", legend_size=Size.SMALL),
            "identification_description",
        )
        if not self.is_bound:
            self.initial.update(
                identification_sources=[
                    s.pk for s in self.application.identification_sources.all()
                ],
                identification_description=self.application.identification_description,
            )


class EvidenceConfirmForm(SectionForm):
    section = Section.EVIDENCE


class EvidenceUploadForm(forms.Form):
    file = forms.FileField(
        label="Upload a file",
        help_text="PDF, DOCX, XLSX, ODT, PPTX, PNG or JPEG.",
        error_messages={"required": "Select a file to upload"},
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT_ATTRIBUTE}),
    )

    def __init__(self, *args, **kw):
        super().__init__(*args, **kw)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.label_size = Size.SMALL


class TeamMemberForm(forms.Form):
    role = forms.ChoiceField(
        label="Role in the team",
        choices=TeamRole.choices,
        required=False,
        widget=forms.RadioSelect,
    )
    name = forms.CharField(
        label="Full name",
        max_length=200,
        required=False,
        # It is the name on the confirmation email to them.
        validators=[single_line("Enter the full name on one line")],
    )
    job_title = forms.CharField(label="Job title", max_length=200, required=False)
    organisation_name = forms.CharField(label="Organisation", max_length=200, required=False)
    email = forms.EmailField(
        label="Email address",
        max_length=254,
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
        error_messages={
            "invalid": "Enter an email address in the correct format, like name@example.org"
        },
    )
    why_key = long_answer(
        "Why are they key to addressing the issue?",
        required_message="Enter why they are key to addressing the issue",
        rows=4,
    )

    messages = {
        "role": "Select their role in the team",
        "name": "Enter their full name",
        "job_title": "Enter their job title",
        "organisation_name": "Enter their organisation",
        "email": "Enter their email address",
        "why_key": "Enter why they are key to addressing the issue",
    }

    def __init__(self, *args, position: int, **kw):
        super().__init__(*args, **kw)
        self.position = position
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.label_size = Size.SMALL
        self.helper.legend_size = Size.SMALL
        self.helper.layout = Layout(
            Fieldset(
                Field.radios("role", legend_size=Size.SMALL),
                Field.text("name", field_width=20),
                Field.text("job_title"),
                Field.text("organisation_name"),
                Field.text("email", field_width=20),
                "why_key",
                legend=f"Team member {position}",
                legend_size=Size.MEDIUM,
            )
        )

    def require_complete(self) -> None:
        for field, message in self.messages.items():
            if field not in self.errors and not self.cleaned_data.get(field):
                self.add_error(field, message)


class TeamForm(SectionForm):
    """The team of three, as three sets of questions on one page."""

    section = Section.TEAM

    def __init__(self, *args, **kw):
        data = args[0] if args else kw.get("data")
        super().__init__(*args, **kw)
        self.helper.layout = Layout("seen_version")
        self.members = []
        for member in team_of(self.application):
            initial = {
                "role": member.role,
                "name": member.name,
                "job_title": member.job_title,
                "organisation_name": member.organisation_name,
                "email": member.email,
                "why_key": member.why_key,
            }
            self.members.append(
                TeamMemberForm(
                    data,
                    prefix=f"member-{member.position}",
                    position=member.position,
                    initial=initial,
                )
            )

    def clean(self):
        # The word limit spans all three members, so it is checked in is_valid once they are clean.
        return forms.Form.clean(self)

    @property
    def all_forms(self) -> list[forms.Form]:
        return [self, *self.members]

    def is_valid(self) -> bool:
        valid = super().is_valid()
        # A list, not a generator: every member is cleaned, even after one that is not valid.
        members_valid = all([member.is_valid() for member in self.members])
        if members_valid and self.require_complete:
            for member in self.members:
                member.require_complete()
        seen: dict[str, int] = {}
        for member in self.members:
            email = (member.cleaned_data.get("email") or "").lower()
            if email and email in seen:
                member.add_error(
                    "email",
                    f"Team member {member.position} has the same email address as team member "
                    f"{seen[email]}. Each person needs their own email address",
                )
            elif email:
                seen[email] = member.position
        if self.require_complete:
            self.check_word_limit({})
        return valid and not any(member.errors for member in self.members) and not self.errors

    def words_in_answers(self, cleaned: dict) -> int:
        return sum(
            count_words(getattr(member, "cleaned_data", {}).get("why_key", ""))
            for member in self.members
        )

    def check_word_limit(self, cleaned: dict) -> None:
        limit = self.application.programme.word_limit
        total = self.words_elsewhere + self.words_in_answers(cleaned)
        if total > limit:
            self.members[-1].add_error(
                "why_key",
                f"Your answers must be {limit:,} words or fewer in total. You have {total:,} words "
                f"across the application: shorten them by {total - limit:,}",
            )

    def answers(self) -> dict:
        return {"members": [member.cleaned_data for member in self.members]}


class BoardForm(SectionForm):
    section = Section.BOARD
    required_when_complete = {
        "board_support": "Select whether your Health and Wellbeing Board supports your application",
        "board_support_detail": "Give details of your Health and Wellbeing Board’s support",
    }

    board_support = forms.ChoiceField(
        label="Does your Health and Wellbeing Board support your application?",
        choices=BoardSupport.choices,
        required=False,
        widget=forms.RadioSelect,
    )
    board_support_detail = long_answer(
        "Give details",
        required_message="Give details of your Health and Wellbeing Board’s support",
        help_text="For example when the board discussed it, or when it will.",
        rows=4,
    )
    letter = forms.FileField(
        label="Upload a letter of support (optional)",
        required=False,
        help_text="PDF, DOCX, ODT, PNG or JPEG.",
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT_ATTRIBUTE}),
    )

    def __init__(self, *args, **kw):
        super().__init__(*args, **kw)
        self.helper.layout = Layout(
            "seen_version",
            Field.radios("board_support", legend_size=Size.SMALL),
            "board_support_detail",
            "letter",
        )
        if not self.is_bound:
            self.initial.update(
                board_support=self.application.board_support,
                board_support_detail=self.application.board_support_detail,
            )

    def answers(self) -> dict:
        answers = super().answers()
        answers.pop("letter", None)
        return answers


class ThriveForm(SectionForm):
    section = Section.THRIVE
    required_when_complete = {"thrive_categories": "Select at least one THRIVE category"}

    thrive_categories = forms.ModelMultipleChoiceField(
        label="Which THRIVE categories does your issue touch?",
        help_text="Select all that apply.",
        queryset=ThriveCategory.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    challenge_areas = forms.ModelMultipleChoiceField(
        label="Which of the programme’s challenge areas does it address?",
        help_text="Select all that apply.",
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, **kw):
        super().__init__(*args, **kw)
        self.fields["challenge_areas"].queryset = self.application.programme.challenge_areas.all()
        self.helper.layout = Layout(
            "seen_version",
            Field.checkboxes("thrive_categories", legend_size=Size.SMALL),
            Field.checkboxes("challenge_areas", legend_size=Size.SMALL),
        )
        if not self.is_bound:
            self.initial.update(
                thrive_categories=[c.pk for c in self.application.thrive_categories.all()],
                challenge_areas=[c.pk for c in self.application.challenge_areas.all()],
            )


SECTION_FORMS: dict[Section, type[SectionForm]] = {
    Section.ISSUE: IssueForm,
    Section.IDENTIFICATION: IdentificationForm,
    Section.EVIDENCE: EvidenceConfirmForm,
    Section.TEAM: TeamForm,
    Section.BOARD: BoardForm,
    Section.THRIVE: ThriveForm,
}


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label="Why are you withdrawing? (optional)",
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
