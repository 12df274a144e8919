"""Login and sign-up throttling (accounts/throttle.py): after too many failures the login page
says so and how long to wait (429, Retry-After), the password is not even checked, a success
clears the account's count, and sign-ups are limited per address per hour."""

import time

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from accounts import throttle

User = get_user_model()
PASSWORD = "a-long-unusual-pass-42"
ALICE = "pw-alice-12345"


@pytest.fixture(autouse=True)
def small_limits(settings):
    settings.LOGIN_FAILURES_PER_ACCOUNT = 3
    settings.LOGIN_FAILURES_PER_IP = 5
    settings.LOGIN_LOCKOUT_SECONDS = 600
    settings.SIGNUPS_PER_IP_PER_HOUR = 2


def log_in(client, username, password, **extra):
    return client.post(
        reverse("accounts:login"), {"username": username, "password": password}, **extra
    )


def test_the_defaults():
    import config.settings as production  # the module's values, before any test changed them

    assert production.LOGIN_FAILURES_PER_ACCOUNT == 5
    assert production.LOGIN_FAILURES_PER_IP == 20
    assert production.LOGIN_LOCKOUT_SECONDS == 15 * 60
    assert production.SIGNUPS_PER_IP_PER_HOUR == 20
    assert production.AUTHENTICATION_BACKENDS[0] == "accounts.backends.LoginThrottleBackend"


def test_after_n_failures_the_account_is_locked_with_a_clear_message(client, alice):
    for _ in range(3):
        response = log_in(client, "alice", "wrong")
        assert response.status_code == 200 and b"correct username" in response.content
    response = log_in(client, "alice", ALICE)  # the right password, too late
    assert response.status_code == 429
    assert 590 <= int(response["Retry-After"]) <= 600
    page = response.content.decode()
    assert "Too many failed logins to this account. Try again in 10 minutes" in page
    assert "reset your password" in page
    assert "_auth_user_id" not in client.session


def test_the_email_and_the_username_count_as_one_account(client, alice):
    log_in(client, "alice", "wrong")
    log_in(client, "ALICE@example.com", "wrong")
    log_in(client, "Alice", "wrong")
    assert log_in(client, "alice@example.com", ALICE).status_code == 429


def test_the_lock_is_per_account_not_for_everyone(client, alice, charlie):
    for _ in range(3):
        log_in(client, "alice", "wrong")
    response = log_in(client, "charlie", "pw-charlie-12345")
    assert response.status_code == 302


def test_a_success_resets_the_account_count(client, alice):
    log_in(client, "alice", "wrong")
    log_in(client, "alice", "wrong")
    assert log_in(client, "alice", ALICE).status_code == 302
    client.logout()
    log_in(client, "alice", "wrong")
    log_in(client, "alice", "wrong")
    assert log_in(client, "alice", ALICE).status_code == 302  # 2 + 2 failures, never 3 in a row


def test_refused_attempts_do_not_extend_the_lock(client, alice, settings):
    for _ in range(3):
        log_in(client, "alice", "wrong")
    first = int(log_in(client, "alice", "wrong")["Retry-After"])
    time.sleep(1.1)
    assert int(log_in(client, "alice", "wrong")["Retry-After"]) < first


def test_the_lock_ends_after_the_wait(client, alice, settings):
    settings.LOGIN_LOCKOUT_SECONDS = 1
    for _ in range(3):
        log_in(client, "alice", "wrong")
    assert log_in(client, "alice", ALICE).status_code == 429
    time.sleep(1.2)
    assert log_in(client, "alice", ALICE).status_code == 302


def test_one_address_guessing_many_accounts_is_locked(client, db):
    for n in range(5):
        assert log_in(client, f"nobody{n}", "guess").status_code == 200
    response = log_in(client, "someone-else", "guess")
    assert response.status_code == 429
    assert "Too many failed logins from your network" in response.content.decode()


