"""The learner's notifications and marking them read."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from notifications.models import Notification
from notifications.services import notifications_mark_read


@login_required
@require_GET
def notification_list(request):
    items = list(Notification.objects.filter(user=request.user)[:50])
    return render(request, "notifications/list.html", {"items": items})


@login_required
@require_POST
def notifications_read(request):
    """Mark one (`id`) or all as read; opening a notification's link marks it read too."""
    raw = request.POST.get("id", "")
    notifications_mark_read(user=request.user, notification_id=int(raw) if raw.isdigit() else None)
    target = request.POST.get("go", "")
    if target.startswith("/") and not target.startswith("//"):
        return redirect(target)
    return redirect("notifications:list")
