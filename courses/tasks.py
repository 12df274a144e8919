"""Celery tasks of the courses app (discovered by config/celery.py)."""

from celery import shared_task


@shared_task(name="courses.tasks.check_exercise", acks_late=True)
def check_exercise(check_id: int) -> None:
    from .exercise_checks import exercise_check_run

    exercise_check_run(check_id)
