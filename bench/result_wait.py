"""What a learner waits in the browser: Submit pressed → the result shown, in Chromium.

`bench/grading.py` polls the status every 20 ms to time the platform; a learner's page polls
at its own cadence (submissions.live.poll_interval_ms), and that wait is part of what they
see. This starts the same stack (gunicorn, Redis, a Celery worker, the warm pool on by
default), logs a learner in with Playwright on Debian's Chromium, and `-n` times: opens the
exercise, types the solution, waits `--think` seconds, presses Submit in the page and records
(in the page, with a MutationObserver on `performance.now()`) when the new attempt's passed
result is in the document. Beside it: the status polls the page sent, and the server's own
submit-to-stored time from the moments kept on each submission.

    .venv/bin/python bench/result_wait.py [-n 10] [--pool-size 2] [--think 3]

To compare two versions of the page, run it in a checkout of each (`git worktree add`), one
after the other. See bench/README.md, "What the learner sees".
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.grading import (  # noqa: E402
    DEFAULT_DB,
    SLUG,
    SOLUTION,
    USER_EMAIL,
    USER_PASSWORD,
    percentile,
    stack,
)

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
# Installs an observer for the new attempt's passed result, then presses Submit: both clocks
# are the page's own, so Playwright's own polling of the DOM does not enter the figure.
PRESS_AND_WATCH = """(old) => {
  window.__shown = null;
  const shown = () => document.querySelector(`#result .result[data-status=passed]:not(#${old})`);
  new MutationObserver((_, observer) => {
    if (shown()) { window.__shown = performance.now(); observer.disconnect(); }
  }).observe(document.body, {subtree: true, childList: true, attributes: true});
  const button = [...document.querySelectorAll("button")]
    .find((b) => b.textContent.includes("Submit for grading"));
  window.__pressed = performance.now();
  button.click();
}"""


def server_ms(database_url: str, pks: list[int]) -> float | None:
    """Median submit-to-stored of these submissions, from the moments the worker kept."""
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from submissions.models import Submission
    from submissions.phases import durations, moments

    values = [
        durations(moments(row)).get("submit to result")
        for row in Submission.objects.filter(pk__in=pks)
    ]
    values = [v for v in values if v is not None]
    return round(statistics.median(values), 1) if values else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", type=int, default=10)
    parser.add_argument("--pool-size", type=int, default=2)
    parser.add_argument("--think", type=float, default=3.0)
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_DB))
    parser.add_argument("--logs", default=str(ROOT / "var" / "bench-result-wait"))
    args = parser.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    from playwright.sync_api import sync_playwright

    logs = Path(args.logs)
    logs.mkdir(parents=True, exist_ok=True)
    waits: list[float] = []
    polls: list[int] = []
    pks: list[int] = []
    with stack(args.database_url, args.pool_size, logs) as base, sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        try:
            page = browser.new_page()
            sent: list[str] = []
            page.on("request", lambda r: sent.append(r.url) if "/status/" in r.url else None)
            page.goto(f"{base}/accounts/login/?next=/exercises/{SLUG}/")
            page.get_by_label("Username").fill(USER_EMAIL)
            page.get_by_label("Password").fill(USER_PASSWORD)
            page.get_by_role("button", name="Log in").click()
            page.wait_for_url(f"**/exercises/{SLUG}/")
            for index in range(1 + args.n):  # the first runs (and caches) the reference
                page.goto(f"{base}/exercises/{SLUG}/")
                page.get_by_label("Your solution").fill(SOLUTION)
                time.sleep(args.think)
                old = page.evaluate(
                    "(document.querySelector('#result .result') || {}).id || 'none'"
                )
                sent.clear()
                page.evaluate(PRESS_AND_WATCH, old)
                new = page.locator(f"#result .result[data-status=passed]:not(#{old})")
                new.wait_for(timeout=120_000)
                page.wait_for_function("window.__shown !== null")
                if index:
                    waits.append(page.evaluate("window.__shown - window.__pressed"))
                    polls.append(len(sent))
                    pks.append(int(new.get_attribute("id").removeprefix("submission-")))
        finally:
            browser.close()
    report = {
        "bench": "result_wait",
        "pool_size": args.pool_size,
        "shown_median_ms": round(statistics.median(waits)),
        "shown_p95_ms": round(percentile(waits, 95)),
        "polls_median": statistics.median(polls),
        "server_submit_to_result_median_ms": server_ms(args.database_url, pks),
    }
    print(
        f"\n{args.n} submissions of {SLUG} in Chromium, pool size {args.pool_size}, "
        f"think {args.think:g} s, {os.cpu_count()} CPUs\n"
    )
    print("| what | value |\n| --- | ---: |")
    for key, value in report.items():
        print(f"| {key} | {value} |")
    print(json.dumps(report))


if __name__ == "__main__":
    main()
