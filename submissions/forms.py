"""Forms of the exercise page: the editor and the upload."""

from django import forms
from django.utils.text import normalize_newlines

from submissions.limits import MAX_FILES, MAX_UPLOAD_BYTES, size_text


class CodeSubmissionForm(forms.Form):
    code = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 22, "spellcheck": "false", "class": "code-input"}),
        strip=False,
        required=False,
        label="Your solution",
    )

    def clean_code(self) -> str:
        """A browser posts a textarea's line breaks as CRLF; the code is stored as typed, LF."""
        return normalize_newlines(self.cleaned_data["code"])


class UploadForm(forms.Form):
    upload = forms.FileField(
        label="Upload a file",
        help_text=(
            f"A .py file, a .zip of several files (up to {MAX_FILES}), or a .ipynb notebook "
            f"(code cells only); {size_text(MAX_UPLOAD_BYTES)} at most."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".py,.zip,.ipynb"}),
    )
