from django import forms


class CodeSubmissionForm(forms.Form):
    code = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 22, "spellcheck": "false", "class": "code-input"}),
        strip=False,
        required=False,
        label="Your solution",
    )
