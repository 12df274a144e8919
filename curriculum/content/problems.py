"""What is wrong with a content file, precisely enough to fix it without guessing."""

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Problem:
    file: Path
    message: str
    line: int | None = None
    field: str = ""

    def __str__(self) -> str:
        where = f"{self.file}" + (f":{self.line}" if self.line else "")
        field = f" [{self.field}]" if self.field else ""
        return f"{where}{field}: {self.message}"


class ContentInvalid(Exception):
    """Raised with every problem found, so an author fixes them all in one pass."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))