def test_another_address_can_still_log_in(alice, charlie):
    attacker = Client(REMOTE_ADDR="203.0.113.9")
    for n in range(5):
        log_in(attacker, f"nobody{n}", "guess")
    assert log_in(attacker, "charlie", "pw-charlie-12345").status_code == 429
    assert (
        log_in(Client(REMOTE_ADDR="198.51.100.7"), "charlie", "pw-charlie-12345").status_code == 302
    )


def test_behind_a_proxy_the_forwarded_address_counts(settings, charlie):
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = Client(REMOTE_ADDR="10.0.0.2")
    for n in range(5):
        log_in(proxy, f"nobody{n}", "guess", HTTP_X_FORWARDED_FOR="203.0.113.9")
    locked = log_in(proxy, "charlie", "pw-charlie-12345", HTTP_X_FORWARDED_FOR="203.0.113.9")
    assert locked.status_code == 429
    other = log_in(proxy, "charlie", "pw-charlie-12345", HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert other.status_code == 302


def test_a_forged_forwarded_header_is_ignored_without_a_proxy(settings, db):
    settings.TRUSTED_PROXY_COUNT = 0
    client = Client(REMOTE_ADDR="203.0.113.9")
    for n in range(5):
        log_in(client, f"nobody{n}", "guess", HTTP_X_FORWARDED_FOR=f"192.0.2.{n}")
    assert log_in(client, "x", "y", HTTP_X_FORWARDED_FOR="192.0.2.99").status_code == 429


def test_the_admin_login_is_throttled_too(client, admin_user):
    for _ in range(3):
        client.post(reverse("admin:login"), {"username": "ada", "password": "wrong"})
    response = client.post(reverse("admin:login"), {"username": "ada", "password": "pw-ada-12345"})
    assert response.status_code == 200 and "_auth_user_id" not in client.session


def test_sign_ups_are_limited_per_address_per_hour(client, db):
    for n in range(2):
        response = client.post(
            reverse("accounts:signup"),
            {"email": f"new{n}@example.com", "password1": PASSWORD, "password2": PASSWORD},
        )
        assert response.status_code == 302
        client.logout()
    response = client.post(
        reverse("accounts:signup"),
        {"email": "new2@example.com", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert response.status_code == 429
    assert 3590 <= int(response["Retry-After"]) <= 3600
    assert "Too many accounts were created from your network" in response.content.decode()
    assert "Try again in 60 minutes" in response.content.decode()
    assert User.objects.count() == 2
    other = Client(REMOTE_ADDR="198.51.100.7").post(
        reverse("accounts:signup"),
        {"email": "new3@example.com", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert other.status_code == 302


def test_a_refused_sign_up_form_does_not_count(client, alice):
    for _ in range(3):
        client.post(
            reverse("accounts:signup"),
            {"email": "alice@example.com", "password1": PASSWORD, "password2": PASSWORD},
        )
    response = client.post(
        reverse("accounts:signup"),
        {"email": "dana@example.com", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert response.status_code == 302


def test_counts_are_not_kept_readable_in_the_cache(client, db, settings):
    from django.core.cache import cache

    # Local memory, whose keys can be listed (CI sets REDIS_URL, which makes the cache Redis).
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    log_in(client, "secret-name@example.com", "guess")
    keys = list(cache._cache.keys())
    assert keys and not any("secret-name" in key or "127.0.0.1" in key for key in keys)


def test_a_wait_reads_as_a_person_says_it():
    assert throttle._wait_text(1) == "1 second"
    assert throttle._wait_text(42) == "42 seconds"
    assert throttle._wait_text(600) == "10 minutes"
    assert throttle._wait_text(601) == "11 minutes"


def test_while_the_cache_is_away_logins_go_on_unthrottled(client, alice, settings, caplog):
    """Redis restarting must not turn the login page into a 500 (config/cache.py fails open)."""
    settings.CACHES = {
        "default": {
            "BACKEND": "config.cache.FailOpenRedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens there
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
    }
    for _ in range(4):
        assert log_in(client, "alice", "wrong").status_code == 200
    assert log_in(client, "alice", ALICE).status_code == 302
    assert "cache unreachable" in caplog.text
