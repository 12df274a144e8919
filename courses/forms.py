from django import forms


class CodeSubmissionForm(forms.Form):
    code = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 22, "spellcheck": "false", "class": "code-input"}),
        strip=False,
        required=False,
        label="Your solution",
    )


class EnrollmentForm(forms.Form):
    started_on = forms.DateField(label="Start date", widget=forms.DateInput(attrs={"type": "date"}))
    weekly_hours = forms.IntegerField(
        label="Hours per week",
        min_value=1,
        max_value=80,
        help_text="Your pace sets the suggested dates.",
    )

    @classmethod
    def for_user(cls, user, current=None, data=None):
        from django.utils import timezone

        initial = {
            "started_on": current.started_on if current else timezone.localdate(),
            "weekly_hours": current.weekly_hours if current else user.weekly_hours_goal,
        }
        return cls(data=data, initial=initial)

    def preview_enrollment(self, path):
        """An unsaved Enrollment with the submitted (or initial) values, for the schedule preview."""
        from courses.models import Enrollment

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


class UploadForm(forms.Form):
    upload = forms.FileField(
        label="Upload a file",
        help_text="A .py file, a .zip of several files (up to 20), or a .ipynb notebook (code cells only); 2 MB at most.",
        widget=forms.ClearableFileInput(attrs={"accept": ".py,.zip,.ipynb"}),
    )


class ReviewRequestForm(forms.Form):
    question = forms.CharField(
        label="What should the mentor look at?",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        help_text="Say what you tried and where you are stuck.",
    )
