"""Turn an uploaded file into submission files, refusing anything unsafe with a clear message.

Accepted: one `.py` file (graded as the exercise's entry point), a `.zip` of several text
files, or a Jupyter notebook (`.ipynb`) whose code cells are joined into the entry point
with a `# %% [cell N]` marker line before each, so line numbers in tracebacks and checks
point back to a cell (`cell_for_line`). Markdown and raw cells are ignored.

Plain Python, no Django: the view passes bytes in and gets files (or `UploadRejected`) out.
Nothing here touches what the learner has already saved.
"""

from __future__ import annotations

import io
import json
import posixpath
import stat
import zipfile
from dataclasses import dataclass, field

from submissions.limits import (
    MAX_FILE_BYTES,
    MAX_FILES,
    MAX_NOTEBOOK_BYTES,
    MAX_TOTAL_BYTES,
    MAX_UPLOAD_BYTES,
    over_limit,
)

__all__ = [
    "MAX_FILE_BYTES",
    "MAX_FILES",
    "MAX_TOTAL_BYTES",
    "MAX_UPLOAD_BYTES",
    "parse_project_upload",
    "parse_upload",
]
TEXT_SUFFIXES = (".py", ".txt", ".md", ".json", ".csv", ".yaml", ".yml", ".toml", ".cfg")
IGNORED_IN_ZIP = ("__MACOSX/", ".DS_Store", "__pycache__/", ".ipynb_checkpoints/")


class UploadRejected(ValueError):
    """An upload we will not grade; the message is shown to the learner as is."""


@dataclass(frozen=True)
class Cell:
    number: int  # the cell's position among the notebook's cells, from 1, as Jupyter shows it
    first_line: int  # of its code in the entry point, from 1
    last_line: int


@dataclass
class ParsedUpload:
    files: dict[str, str]
    cells: list[Cell] = field(default_factory=list)
    kind: str = "py"


def parse_upload(
    filename: str, data: bytes, *, entrypoint: str = "solution.py", size: int | None = None
) -> ParsedUpload:
    """`size`: the file's real size when `data` holds only its first bytes (the message says it)."""
    name = (filename or "").strip()
    lower = name.lower()
    size = max(size or 0, len(data))
    if size > MAX_UPLOAD_BYTES:
        raise UploadRejected(_too_big(name or "The upload", size, MAX_UPLOAD_BYTES, "an upload"))
    if not data:
        raise UploadRejected(f"{name or 'The upload'} is empty.")
    if lower.endswith(".py"):
        return ParsedUpload(files={entrypoint: _text(name, data)})
    if lower.endswith(".zip"):
        return ParsedUpload(files=parse_zip(data, entrypoint=entrypoint), kind="zip")
    if lower.endswith(".ipynb"):
        text, cells = parse_notebook(data, name=name)
        return ParsedUpload(files={entrypoint: text}, cells=cells, kind="ipynb")
    raise UploadRejected(
        f"{name or 'This file'} is not a type we grade. Upload a .py file, a .zip of your files, or a .ipynb notebook."
    )


def _too_big(name: str, size: int, limit: int, what: str) -> str:
    shown, allowed = over_limit(size, limit)
    return f"{name} is {shown}; {what} may be at most {allowed}."


def _text(name: str, data: bytes) -> str:
    if len(data) > MAX_FILE_BYTES:
        raise UploadRejected(_too_big(name, len(data), MAX_FILE_BYTES, "a source file"))
    return _decoded(name, data)


