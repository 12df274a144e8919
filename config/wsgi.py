import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
application = get_wsgi_application()

# Each web process (a gunicorn worker loads this after its fork) connects to the broker now,
# not on its first submission.
from submissions.grading_queue import producer_warm  # noqa: E402

producer_warm()
