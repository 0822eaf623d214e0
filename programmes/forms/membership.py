"""Forms for who acts for an organisation: asking to join, and a programme manager's domains."""

from crispy_forms_gds.layout import Field, Size
from django import forms

from programmes.forms import gds_helper


class AskToJoinForm(forms.Form):
    role = forms.CharField(
        label="What is your job title and team?",
        help_text="The people who decide use this to check that you work for or with the "
        "organisation. For example, ‘Commissioning manager, children’s services’.",
        max_length=200,
        error_messages={"required": "Enter your job title and team"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = gds_helper(Field.text("role"), label_size=Size.MEDIUM)


class OrganisationDomainsForm(forms.Form):
    domains = forms.CharField(
        label="Email domains",
        help_text="One a line, for example barnsley.gov.uk. Anyone with a confirmed email "
        "address at one of these domains (or at a subdomain of one) joins the organisation at "
        "once; anyone else asks, and its members decide. Leave empty so that everyone asks.",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "spellcheck": "false", "autocomplete": "off"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = gds_helper(Field.textarea("domains"), label_size=Size.MEDIUM)
