"""The learner's notifications, and marking them read (one, or all)."""

from __future__ import annotations

from typing import cast

from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import generics, serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.models import User
from api.query import query_params
from notifications.models import Notification
from notifications.selectors import unread_count
from notifications.services import notifications_mark_read

TAG = ["notifications"]


class NotificationOut(serializers.ModelSerializer):
    url = serializers.CharField(source="get_absolute_url")

    class Meta:
        model = Notification
        fields = ["id", "kind", "text", "url", "read_at", "created_at"]


class NotificationFilters(serializers.Serializer):
    unread = serializers.BooleanField(required=False, help_text="Only unread ones.")


@extend_schema(tags=TAG)
class NotificationListApi(generics.ListAPIView):
    serializer_class = NotificationOut
    query_serializer = NotificationFilters

    @extend_schema(
        summary="List your notifications, newest first", parameters=[NotificationFilters]
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        data = query_params(NotificationFilters, self.request)
        user = cast(User, self.request.user)  # IsAuthenticated let only users in
        notes = Notification.objects.filter(user=user)
        if data.get("unread"):
            notes = notes.filter(read_at__isnull=True)
        return notes.order_by("-created_at", "-pk")


class MarkReadIn(serializers.Serializer):
    id = serializers.IntegerField(
        required=False, min_value=1, help_text="One notification; without it, all of them."
    )


@extend_schema(tags=TAG)
class NotificationReadApi(APIView):
    @extend_schema(
        summary="Mark one notification, or all, as read",
        request=MarkReadIn,
        responses={
            200: inline_serializer(
                "MarkedRead",
                {"marked": serializers.IntegerField(), "unread": serializers.IntegerField()},
            )
        },
    )
    def post(self, request):
        payload = MarkReadIn(data=request.data)
        payload.is_valid(raise_exception=True)
        marked = notifications_mark_read(
            user=request.user, notification_id=payload.validated_data.get("id")
        )
        return Response({"marked": marked, "unread": unread_count(request.user)})
