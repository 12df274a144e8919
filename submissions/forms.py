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


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input; cleaned to a list (empty when none was chosen)."""

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data if d]
        return [single(data, initial)] if data else []


class ProjectSubmissionForm(forms.Form):
    """A project attempt: typed text, uploaded files, a repository and commit, or a mix."""

    file_name = forms.CharField(
        label="File name", initial="README.md", max_length=200, required=False
    )
    text = forms.CharField(
        label="Write or paste a file",
        widget=forms.Textarea(attrs={"rows": 10, "spellcheck": "false", "class": "code-input"}),
        strip=False,
        required=False,
        help_text="A write-up, code or results; leave it empty when you upload or link your work.",
    )
    uploads = MultipleFileField(
        label="Upload files",
        required=False,
        help_text=(
            f"Source or text files, a .zip of them (up to {MAX_FILES} files) or a .ipynb "
            f"notebook; {size_text(MAX_UPLOAD_BYTES)} each at most."
        ),
        widget=MultipleFileInput(
            attrs={"accept": ".py,.md,.txt,.json,.csv,.yaml,.yml,.toml,.cfg,.zip,.ipynb"}
        ),
    )
    repository_url = forms.CharField(
        label="Repository URL",
        required=False,
        max_length=300,
        help_text="For example https://github.com/you/project. We never fetch it: the mentor opens it.",
        widget=forms.URLInput(attrs={"placeholder": "https://github.com/you/project"}),
    )
    commit = forms.CharField(
        label="Commit",
        required=False,
        max_length=60,
        help_text="The commit to review: 7 to 40 hexadecimal digits (git rev-parse HEAD).",
    )
    note = forms.CharField(
        label="Note for your mentor",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="What you did, what you would like feedback on.",
    )

    def clean_text(self) -> str:
        return normalize_newlines(self.cleaned_data["text"])
