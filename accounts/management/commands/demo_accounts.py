"""Create (or reset) one demo account per role and print their logins."""

from django.core.management.base import BaseCommand

from accounts.models import Role, User

DEMO = [
    ("learner", "learner@backprop.local", "learn-backprop", Role.LEARNER, "Lee Learner"),
    ("mentor", "mentor@backprop.local", "mentor-backprop", Role.MENTOR, "Maya Mentor"),
    ("admin", "admin@backprop.local", "admin-backprop", Role.ADMIN, "Ada Admin"),
]


class Command(BaseCommand):
    help = "Create the demo learner, mentor and admin accounts (passwords reset each run)."

    def handle(self, *args, **options):
        self.stdout.write("Demo logins:")
        for username, email, password, role, name in DEMO:
            user, _ = User.objects.get_or_create(username=username, defaults={"email": email})
            user.email, user.role, user.display_name = email, role, name
            user.is_superuser = role == Role.ADMIN
            user.set_password(password)
            user.save()
            self.stdout.write(f"  {role.label:<8} {username:<8} / {password}")
