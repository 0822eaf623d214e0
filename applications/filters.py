"""Filtering and sorting the programme team's list of applications (and its exports).

Within a group of options the filter matches any option ticked ("London or South East"); the
groups narrow each other ("London, and Getting help"). The many-to-many answers are matched
with a subquery on the link table, so no row is repeated and no DISTINCT is needed.
"""

import django_filters
from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout, Size
from django import forms
from django.db.models import F, QuerySet

from applications.enums import ApplicationStatus, BoardSupport
from applications.models import Application, EvidenceSource
from applications.selectors.assessment import WEIGHTED_SCORE, with_weighted_score
from programmes.enums import Region
from programmes.models import Programme, ThriveCategory

# What each sort key orders by: the sort key names the column, a leading "-" reverses it.
# Unscored applications come last in both directions; ties fall back to the organisation's name.
SORTS = {
    "score": "Weighted score",
    "submitted": "Submitted",
    "organisation": "Organisation",
}
SORT_CHOICES = [(key, label) for key, label in SORTS.items()] + [
    (f"-{key}", f"{label} (descending)") for key, label in SORTS.items()
]


def ordering_for(sort: str) -> list:
    """The ORDER BY for a sort key; unscored or unsubmitted applications last either way."""
    descending = sort.startswith("-")
    key = sort.removeprefix("-")
    if key == "organisation":
        name = F("organisation__name")
        return [name.desc() if descending else name.asc(), "pk"]
    expression = WEIGHTED_SCORE if key == "score" else F("submitted_at")
    order = expression.desc if descending else expression.asc
    return [order(nulls_last=True), "organisation__name", "pk"]


class ApplicationFilterForm(forms.Form):
    """The filter form in the side column: small GOV.UK checkboxes, one group per question."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.layout = Layout(
            "sort",
            *(
                Field.checkboxes(name, legend_size=Size.SMALL, small=True)
                for name in [
                    "status",
                    "region",
                    "thrive",
                    "challenge_area",
                    "board_support",
                    "evidence_source",
                ]
            ),
        )


class ApplicationFilter(django_filters.FilterSet):
    status = django_filters.MultipleChoiceFilter(
        label="Status",
        choices=ApplicationStatus.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    region = django_filters.MultipleChoiceFilter(
        label="Region",
        field_name="organisation__region",
        choices=Region.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    # The options of the next three are read once each in __init__ (one query apiece).
    thrive = django_filters.MultipleChoiceFilter(
        label="THRIVE category", method="filter_thrive", widget=forms.CheckboxSelectMultiple
    )
    challenge_area = django_filters.MultipleChoiceFilter(
        label="Challenge area",
        method="filter_challenge_area",
        widget=forms.CheckboxSelectMultiple,
    )
    board_support = django_filters.MultipleChoiceFilter(
        label="Health and Wellbeing Board support",
        choices=BoardSupport.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    evidence_source = django_filters.MultipleChoiceFilter(
        label="How they identified the issue",
        method="filter_evidence_source",
        widget=forms.CheckboxSelectMultiple,
    )
    sort = django_filters.ChoiceFilter(
        choices=SORT_CHOICES, method="sort_by", widget=forms.HiddenInput
    )

    class Meta:
        model = Application
        fields: list[str] = []
        form = ApplicationFilterForm

    def __init__(self, data=None, *, programme: Programme, status_counts: dict | None = None):
        super().__init__(
            data,
            queryset=with_weighted_score(programme.applications.select_related("organisation")),
        )
        self.programme = programme
        self.filters["thrive"].extra["choices"] = [
            (c.slug, c.name) for c in ThriveCategory.objects.all()
        ]
        self.filters["challenge_area"].extra["choices"] = [
            (str(c.pk), c.name) for c in programme.challenge_areas.all()
        ]
        self.filters["evidence_source"].extra["choices"] = [
            (s.slug, s.name) for s in EvidenceSource.objects.all()
        ]
        if status_counts is not None:
            self.filters["status"].extra["choices"] = [
                (value, f"{label} ({status_counts.get(value, 0)})")
                for value, label in ApplicationStatus.choices
            ]

    @property
    def current_sort(self) -> str:
        """The sort in force: the one asked for when valid, else the organisation's name."""
        if not self.is_bound or self.errors.get("sort"):
            return "organisation"
        return self.form.cleaned_data.get("sort") or "organisation"

    @property
    def is_filtered(self) -> bool:
        return self.is_bound and any(self.data.get(name) for name in self.filters if name != "sort")

    def filter_queryset(self, queryset: QuerySet[Application]) -> QuerySet[Application]:
        return super().filter_queryset(queryset).order_by(*ordering_for(self.current_sort))

    def sort_by(self, queryset, name, value):
        # Applied in filter_queryset, after every filter, so that the order is always set.
        return queryset

    def filter_thrive(self, queryset, name, value):
        links = Application.thrive_categories.through.objects.filter(thrivecategory__in=value)
        return queryset.filter(pk__in=links.values("application_id"))

    def filter_challenge_area(self, queryset, name, value):
        links = Application.challenge_areas.through.objects.filter(challengearea__in=value)
        return queryset.filter(pk__in=links.values("application_id"))

    def filter_evidence_source(self, queryset, name, value):
        links = Application.identification_sources.through.objects.filter(evidencesource__in=value)
        return queryset.filter(pk__in=links.values("application_id"))
