import zoneinfo

from django import forms
from django.contrib.auth.forms import AuthenticationForm, UserCreationForm
from django.utils.text import slugify

from .models import User


class SignUpForm(UserCreationForm):
    """Email and password; the username (shown in URLs and logs) is derived from the email."""

    email = forms.EmailField(
        required=True, help_text="You log in with it; password resets go there."
    )

    class Meta:
        model = User
        fields = ("email",)

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(
                "An account with this email already exists. Log in instead."
            )
        return email

    def _post_clean(self):
        # The similarity validator compares the password with the username: set it first.
        if email := self.cleaned_data.get("email"):
            self.instance.username = unique_username(email)
        super()._post_clean()  # type: ignore[misc]  # a Django hook the stubs leave out


def unique_username(email: str) -> str:
    base = (slugify(email.split("@")[0]) or "learner")[:140]
    candidate, n = base, 1
    while User.objects.filter(username__iexact=candidate).exists():
        n += 1
        candidate = f"{base}-{n}"
    return candidate


class EmailOrUsernameAuthenticationForm(AuthenticationForm):
    """Log in with the email you signed up with, or with a username (demo accounts)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = "Username or email"

    def clean(self):
        login = (self.cleaned_data.get("username") or "").strip()
        if "@" in login:
            user = User.objects.filter(email__iexact=login).only("username").first()
            if user:
                self.cleaned_data["username"] = user.username
        return super().clean()


TIME_ZONES = sorted(zoneinfo.available_timezones() - {"localtime", "Factory"})


class ProfileForm(forms.ModelForm):
    time_zone = forms.ChoiceField(
        choices=[(z, z) for z in TIME_ZONES], help_text="Streaks count days in this zone."
    )

    class Meta:
        model = User
        fields = ("display_name", "time_zone", "weekly_hours_goal", "email_notifications")
        labels = {
            "weekly_hours_goal": "Weekly hours goal",
            "email_notifications": "Email me notifications too",
        }
        help_texts = {
            "display_name": "Shown to mentors and in the header; your username if empty.",
            "weekly_hours_goal": "The default pace when you enroll in a path.",
        }
        widgets = {"weekly_hours_goal": forms.NumberInput(attrs={"min": 1, "max": 80})}

    def clean_weekly_hours_goal(self):
        hours = self.cleaned_data["weekly_hours_goal"]
        if not 1 <= hours <= 80:
            raise forms.ValidationError("Choose between 1 and 80 hours a week.")
        return hours


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label="Your password",
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    confirm = forms.BooleanField(
        label="I understand that my account, progress, drafts and submissions are deleted for good."
    )

    def __init__(self, user, *args, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError("That is not your password.")
        return password
