"""The invite page shows each pending invite's link as an absolute URL, ready to paste."""

import pytest
from django.urls import reverse
from django.utils import timezone

from mentoring.models import Cohort, CohortInvite
from tests.factories import make_path

pytestmark = pytest.mark.django_db


def test_a_pending_invite_link_is_absolute(client, admin_user, matmul, settings):
    settings.ALLOWED_HOSTS = ["learn.example.org"]
    cohort = Cohort.objects.create(
        name="Spring", path=make_path(matmul), starts_on=timezone.localdate()
    )
    invite = CohortInvite.objects.create(cohort=cohort, email="new@example.com")
    client.force_login(admin_user)
    html = client.get(
        reverse("mentoring:cohort-invite", args=[cohort.pk]), HTTP_HOST="learn.example.org"
    ).content.decode()
    join = reverse("mentoring:cohort-join", args=[invite.token])
    assert (
        f'<code class="small" data-testid="invite-link">http://learn.example.org{join}</code>'
        in html
    )