def _decoded(name: str, data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UploadRejected(
            f"{name} is not UTF-8 text (byte {exc.start + 1} cannot be read). Save it as UTF-8 and upload again."
        ) from None


def _safe_member_name(info: zipfile.ZipInfo) -> str:
    raw = info.filename
    if (info.external_attr >> 16) and stat.S_ISLNK(info.external_attr >> 16):
        raise UploadRejected(f"The zip contains a symbolic link ({raw}); links are not accepted.")
    if raw.startswith(("/", "\\")) or (len(raw) > 1 and raw[1] == ":"):
        raise UploadRejected(
            f"The zip contains an absolute path ({raw}); use paths relative to your project."
        )
    parts = raw.replace("\\", "/").split("/")
    if ".." in parts:
        raise UploadRejected(f"The zip contains a path that climbs out of the folder ({raw}).")
    return posixpath.normpath("/".join(parts))


def parse_zip(data: bytes, *, entrypoint: str | None) -> dict[str, str]:
    """Several files; each entry checked before a byte of it is expanded. `entrypoint`: the
    file that must be at the top level (None for a project, which has no entry point)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, EOFError, ValueError):
        raise UploadRejected(
            "This .zip cannot be read: it is damaged or not a zip archive."
        ) from None
    files = _strip_common_folder(_expand_members(archive, _chosen_members(members)))
    if entrypoint is not None and entrypoint not in files:
        listed = ", ".join(sorted(files)[:5])
        raise UploadRejected(
            f"The zip has no {entrypoint} at its top level (found: {listed}); that is the file we grade."
        )
    return files


def _chosen_members(members: list[zipfile.ZipInfo]) -> list[tuple[str, zipfile.ZipInfo]]:
    """The source files to expand, by their declared headers: names, kinds, sizes, count."""
    chosen: list[tuple[str, zipfile.ZipInfo]] = []
    declared_total = 0
    for info in members:
        name = _safe_member_name(info)
        if info.is_dir() or any(marker in info.filename for marker in IGNORED_IN_ZIP):
            continue
        if info.flag_bits & 0x1:
            raise UploadRejected(f"{name} in the zip is encrypted; upload it without a password.")
        if not name.lower().endswith(TEXT_SUFFIXES) and name.rsplit("/", 1)[-1] != "Dockerfile":
            raise UploadRejected(
                f"{name} in the zip is not a source or text file; accepted: {', '.join(TEXT_SUFFIXES)}."
            )
        if info.file_size > MAX_FILE_BYTES:
            shown, allowed = over_limit(info.file_size, MAX_FILE_BYTES)
            raise UploadRejected(
                f"{name} in the zip expands to {shown}; a source file may be at most {allowed}."
            )
        declared_total += info.file_size
        chosen.append((name, info))
    if not chosen:
        raise UploadRejected("The zip has no source files in it.")
    if len(chosen) > MAX_FILES:
        raise UploadRejected(f"The zip has {len(chosen)} files; the limit is {MAX_FILES}.")
    if declared_total > MAX_TOTAL_BYTES:
        shown, allowed = over_limit(declared_total, MAX_TOTAL_BYTES)
        raise UploadRejected(
            f"The zip expands to {shown}; its files may add up to at most {allowed}."
        )
    return chosen


def _expand_members(
    archive: zipfile.ZipFile, chosen: list[tuple[str, zipfile.ZipInfo]]
) -> dict[str, str]:
    """Read the chosen entries as text, never more than the limits (whatever headers claim)."""
    files: dict[str, str] = {}
    actual_total = 0
    for name, info in chosen:
        try:
            with archive.open(info) as member:
                content = member.read(MAX_FILE_BYTES + 1)
        except (zipfile.BadZipFile, EOFError, OSError, NotImplementedError, RuntimeError):
            raise UploadRejected(
                f"{name} in the zip cannot be read: the archive is damaged."
            ) from None
        actual_total += len(content)
        # A forged header can declare a small size; what actually expands is what counts.
        if (
            len(content) > MAX_FILE_BYTES
            or len(content) > info.file_size
            or actual_total > MAX_TOTAL_BYTES
        ):
            raise UploadRejected(
                "The zip expands to more than it declares (a zip bomb?); it was refused."
            )
        if name in files:
            raise UploadRejected(f"The zip holds {name} twice.")
        files[name] = _text(name, content)
    return files


def _strip_common_folder(files: dict[str, str]) -> dict[str, str]:
    """`project/solution.py` → `solution.py` when every file sits in one top folder."""
    tops = {name.split("/", 1)[0] for name in files}
    if len(tops) == 1 and all("/" in name for name in files):
        return {name.split("/", 1)[1]: text for name, text in files.items()}
    return files


def parse_notebook(data: bytes, *, name: str = "notebook.ipynb") -> tuple[str, list[Cell]]:
    """The code cells as one Python file, each after a `# %% [cell N]` line."""
    import nbformat  # about 0.5 s to import: loaded by the first notebook upload, not at startup

    if len(data) > MAX_NOTEBOOK_BYTES:
        raise UploadRejected(_too_big(name, len(data), MAX_NOTEBOOK_BYTES, "a notebook"))
    text = _decoded(name, data)  # its outputs may pass a source file's size; its code may not
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as exc:
        raise UploadRejected(
            f"{name} is not a valid notebook: its JSON is broken at line {exc.lineno}, column {exc.colno} ({exc.msg})."
        ) from None
    if not isinstance(raw, dict) or "cells" not in raw:
        raise UploadRejected(f"{name} is JSON but not a Jupyter notebook (it has no cells).")
    try:
        notebook = nbformat.reads(text, as_version=4)
        nbformat.validate(notebook)
    except Exception as exc:  # nbformat raises several types for malformed notebooks
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise UploadRejected(f"{name} is not a valid notebook: {first[:200]}") from None
    lines: list[str] = []
    cells: list[Cell] = []
    for number, cell in enumerate(notebook.cells, start=1):
        if cell.cell_type != "code" or not cell.source.strip():
            continue
        lines.append(f"# %% [cell {number}]")
        first_line = len(lines) + 1
        for line in cell.source.splitlines():
            # IPython magics and shell escapes are not Python: keep them visible, inert.
            lines.append(f"# {line}" if line.lstrip().startswith(("%", "!")) else line)
        cells.append(Cell(number=number, first_line=first_line, last_line=len(lines)))
        lines.append("")
    if not cells:
        raise UploadRejected(f"{name} has no code cells to grade.")
    source = "\n".join(lines)
    if len(source.encode("utf-8")) > MAX_FILE_BYTES:
        shown, allowed = over_limit(len(source.encode("utf-8")), MAX_FILE_BYTES)
        raise UploadRejected(
            f"The code cells of {name} add up to {shown}; code may be at most {allowed}."
        )
    return source, cells


def cell_for_line(cells: list[Cell], line: int) -> Cell | None:
    """Which notebook cell a line of the joined file came from."""
    return next((cell for cell in cells if cell.first_line <= line <= cell.last_line), None)


def parse_project_upload(filename: str, data: bytes, *, size: int | None = None) -> ParsedUpload:
    """A project's upload: the exercise rules and limits, without an entry point. A single
    source or text file keeps its own name; a notebook's code cells become `<name>.py`."""
    name = posixpath.basename((filename or "").strip().replace("\\", "/"))
    lower = name.lower()
    size = max(size or 0, len(data))
    if size > MAX_UPLOAD_BYTES:
        raise UploadRejected(_too_big(name or "The upload", size, MAX_UPLOAD_BYTES, "an upload"))
    if not data:
        raise UploadRejected(f"{name or 'The upload'} is empty.")
    if lower.endswith(".zip"):
        return ParsedUpload(files=parse_zip(data, entrypoint=None), kind="zip")
    if lower.endswith(".ipynb"):
        text, cells = parse_notebook(data, name=name)
        return ParsedUpload(files={name[: -len(".ipynb")] + ".py": text}, cells=cells, kind="ipynb")
    if lower.endswith(TEXT_SUFFIXES):
        return ParsedUpload(files={name: _text(name, data)}, kind="text")
    raise UploadRejected(
        f"{name or 'This file'} is not a type we accept. Upload source or text files "
        f"({', '.join(TEXT_SUFFIXES)}), a .zip of them, or a .ipynb notebook."
    )
