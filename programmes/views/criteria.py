"""Scoring criteria, set up by the programme team before reviewing starts."""

from django.contrib import messages
from django.db import IntegrityError
from django.db.models import Sum
from django.shortcuts import get_object_or_404, redirect, render
from django.views import View
from rules.contrib.views import PermissionRequiredMixin

from programmes.forms import ScoringCriterionForm
from programmes.models import Programme, ScoringCriterion
from programmes.services import CriterionInUse, delete_scoring_criterion, save_scoring_criterion


class CriteriaView(PermissionRequiredMixin, View):
    permission_required = "programmes.manage_scoring_criteria"


class CriteriaListView(CriteriaView):
    def get(self, request, slug):
        programme = get_object_or_404(Programme, slug=slug)
        criteria = programme.scoring_criteria.order_by("position", "id")
        return render(
            request,
            "programmes/manage/criteria.html",
            {
                "programme": programme,
                "criteria": criteria,
                "total_weight": criteria.aggregate(total=Sum("weight"))["total"] or 0,
            },
        )


class CriterionFormView(CriteriaView):
    """Add a criterion (no pk) or change one."""

    def get_criterion(self, programme, pk):
        if pk is None:
            return ScoringCriterion(programme=programme)
        return get_object_or_404(programme.scoring_criteria, pk=pk)

    def get(self, request, slug, pk=None):
        programme = get_object_or_404(Programme, slug=slug)
        criterion = self.get_criterion(programme, pk)
        form = ScoringCriterionForm(instance=criterion, programme=programme)
        return self.render_page(programme, criterion, form)

    def post(self, request, slug, pk=None):
        programme = get_object_or_404(Programme, slug=slug)
        criterion = self.get_criterion(programme, pk)
        form = ScoringCriterionForm(request.POST, instance=criterion, programme=programme)
        if form.is_valid():
            try:
                criterion = save_scoring_criterion(
                    programme_id=programme.pk,
                    criterion=form.save(commit=False),
                    position=form.cleaned_data.get("position"),
                )
            except IntegrityError:
                form.add_error("title", "This programme already has a criterion with this name")
            else:
                messages.success(request, f"‘{criterion.title}’ has been saved.")
                return redirect("programmes:criteria", slug=programme.slug)
        return self.render_page(programme, criterion, form)

    def render_page(self, programme, criterion, form):
        return render(
            self.request,
            "programmes/manage/criteria_form.html",
            {
                "programme": programme,
                "criterion": criterion,
                "form": form,
                "has_errors": bool(form.errors),
            },
        )


class DeleteCriterionView(CriteriaView):
    def get(self, request, slug, pk):
        programme = get_object_or_404(Programme, slug=slug)
        criterion = get_object_or_404(programme.scoring_criteria, pk=pk)
        return render(
            request,
            "programmes/manage/criteria_delete.html",
            {"programme": programme, "criterion": criterion},
        )

    def post(self, request, slug, pk):
        programme = get_object_or_404(Programme, slug=slug)
        criterion = get_object_or_404(programme.scoring_criteria, pk=pk)
        try:
            delete_scoring_criterion(criterion_id=criterion.pk)
        except CriterionInUse:
            messages.error(
                request,
                f"‘{criterion.title}’ cannot be deleted: reviewers have already scored "
                "applications against it. You can still change it.",
            )
        else:
            messages.success(request, f"‘{criterion.title}’ has been deleted.")
        return redirect("programmes:criteria", slug=programme.slug)
