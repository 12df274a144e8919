from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Accounts"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in, user_login_failed
        from django.db.models.signals import post_delete, post_save

        from accounts import signals
        from accounts.models import User
        from accounts.session_user import forget_saved_user

        user_login_failed.connect(signals.count_login_failure, dispatch_uid="login-throttle")
        user_logged_in.connect(signals.clear_login_failures, dispatch_uid="login-throttle")
        post_save.connect(forget_saved_user, sender=User, dispatch_uid="session-user")
        post_delete.connect(forget_saved_user, sender=User, dispatch_uid="session-user")
