from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = "Notifications"

    def ready(self) -> None:
        from accounts.state import user_state_follows
        from notifications.models import Notification

        # The unread count is in every page's header.
        user_state_follows(Notification, lambda row: [row.user_id])
