from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST
from rest_framework.authtoken.models import Token

from . import services, throttle
from .forms import DeleteAccountForm, EmailOrUsernameAuthenticationForm, ProfileForm, SignUpForm


def refused(response, lockout: throttle.Lockout):
    """429 with Retry-After: the form page again, the lockout's message as its error."""
    response.status_code = 429
    response["Retry-After"] = str(lockout.retry_after)
    return response


class LoginView(auth_views.LoginView):
    """Django's login; while the throttle refuses (LoginThrottleBackend) it says why and how long."""

    template_name = "accounts/login.html"
    authentication_form = EmailOrUsernameAuthenticationForm

    def form_invalid(self, form):
        lockout = getattr(self.request, "login_lockout", None)
        if lockout is None:
            return super().form_invalid(form)
        form.errors.clear()
        form.add_error(None, lockout.message)
        return refused(super().form_invalid(form), lockout)


@require_http_methods(["GET", "POST"])
def signup(request):
    if request.user.is_authenticated:
        return redirect("learning:dashboard")
    form = SignUpForm(request.POST or None)
    lockout = throttle.signup_check(request) if request.method == "POST" else None
    if lockout is not None:
        form.is_valid()
        form.errors.clear()
        form.add_error(None, lockout.message)
        return refused(render(request, "accounts/signup.html", {"form": form}), lockout)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        throttle.signup_record(request)
        login(request, user, backend="accounts.session_user.CachedUserBackend")
        target = request.GET.get("next", "")
        safe = url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()})
        return redirect(target if safe and target else "curriculum:catalog")
    return render(request, "accounts/signup.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def profile(request):
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Profile saved.")
        return redirect("accounts:profile")
    token = Token.objects.filter(user=request.user).first()
    return render(request, "accounts/profile.html", {"form": form, "api_token": token})


@login_required
@require_POST
def api_token(request):
    services.api_token_regenerate(user=request.user)
    messages.success(request, "A new API token was created; the previous one no longer works.")
    return redirect("accounts:profile")


@login_required
@require_http_methods(["GET", "POST"])
def delete_account(request):
    form = DeleteAccountForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.user_delete(user=request.user)
        logout(request)
        messages.success(request, "Your account and all its data were deleted.")
        return redirect("curriculum:catalog")
    return render(request, "accounts/delete.html", {"form": form})
