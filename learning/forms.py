"""Forms of enrollment (start date, pace) and of self-reported progress ticks."""

from django import forms
from django.utils import timezone

from learning.models import Enrollment


class EnrollmentForm(forms.Form):
    started_on = forms.DateField(label="Start date", widget=forms.DateInput(attrs={"type": "date"}))
    weekly_hours = forms.IntegerField(
        label="Hours per week",
        min_value=1,
        max_value=80,
        help_text="Your pace sets the suggested dates and the end date.",
    )

    @classmethod
    def for_user(cls, user, current=None, data=None, *, path_hours: int | None = None):
        """Initial pace: the current one, else the path's own (so a 16-week path takes 16
        weeks), else the learner's weekly goal."""
        pace = current.weekly_hours if current else path_hours or user.weekly_hours_goal
        started_on = current.started_on if current else timezone.localdate()
        form = cls(data=data, initial={"started_on": started_on, "weekly_hours": pace})
        if path_hours:
            field = form.fields["weekly_hours"]
            field.help_text = (
                f"The path is written for about {path_hours} hours a week. {field.help_text}"
            )
        return form

    def preview_enrollment(self, path):
        """An unsaved Enrollment with the submitted (or initial) values, for the schedule preview."""
        values = self.cleaned_data if self.is_bound and self.is_valid() else self.initial
        return Enrollment(
            path=path, started_on=values["started_on"], weekly_hours=values["weekly_hours"]
        )


class ProgressTickForm(forms.Form):
    kind = forms.ChoiceField(
        choices=[("topic", "topic"), ("reading", "reading"), ("unit_item", "item")]
    )
    item_id = forms.IntegerField(min_value=1)
    done = forms.BooleanField(required=False)
