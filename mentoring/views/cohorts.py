"""Cohorts: admins create them and invite learners; their mentors follow progress."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from accounts.decorators import admin_required, mentor_required
from mentoring import cohorts
from mentoring.access import get_cohort_for_user, visible_cohorts
from mentoring.forms import CohortForm, InviteForm


@mentor_required
@require_GET
def cohort_list(request):
    rows = visible_cohorts(request.user).select_related("path").prefetch_related("mentors")
    return render(request, "mentoring/staff/cohorts.html", {"cohorts": rows})


@admin_required
@require_http_methods(["GET", "POST"])
def cohort_create(request):
    form = CohortForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        cohort = cohorts.cohort_create(
            name=data["name"],
            path=data["path"],
            starts_on=data["starts_on"],
            mentors=data["mentors"],
        )
        messages.success(request, "Cohort created. Invite its learners below.")
        return redirect("mentoring:cohort-invite", pk=cohort.pk)
    return render(request, "mentoring/staff/cohort_form.html", {"form": form})


@mentor_required
@require_GET
def cohort_detail(request, pk):
    cohort = get_cohort_for_user(request.user, pk)
    context = {
        "cohort": cohort,
        "rows": cohorts.cohort_progress(cohort),
        "pending": cohort.invites.filter(accepted_at__isnull=True),
    }
    return render(request, "mentoring/staff/cohort.html", context)


@admin_required
@require_http_methods(["GET", "POST"])
def cohort_invite(request, pk):
    """Paste or upload emails; invalid rows are reported, valid ones kept."""
    cohort = get_cohort_for_user(request.user, pk)
    form = InviteForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        report = cohorts.cohort_invite(
            cohort=cohort, text=form.cleaned_data["text"], invited_by=request.user
        )
        form = InviteForm()
    # Absolute links, as the admin's browser reaches this site, ready to paste into a message.
    pending = [
        (invite, request.build_absolute_uri(reverse("mentoring:cohort-join", args=[invite.token])))
        for invite in cohort.invites.filter(accepted_at__isnull=True)
    ]
    return render(
        request,
        "mentoring/staff/cohort_invite.html",
        {"cohort": cohort, "form": form, "report": report, "pending": pending},
    )


@login_required
@require_http_methods(["GET", "POST"])
def cohort_join(request, token):
    """The invite link: confirm, then join (a GET never changes anything)."""
    if request.method == "POST":
        try:
            cohort = cohorts.invite_accept(user=request.user, token=token)
        except cohorts.InviteRefused as refused:
            messages.error(request, str(refused))
            return redirect("curriculum:catalog")
        messages.success(request, f"Welcome to {cohort.name}.")
        return redirect(cohort.path)
    invite = cohorts.CohortInvite.objects.select_related("cohort__path").filter(token=token).first()
    return render(
        request,
        "mentoring/staff/cohort_join.html",
        {"invite": invite},
        status=200 if invite else 404,
    )
