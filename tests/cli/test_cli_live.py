"""`backprop` as a new user runs it: configure, download, edit, submit, read the checks."""

import html
import json
import stat

from django.test import Client
from django.urls import reverse

from mentoring.models import Review
from submissions.models import Submission
from tests.cli.conftest import FAILING_RESULT
from tests.factories import request_review

EDITED = "def matmul(A, B):\n    return A\n"


def test_a_new_learner_downloads_edits_submits_and_reads_the_pages_checks(
    live_server, cli, alice, alice_token, matmul, grader
):
    configured = cli("configure", "--url", live_server.url, "--token", alice_token)
    assert configured.returncode == 0, configured.stderr
    assert "as alice" in configured.stdout
    config = cli.cwd.parent / "config" / "backprop" / "config.json"
    assert stat.S_IMODE(config.stat().st_mode) == 0o600
    assert json.loads(config.read_text()) == {"url": live_server.url, "token": alice_token}

    downloaded = cli("download", "matmul-from-scratch")
    assert downloaded.returncode == 0, downloaded.stderr
    folder = cli.cwd / "matmul-from-scratch"
    assert (folder / "solution.py").read_text() == matmul.starter_files["solution.py"]
    assert matmul.title in (folder / "README.md").read_text()

    (folder / "solution.py").write_text(EDITED)
    submitted = cli("submit", cwd=folder)
    assert submitted.returncode == 1, submitted.stdout + submitted.stderr  # 1: did not pass
    attempt = Submission.objects.get()
    assert attempt.files == {"solution.py": EDITED}
    out = submitted.stdout
    assert f"Attempt #{attempt.pk} at matmul-from-scratch: failed" in out
    assert "score 0.40 of 1.00" in out

    client = Client()
    client.force_login(alice)
    page = html.unescape(
        client.get(reverse("submissions:submission", args=[attempt.pk])).content.decode()
    )
    for check in FAILING_RESULT["checks"]:
        assert check["name"] in out and check["name"] in page
        if check["message"]:
            assert check["message"] in out and check["message"] in page
        if check["hint"] and check["status"] != "pass":
            assert f"Hint: {check['hint']}" in out
            assert check["hint"] in page
    assert "Compare len(A[0])" not in out and "Compare len(A[0])" not in page  # passed: no hint

    status = cli("status", str(attempt.pk), "--json")
    assert status.returncode == 1 and json.loads(status.stdout)["status"] == "failed"
    opened = cli("open", str(attempt.pk), "--json")
    assert json.loads(opened.stdout) == {"url": f"{live_server.url}/submissions/{attempt.pk}/"}


def test_a_passing_attempt_exits_0_and_json_is_the_api_document(
    live_server, cli, alice_token, matmul, grader
):
    grader["status"] = "passed"
    grader["result"] = {
        **FAILING_RESULT,
        "status": "pass",
        "score": 1.0,
        "checks": [{**c, "status": "pass", "message": ""} for c in FAILING_RESULT["checks"]],
    }
    cli("configure", "--url", live_server.url, "--token", alice_token)
    cli("download", "matmul-from-scratch")
    folder = cli.cwd / "matmul-from-scratch"
    result = cli("submit", "solution.py", "--json", cwd=folder)
    assert result.returncode == 0, result.stderr
    body = json.loads(result.stdout)
    assert body["status"] == "passed" and body["result"]["score"] == 1.0


def test_a_wrong_token_says_where_to_get_one(live_server, cli, alice, matmul):
    result = cli("configure", "--url", live_server.url, "--token", "not-a-token")
    assert result.returncode == 2
    assert "refused the token" in result.stderr and "/accounts/profile/#api" in result.stderr
    assert not (cli.cwd.parent / "config" / "backprop" / "config.json").exists()


def test_an_unreachable_server_is_named(cli, db):
    result = cli("configure", "--url", "http://127.0.0.1:9", "--token", "x")
    assert result.returncode == 2 and "Cannot reach http://127.0.0.1:9" in result.stderr


def test_a_file_too_large_is_refused_before_it_is_sent(
    live_server, cli, alice_token, matmul, grader
):
    cli("configure", "--url", live_server.url, "--token", alice_token)
    cli("download", "matmul-from-scratch")
    folder = cli.cwd / "matmul-from-scratch"
    (folder / "solution.py").write_text("x = 1\n" * 60_000)
    result = cli("submit", cwd=folder)
    assert result.returncode == 2
    assert "a source file may be at most 256 KB" in result.stderr
    assert not Submission.objects.exists()


def test_download_keeps_existing_work_unless_forced(live_server, cli, alice_token, matmul):
    cli("configure", "--url", live_server.url, "--token", alice_token)
    assert cli("download", "matmul-from-scratch").returncode == 0
    (cli.cwd / "matmul-from-scratch" / "solution.py").write_text(EDITED)
    again = cli("download", "matmul-from-scratch")
    assert again.returncode == 2 and "your work is kept" in again.stderr
    assert (cli.cwd / "matmul-from-scratch" / "solution.py").read_text() == EDITED
    assert cli("download", "matmul-from-scratch", "--force").returncode == 0
    missing = cli("download", "no-such-exercise")
    assert missing.returncode == 2 and "Not found" in missing.stderr


def test_paths_lists_the_catalog(live_server, cli, alice_token, matmul):
    from tests.factories import make_path

    make_path(matmul)
    cli("configure", "--url", live_server.url, "--token", alice_token)
    table = cli("paths")
    assert table.returncode == 0 and "two-weeks" in table.stdout
    rows = json.loads(cli("paths", "--json").stdout)
    assert [row["slug"] for row in rows] == ["two-weeks"]


def test_a_mentor_lists_the_queue_and_claims(live_server, cli, alice, bob, matmul):
    from accounts.services import api_token_regenerate

    rr = request_review(alice, matmul, question="Why is my shape check failing?")
    cli("configure", "--url", live_server.url, "--token", api_token_regenerate(user=bob))
    listed = cli("queue")
    assert listed.returncode == 0 and "Why is my shape check failing?" in listed.stdout
    assert [row["id"] for row in json.loads(cli("queue", "--json").stdout)] == [rr.pk]
    claimed = cli("claim", str(rr.pk))
    assert claimed.returncode == 0 and f"Claimed review #{rr.pk}" in claimed.stdout
    assert Review.objects.get(request=rr).mentor == bob
    assert "The review queue is empty." in cli("queue").stdout


def test_a_learner_cannot_use_the_mentor_commands(live_server, cli, alice_token, db):
    cli("configure", "--url", live_server.url, "--token", alice_token)
    result = cli("queue")
    assert result.returncode == 2 and "Mentors only." in result.stderr
