"""What the terminal shows: tables of paths and checks, an attempt's verdict. The texts are the
result page's: a check's message, then `Hint: ...` when it did not pass."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

MARKS = {"pass": ("✓", "green"), "fail": ("✗", "red"), "error": ("!", "magenta")}
STATUS_STYLE = {
    "passed": "bold green",
    "failed": "bold red",
    "error": "bold magenta",
    "timed_out": "bold yellow",
    "rejected": "bold yellow",
    "queued": "cyan",
    "running": "cyan",
}
WAITING = {
    "queued": "Waiting for a grading worker…",
    "running": "Running your code in the sandbox…",
}


def check_message(check: dict) -> str:
    parts = [check.get("message") or ""]
    if check.get("hint") and check.get("status") != "pass":
        parts.append(f"Hint: {check['hint']}")
    return "\n".join(part for part in parts if part)


def _number(value) -> str:
    if value is None:
        return "—"
    return f"{value:.2f}".rstrip("0").rstrip(".") if isinstance(value, float) else str(value)


def submission(console: Console, attempt: dict) -> None:
    status = attempt["status"]
    head = Text.assemble(
        (f"Attempt #{attempt['id']}", "bold"),
        f" at {attempt['exercise']}: ",
        (status.replace("_", " "), STATUS_STYLE.get(status, "")),
    )
    if attempt.get("score") is not None:
        head.append(f" · score {attempt['score']:.2f} of 1.00")
    console.print(head)
    if attempt.get("message"):
        console.print(attempt["message"])
    result = attempt.get("result") or {}
    checks = result.get("checks") or []
    if checks:
        table = Table(title="Checks", title_justify="left", show_lines=False, expand=False)
        table.add_column("", width=1)
        table.add_column("check")
        table.add_column("score", justify="right")
        table.add_column("message", overflow="fold")
        for check in checks:
            mark, style = MARKS.get(check.get("status", ""), ("–", "dim"))
            table.add_row(
                Text(mark, style=style),
                Text(str(check.get("name", "")), style=style),
                f"{_number(check.get('score'))} / {_number(check.get('max_score'))}",
                check_message(check),
            )
        console.print(table)
    metrics = result.get("metrics") or {}
    if metrics:
        table = Table(title="Metrics", title_justify="left")
        for column in ("check", "metric", "yours", "full marks", "reference"):
            table.add_column(column, justify="left" if column in ("check", "metric") else "right")
        for check_id, metric in metrics.items():
            sign = "≥" if metric.get("higher_is_better") else "≤"
            table.add_row(
                check_id,
                str(metric.get("name", "")),
                _number(metric.get("value")),
                f"{sign} {_number(metric.get('threshold'))}",
                _number(metric.get("reference")),
                style="green" if metric.get("credit") == 1 else "red",
            )
        console.print(table)
    resources = result.get("resources") or {}
    if resources.get("wall_seconds") is not None:
        console.print(
            f"[dim]Ran in {resources['wall_seconds']:.2f} s · exit: "
            f"{result.get('exit_reason', '?')}[/dim]"
        )
    if attempt.get("url"):
        console.print(f"[dim]Result page: {attempt['url']}[/dim]")


def paths(console: Console, rows: list[dict]) -> None:
    table = Table(title="Learning paths", title_justify="left")
    for column in ("slug", "title", "level", "duration"):
        table.add_column(column)
    for row in rows:
        table.add_row(row["slug"], row["title"], row["level"], row["duration"])
    console.print(table)


def queue(console: Console, rows: list[dict]) -> None:
    table = Table(title="Review queue (oldest first)", title_justify="left")
    for column in ("id", "learner", "exercise", "attempt", "waiting", "question"):
        table.add_column(column, overflow="fold")
    for row in rows:
        minutes = int(row.get("waiting_seconds", 0) // 60)
        waited = f"{minutes // 60} h {minutes % 60} min" if minutes >= 60 else f"{minutes} min"
        table.add_row(
            str(row["id"]),
            row["learner"],
            row["exercise"],
            f"#{row['submission']}",
            waited,
            row["question"],
        )
    console.print(table)
