"""Forms of the mentor and staff pages."""

from django import forms
from django.contrib.auth import get_user_model

from accounts.models import Role
from curriculum.models import Exercise, Path
from mentoring.models import Cohort, CommentBankEntry, Review


class QueueFilterForm(forms.Form):
    path = forms.ModelChoiceField(
        Path.objects.live(), required=False, to_field_name="slug", empty_label="All paths"
    )
    exercise = forms.ModelChoiceField(
        Exercise.objects.filter(is_archived=False),
        required=False,
        to_field_name="slug",
        empty_label="All exercises",
    )
    cohort = forms.ModelChoiceField(
        Cohort.objects.none(), required=False, empty_label="All cohorts"
    )

    def __init__(self, *args, cohorts=None, **kwargs):
        super().__init__(*args, **kwargs)
        if cohorts is not None:
            field = self.fields["cohort"]
            assert isinstance(field, forms.ModelChoiceField)
            field.queryset = cohorts


class LineCommentForm(forms.Form):
    submission = forms.IntegerField(widget=forms.HiddenInput)
    file = forms.CharField(max_length=200, label="File")
    line = forms.IntegerField(min_value=1, label="Line")
    body = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}), required=False, label="Comment (Markdown)"
    )
    bank_entry = forms.ModelChoiceField(
        CommentBankEntry.objects.none(),
        required=False,
        label="Or reuse a saved comment",
        empty_label="—",
    )
    save_to_bank = forms.CharField(
        max_length=120, required=False, label="Save this comment to the bank as"
    )

    def __init__(self, *args, exercise=None, bank=True, **kwargs):
        """`bank=False` for a project: the comment bank is kept per exercise."""
        super().__init__(*args, **kwargs)
        if not bank:
            del self.fields["bank_entry"], self.fields["save_to_bank"]
        elif exercise is not None:
            field = self.fields["bank_entry"]
            assert isinstance(field, forms.ModelChoiceField)
            field.queryset = exercise.comment_bank.all()


class ReplyForm(forms.Form):
    body = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), label="Reply (Markdown)")


class VerdictForm(forms.Form):
    submission = forms.IntegerField(widget=forms.HiddenInput)
    verdict = forms.ChoiceField(
        choices=Review.Verdict.choices, widget=forms.RadioSelect, label="Verdict"
    )
    summary = forms.CharField(widget=forms.Textarea(attrs={"rows": 5}), label="Summary (Markdown)")
    unit_item = forms.TypedChoiceField(
        coerce=int, required=False, empty_value=None, label="Sign off this project milestone"
    )

    def __init__(self, *args, rubric=(), milestones=(), descriptions=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.rubric = list(rubric)
        for criterion, top in self.rubric:
            self.fields[f"rubric_{criterion}"] = forms.IntegerField(
                min_value=0,
                max_value=top,
                required=False,
                label=f"{criterion.capitalize()} (0–{top})",
                help_text=(descriptions or {}).get(criterion, ""),
            )
        unit_item = self.fields["unit_item"]
        assert isinstance(unit_item, forms.ChoiceField)
        unit_item.choices = [("", "—")] + [(m.pk, f"{m.unit} — {m.title}") for m in milestones]
        if not milestones:
            del self.fields["unit_item"]

    def rubric_scores(self) -> dict:
        return {
            c: self.cleaned_data[f"rubric_{c}"]
            for c, _ in self.rubric
            if self.cleaned_data.get(f"rubric_{c}") is not None
        }


class BankEntryForm(forms.ModelForm):
    class Meta:
        model = CommentBankEntry
        fields = ["title", "body_markdown"]
        labels = {"body_markdown": "Comment (Markdown)"}


class CohortForm(forms.ModelForm):
    class Meta:
        model = Cohort
        fields = ["name", "path", "starts_on", "mentors"]
        widgets = {
            "starts_on": forms.DateInput(attrs={"type": "date"}),
            "mentors": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        path, mentors = self.fields["path"], self.fields["mentors"]
        assert isinstance(path, forms.ModelChoiceField)
        assert isinstance(mentors, forms.ModelMultipleChoiceField)
        path.queryset = Path.objects.live()
        mentors.queryset = get_user_model().objects.filter(role__in=[Role.MENTOR, Role.ADMIN])


class InviteForm(forms.Form):
    emails = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
        label="Emails",
        help_text="One per line, or comma-separated. A CSV with an email column works too.",
    )
    csv_file = forms.FileField(required=False, label="Or upload a CSV file")

    def clean(self):
        data = super().clean()
        assert data is not None  # Form.clean() returns cleaned_data
        upload = data.get("csv_file")
        text = data.get("emails", "")
        if upload:
            if upload.size > 512 * 1024:
                raise forms.ValidationError("The CSV file may be at most 512 KB.")
            try:
                text += "\n" + upload.read().decode("utf-8-sig")
            except UnicodeDecodeError:
                raise forms.ValidationError("The CSV file is not UTF-8 text.") from None
        if not text.strip():
            raise forms.ValidationError("Paste some emails or choose a CSV file.")
        data["text"] = text
        return data


class ReviewRequestForm(forms.Form):
    question = forms.CharField(
        label="What should the mentor look at?",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        help_text="Say what you tried and where you are stuck.",
    )
