"""Reviewing: a reviewer's own work (their list, the scoring page, conflicts of interest, evidence)
and the programme team's side (assigning reviewers, moderation).

A reviewer reaches an application only through their own Review (`reviews_of(user)`), so any
other application is a 404. Each view names its permission.
"""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.views import View
from rules.contrib.views import PermissionRequiredMixin

from applications.enums import ReviewStatus
from applications.forms.reviews import (
    AssignReviewerForm,
    AutomaticAssignmentForm,
    ConflictForm,
    ReviewForm,
)
from applications.models import Application, Review
from applications.selectors import (
    board_letters,
    evidence_documents,
    team_composition_warning,
    team_of,
    with_answers,
    words_used,
)
from applications.selectors import reviews as selectors
from applications.services import reviews as services
from applications.views.evidence import evidence_download
from programmes.errors import add_to_form
from programmes.models import Programme

DEFAULT_REVIEWERS_PER_APPLICATION = 2


# ---------------------------------------------------------------------------------------------
# Reviewers
# ---------------------------------------------------------------------------------------------


class ReviewerView(PermissionRequiredMixin, View):
    permission_required = "applications.review"

    def get_review(self, pk: int) -> Review:
        return get_object_or_404(
            selectors.reviews_of(self.request.user)
            .select_related("application__programme", "application__organisation", "reviewer")
            .prefetch_related("scores"),
            pk=pk,
        )


class YourReviewsView(ReviewerView):
    def get(self, request):
        reviews = list(selectors.reviews_to_list(request.user))
        return render(
            request,
            "applications/reviewing/your_reviews.html",
            {
                "to_do": [r for r in reviews if r.status in selectors.TO_DO_STATUSES],
                "done": [r for r in reviews if r.status == ReviewStatus.SUBMITTED],
                "conflicts": [r for r in reviews if r.status == ReviewStatus.CONFLICT],
            },
        )


def answers_html(request, review: Review, application: Application) -> str:
    """Every answer, from the same include the programme team sees; with `review` in the context
    its evidence links go to the reviewer's own download address."""
    team = team_of(application)
    html = render_to_string(
        "applications/includes/answers.html",
        {
            "application": application,
            "programme": application.programme,
            "team": team,
            "composition_warning": team_composition_warning(team),
            "words_used": words_used(application),
            "evidence": evidence_documents(application),
            "letters": board_letters(application),
            "review": review,
        },
        request=request,
    )
    return html  # already a SafeString: rendered, and escaped, by the template engine


class ReviewView(ReviewerView):
    """The application's answers and the scoring form; read-only once submitted."""

    def get(self, request, pk):
        review = self.get_review(pk)
        return self.render_page(review)

    def post(self, request, pk):
        review = self.get_review(pk)
        if not self.is_open(review):
            return self.render_page(review)
        submit = "submit_review" in request.POST
        criteria = selectors.criteria_of(review.application.programme_id)
        form = ReviewForm(request.POST, review=review, criteria=criteria, require_complete=submit)
        if form.is_valid():
            try:
                services.save_review(
                    review_id=review.pk,
                    reviewer=request.user,
                    scores=form.scores(),
                    comments=form.cleaned_data["comments"],
                    submit=submit,
                )
            except Review.DoesNotExist:
                raise Http404 from None  # taken back by the programme team a moment ago
            except services.ReviewError as error:
                form.add_service_errors(error.errors)
                if not error.errors:
                    form.add_error(None, error.message)
            else:
                organisation = review.application.organisation.name
                if not submit:
                    messages.success(
                        request, f"Your draft review of {organisation} has been saved."
                    )
                    return redirect("applications:review", pk=review.pk)
                messages.success(request, f"Your review of {organisation} has been submitted.")
                following = selectors.next_review_for(request.user, after=review)
                if following is None:
                    return redirect("applications:reviews")
                return redirect("applications:review", pk=following.pk)
        return self.render_page(review, form=form, criteria=criteria)

    @staticmethod
    def is_open(review: Review) -> bool:
        return (
            review.status in selectors.TO_DO_STATUSES
            and review.application.status in selectors.REVIEWABLE_STATUSES
        )

    def render_page(self, review: Review, *, form=None, criteria=None):
        if review.status == ReviewStatus.CONFLICT:
            return render(
                self.request, "applications/reviewing/conflict_declared.html", {"review": review}
            )
        criteria = (
            criteria
            if criteria is not None
            else selectors.criteria_of(review.application.programme_id)
        )
        application = with_answers(Application.objects.filter(pk=review.application_id)).get()
        context = {
            "review": review,
            "application": application,
            "programme": application.programme,
            "answers": answers_html(self.request, review, application),
            "criteria": criteria,
            "is_open": self.is_open(review),
        }
        if context["is_open"]:
            context["form"] = form or ReviewForm(review=review, criteria=criteria)
            context["has_errors"] = bool(form and form.errors)
        else:
            context["own_lines"] = selectors.score_lines(review, criteria)
            context["others"] = [
                (other, selectors.score_lines(other, criteria))
                for other in selectors.other_submitted_reviews(review)
            ]
        return render(self.request, "applications/reviewing/review.html", context)


