"""Gradebook: learner × exercise best score and status, for a cohort or a path, and as CSV."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from django.db.models import Count, Max, Q

from curriculum.models import Exercise, Path, UnitExercise
from mentoring.models import Review
from submissions.models import Status, Submission


@dataclass
class Cell:
    best: float | None
    attempts: int
    passed: bool
    approved: bool = False

    @property
    def status(self) -> str:
        if self.passed:
            return "passed"
        if self.attempts:
            return "attempted"
        return "not started"


@dataclass
class Gradebook:
    exercises: list[Exercise]
    learners: list
    cells: dict[tuple[int, int], Cell]

    def row(self, learner) -> list[Cell]:
        return [self.cells.get((learner.pk, e.pk), Cell(None, 0, False)) for e in self.exercises]

    def rows(self):
        return [(learner, self.row(learner)) for learner in self.learners]


def path_exercises(path: Path) -> list[Exercise]:
    """The autograded exercises of a path's live units, in unit order, each once."""
    items = (
        UnitExercise.objects.live()
        .filter(
            unit__path=path,
            unit__is_archived=False,
            exercise__isnull=False,
            exercise__is_archived=False,
        )
        .select_related("exercise")
        .order_by("unit__number", "position", "id")
    )
    seen, exercises = set(), []
    for item in items:
        if item.exercise_id not in seen:
            seen.add(item.exercise_id)
            exercises.append(item.exercise)
    return exercises


def gradebook(path: Path, learners) -> Gradebook:
    """Two queries whatever the size: one aggregate over submissions, one for approvals."""
    exercises = path_exercises(path)
    learners = list(learners)
    rows = (
        Submission.objects.filter(user__in=learners, exercise__in=exercises)
        .values("user_id", "exercise_id")
        .annotate(
            best=Max("score"),
            attempts=Count("id"),
            passes=Count("id", filter=Q(status=Status.PASSED)),
        )
    )
    cells = {
        (r["user_id"], r["exercise_id"]): Cell(r["best"], r["attempts"], r["passes"] > 0)
        for r in rows
    }
    approved = Review.objects.filter(
        verdict=Review.Verdict.APPROVED,
        request__learner__in=learners,
        request__submission__exercise__in=exercises,
    ).values_list("request__learner_id", "request__submission__exercise_id")
    for key in approved:
        if key in cells:
            cells[key].approved = True
    return Gradebook(exercises, learners, cells)


CELL_COLUMNS = ("best", "status", "attempts", "approved")


def gradebook_csv(book: Gradebook) -> str:
    """The page's table as CSV: per exercise the same best, status, attempts and approval."""
    out = io.StringIO()
    writer = csv.writer(out)
    header = ["username", "name", "email"]
    for exercise in book.exercises:
        header += [f"{exercise.slug} {column}" for column in CELL_COLUMNS]
    writer.writerow(header)
    for learner, cells in book.rows():
        row = [learner.username, getattr(learner, "shown_name", learner.username), learner.email]
        for cell in cells:
            row += [
                "" if cell.best is None else f"{cell.best:.2f}",
                cell.status,
                str(cell.attempts),
                "yes" if cell.approved else "no",
            ]
        writer.writerow(row)
    return out.getvalue()


@dataclass
class ExerciseReport:
    exercise: Exercise
    attempts: list[Submission]
    reviews: list[Review]

    @property
    def best(self) -> float | None:
        scores = [s.score for s in self.attempts if s.score is not None]
        return max(scores) if scores else None

    @property
    def passed(self) -> bool:
        return any(s.status == Status.PASSED for s in self.attempts)


def learner_report(learner, path: Path | None = None) -> list[ExerciseReport]:
    """Every exercise the learner tried (or, with a path, every exercise of the path)."""
    attempts = (
        Submission.objects.filter(user=learner, exercise__isnull=False)
        .select_related("exercise")
        .order_by("created_at")
    )
    reviews = Review.objects.filter(request__learner=learner).select_related(
        "request__submission", "mentor"
    )
    exercises = path_exercises(path) if path else []
    by_exercise: dict[int, ExerciseReport] = {e.pk: ExerciseReport(e, [], []) for e in exercises}
    for attempt in attempts:
        if attempt.exercise is None or (path and attempt.exercise_id not in by_exercise):
            continue
        by_exercise.setdefault(
            attempt.exercise.pk, ExerciseReport(attempt.exercise, [], [])
        ).attempts.append(attempt)
    for review in reviews:
        report = by_exercise.get(review.request.submission.exercise_id or 0)
        if report:
            report.reviews.append(review)
    return list(by_exercise.values())
