"""Forms of the exercise page: the editor and the upload."""

from django import forms


class CodeSubmissionForm(forms.Form):
    code = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 22, "spellcheck": "false", "class": "code-input"}),
        strip=False,
        required=False,
        label="Your solution",
    )


class UploadForm(forms.Form):
    upload = forms.FileField(
        label="Upload a file",
        help_text="A .py file, a .zip of several files (up to 20), or a .ipynb notebook (code cells only); 2 MB at most.",
        widget=forms.ClearableFileInput(attrs={"accept": ".py,.zip,.ipynb"}),
    )