class DeclareConflictView(ReviewerView):
    def get(self, request, pk):
        review = self.get_review(pk)
        if review.status not in selectors.TO_DO_STATUSES:
            return redirect("applications:review", pk=review.pk)
        return self.render_page(review, ConflictForm())

    def post(self, request, pk):
        review = self.get_review(pk)
        form = ConflictForm(request.POST)
        if form.is_valid():
            try:
                services.declare_conflict(
                    review_id=review.pk, reviewer=request.user, reason=form.cleaned_data["reason"]
                )
            except Review.DoesNotExist:
                raise Http404 from None
            except services.ReviewError as error:
                form.add_error("reason" if error.field == "reason" else None, error.message)
            else:
                organisation = review.application.organisation.name
                messages.success(
                    request,
                    f"You have declared a conflict of interest. {organisation} has been taken off "
                    "your list.",
                )
                return redirect("applications:reviews")
        return self.render_page(review, form)

    def render_page(self, review, form):
        return render(
            self.request,
            "applications/reviewing/declare_conflict.html",
            {"review": review, "form": form, "has_errors": bool(form.errors)},
        )


class ReviewDocumentView(ReviewerView):
    """Evidence for an assigned reviewer: as an attachment, never sniffed as HTML, not cached."""

    def get(self, request, pk, document_pk):
        review = get_object_or_404(
            selectors.reviews_of(request.user).exclude(status=ReviewStatus.CONFLICT), pk=pk
        )
        document = get_object_or_404(review.application.documents, pk=document_pk)
        return evidence_download(document)


# ---------------------------------------------------------------------------------------------
# Programme managers
# ---------------------------------------------------------------------------------------------


class AssignmentView(PermissionRequiredMixin, View):
    permission_required = "applications.assign_reviewers"

    def wanted(self) -> int:
        try:
            wanted = int(self.request.GET.get("per_application", ""))
        except ValueError:
            return DEFAULT_REVIEWERS_PER_APPLICATION
        if 1 <= wanted <= services.MAX_REVIEWERS_PER_APPLICATION:
            return wanted
        return DEFAULT_REVIEWERS_PER_APPLICATION

    def assign_form(self, programme, data=None) -> AssignReviewerForm:
        return AssignReviewerForm(
            data,
            applications=programme.applications.filter(status__in=selectors.REVIEWABLE_STATUSES)
            .select_related("organisation")
            .order_by("organisation__name"),
            reviewers=selectors.reviewers(),
        )

    def render_page(self, programme, *, wanted=None, automatic_form=None, assign_form=None):
        wanted = wanted or self.wanted()
        automatic_form = automatic_form or AutomaticAssignmentForm(
            initial={"reviewers_per_application": wanted}
        )
        assign_form = assign_form or self.assign_form(programme)
        return render(
            self.request,
            "applications/reviewing/reviewers.html",
            {
                "programme": programme,
                "overview": selectors.assignment_overview(programme, wanted=wanted),
                "automatic_form": automatic_form,
                "assign_form": assign_form,
                "forms": [automatic_form, assign_form],
                "removable_statuses": selectors.TO_DO_STATUSES,
                "has_errors": bool(automatic_form.errors or assign_form.errors),
            },
        )


