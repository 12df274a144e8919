"""Playwright fixtures on Debian's Chromium, shared by every browser test.

Browser tests skip, with the reason printed, only when /usr/bin/chromium is missing and
REQUIRE_BROWSER is unset; with REQUIRE_BROWSER set a missing browser is a failure.
"""

import os
import shutil

import pytest

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

# Playwright's sync API runs an event loop in this thread; Django's ORM refuses that otherwise.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser():
    """A headless Chromium for the whole session."""
    if not (os.path.exists(CHROMIUM) or shutil.which(CHROMIUM)):
        if os.environ.get("REQUIRE_BROWSER"):
            pytest.fail(f"REQUIRE_BROWSER is set but there is no Chromium at {CHROMIUM}")
        pytest.skip(
            f"no Chromium at {CHROMIUM} (apt-get install chromium); set REQUIRE_BROWSER=1 to fail instead"
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    """A fresh page in its own context (cookies and storage do not leak between tests).

    It bypasses the Content-Security-Policy, which refuses Playwright's own helpers
    (`add_script_tag`, a string `wait_for_function`); tests/browser/test_csp.py checks the
    policy in contexts that keep it."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True)
    context.set_default_timeout(10_000)
    yield context.new_page()
    context.close()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """Before the database is flushed: stop every page (htmx polls, autosave) and wait until
    the live server has finished what it was answering. A request still in a transaction
    while the flush truncates the tables is a deadlock that PostgreSQL breaks by failing the
    flush, and the next test then finds the last one's rows."""
    browser = item.funcargs.get("browser") if hasattr(item, "funcargs") else None
    if browser is not None:
        for context in browser.contexts:
            for open_page in context.pages:
                try:
                    open_page.goto("about:blank")
                except Exception:  # a page already closed, or a browser gone
                    pass
        try:
            _wait_for_quiet_database()
        except Exception:  # a test without database access: nothing to flush
            pass
    yield


def _wait_for_quiet_database(seconds: float = 10.0) -> None:
    import time

    from django.db import connection

    if connection.vendor != "postgresql":
        return  # SQLite: the server's writes are serialised anyway
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                " AND pid <> pg_backend_pid() AND state IN ('active', 'idle in transaction')"
            )
            if cursor.fetchone()[0] == 0:
                return
        time.sleep(0.05)
