"""Each web process readies its broker connection at start, not on its first submission."""

import logging

from celery import current_app

from submissions import grading_queue


def test_after_the_warm_up_the_pooled_producer_is_connected():
    grading_queue.producer_warm().join(timeout=10)
    with current_app.producer_or_acquire() as producer:
        assert producer.connection.connected


def test_an_unreachable_broker_is_logged_and_left_to_the_first_enqueue(monkeypatch, caplog):
    def refuse(*args, **kwargs):
        raise ConnectionRefusedError("no broker")

    monkeypatch.setattr(current_app._get_current_object(), "producer_or_acquire", refuse)
    with caplog.at_level(logging.INFO, logger="submissions.grading_queue"):
        thread = grading_queue.producer_warm()
        thread.join(timeout=10)
    assert not thread.is_alive()
    assert "broker not reachable at start" in caplog.text