class ReviewersView(AssignmentView):
    def get(self, request, slug):
        return self.render_page(get_object_or_404(Programme, slug=slug))


class AutomaticAssignmentView(AssignmentView):
    def post(self, request, slug):
        programme = get_object_or_404(Programme, slug=slug)
        form = AutomaticAssignmentForm(request.POST)
        if form.is_valid():
            wanted = form.cleaned_data["reviewers_per_application"]
            try:
                result = services.assign_reviewers_automatically(
                    programme_id=programme.pk, reviewers_per_application=wanted, by=request.user
                )
            except services.ReviewError as error:
                form.add_error("reviewers_per_application", error.message)
            else:
                messages.success(request, result.summary)
                if result.shortfalls:
                    count = len(result.shortfalls)
                    messages.warning(
                        request,
                        f"{count} application{'s' if count != 1 else ''} could not be given "
                        f"{wanted} reviewer{'s' if wanted != 1 else ''}: see ‘Applications short "
                        "of reviewers’.",
                    )
                url = reverse("applications:reviewers", args=[programme.slug])
                return redirect(f"{url}?per_application={wanted}")
        return self.render_page(programme, automatic_form=form)


class AssignReviewerView(AssignmentView):
    def post(self, request, slug):
        programme = get_object_or_404(Programme, slug=slug)
        form = self.assign_form(programme, request.POST)
        if form.is_valid():
            application, reviewer = form.cleaned_data["application"], form.cleaned_data["reviewer"]
            try:
                services.assign_reviewer(
                    application_id=application.pk, reviewer=reviewer, by=request.user
                )
            except services.ReviewError as error:
                add_to_form(form, error)
            else:
                messages.success(
                    request,
                    f"{reviewer} has been asked to review {application.organisation.name}’s "
                    "application.",
                )
                return redirect("applications:reviewers", slug=programme.slug)
        return self.render_page(programme, assign_form=form)


class UnassignReviewerView(AssignmentView):
    def post(self, request, slug, review_pk):
        programme = get_object_or_404(Programme, slug=slug)
        review = get_object_or_404(
            Review.objects.filter(application__programme=programme).select_related(
                "reviewer", "application__organisation"
            ),
            pk=review_pk,
        )
        try:
            services.unassign_reviewer(review_id=review.pk, by=request.user)
        except services.ReviewError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                f"{review.reviewer} is no longer reviewing "
                f"{review.application.organisation.name}’s application.",
            )
        return redirect("applications:reviewers", slug=programme.slug)


class ModerationView(PermissionRequiredMixin, View):
    """Every reviewer's scores side by side, with the spread and the weighted mean."""

    permission_required = "applications.moderate_reviews"

    def get(self, request, slug):
        programme = get_object_or_404(Programme, slug=slug)
        criteria = selectors.criteria_of(programme.pk)
        rows = selectors.moderation_rows(programme, criteria)
        disagreements = sum(row.disagree for row in rows)
        only_disagreements = request.GET.get("disagree") == "1"
        return render(
            request,
            "applications/reviewing/moderation.html",
            {
                "programme": programme,
                "criteria": criteria,
                "rows": [row for row in rows if row.disagree] if only_disagreements else rows,
                "total": len(rows),
                "disagreements": disagreements,
                "only_disagreements": only_disagreements,
                "spread_threshold": selectors.DISAGREEMENT_SPREAD,
            },
        )
