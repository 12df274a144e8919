from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Accounts"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in, user_login_failed

        from accounts import signals

        user_login_failed.connect(signals.count_login_failure, dispatch_uid="login-throttle")
        user_logged_in.connect(signals.clear_login_failures, dispatch_uid="login-throttle")
