"""`backprop`: download an exercise, work locally, submit, read the checks (docs/cli.md).

Exit status: 0 passed (or the command did what it was asked), 1 the attempt did not pass
(failed, timed out), 2 our error or bad input (a wrong token, an unreachable server, a file
too large, an attempt rejected or ended in a platform error).
"""

from __future__ import annotations

import argparse
import getpass
import io
import json
import sys
import time
import webbrowser
import zipfile
from collections.abc import Callable
from pathlib import Path, PurePosixPath

from rich.console import Console

from backprop_cli import __version__, render
from backprop_cli.client import Api, CliError, Problem
from backprop_cli.config import Settings, load, save

PASSED, NOT_PASSED, OUR_ERROR = 0, 1, 2
VERDICT = {"passed": PASSED, "failed": NOT_PASSED, "timed_out": NOT_PASSED}
MARKER = ".backprop.json"  # what `download` leaves in the folder, for `submit`
UPLOADS = (".zip", ".ipynb")
FIRST_POLL_SECONDS = 0.1  # then 1.5 times longer each time, up to 3 s


class Context:
    def __init__(self, args: argparse.Namespace, out: Console, err: Console):
        self.args, self.out, self.err = args, out, err
        self._api: Api | None = None

    @property
    def api(self) -> Api:
        if self._api is None:
            settings = load()
            if settings is None:
                raise CliError("Not configured yet: run `backprop configure` first.")
            self._api = Api(settings)
        return self._api

    def emit(self, data) -> None:
        """`--json`: the API's own document on stdout, for scripts."""
        self.out.file.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")

    def absolute(self, path: str) -> str:
        return self.api.settings.url + path if path.startswith("/") else path


# --- commands ------------------------------------------------------------------------------


def configure(ctx: Context) -> int:
    current = load()
    url = ctx.args.url or (current.url if current else "") or _ask("Server URL", ctx)
    token = ctx.args.token or _ask_secret("API token (from your profile page)", ctx)
    settings = Settings(url.rstrip("/"), token.strip())
    api = Api(settings)
    try:
        me = api.get("/api/v1/me/")
    finally:
        api.close()
    path = save(settings)
    if ctx.args.json:
        ctx.emit({"url": settings.url, "username": me["username"], "config": str(path)})
    else:
        ctx.out.print(
            f"Signed in to {settings.url} as [bold]{me['username']}[/bold] ({me['role']})."
        )
        ctx.out.print(f"[dim]Saved to {path} (readable by you only).[/dim]")
    return PASSED


def _ask(label: str, ctx: Context) -> str:
    if not sys.stdin.isatty():
        raise CliError(f"{label} is missing: pass it as an option (see `backprop configure -h`).")
    return ctx.out.input(f"{label}: ").strip()


def _ask_secret(label: str, ctx: Context) -> str:
    if not sys.stdin.isatty():
        raise CliError("The token is missing: pass --token (see `backprop configure -h`).")
    return getpass.getpass(f"{label}: ")


def paths(ctx: Context) -> int:
    params = {k: v for k in ("level", "q") if (v := getattr(ctx.args, k))}
    rows = _all_pages(ctx.api, "/api/v1/paths/", params)
    if ctx.args.json:
        ctx.emit(rows)
    else:
        render.paths(ctx.out, rows)
    return PASSED


def _all_pages(api: Api, path: str, params: dict) -> list[dict]:
    rows: list[dict] = []
    page = api.get(path, params={**params, "page_size": 100})
    rows += page["results"]
    while page.get("next"):
        page = api.get(page["next"])
        rows += page["results"]
    return rows


def download(ctx: Context) -> int:
    slug = ctx.args.exercise
    exercise = ctx.api.get(f"/api/v1/exercises/{slug}/")
    folder = Path(ctx.args.dir or slug)
    archive = zipfile.ZipFile(
        io.BytesIO(
            ctx.api.request(
                "GET", exercise["starter_zip_url"], headers={"Accept": "application/zip"}
            ).content
        )
    )
    names = [n for n in archive.namelist() if not n.endswith("/")]
    for name in names:
        if not _inside(name):
            raise CliError(f"The starter zip holds an unsafe path ({name}); nothing was written.")
    clashes = [n for n in names if (folder / n).exists()]
    if clashes and not ctx.args.force:
        raise CliError(
            f"{folder} already has {', '.join(clashes)}; your work is kept. "
            "Pass --force to overwrite, or --dir for another folder."
        )
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(archive.read(name))
    marker = {
        "exercise": slug,
        "server": ctx.api.settings.url,
        "entrypoint": exercise["entrypoint"],
    }
    (folder / MARKER).write_text(json.dumps(marker, indent=2) + "\n", encoding="utf-8")
    if ctx.args.json:
        ctx.emit({"exercise": slug, "folder": str(folder), "files": sorted(names)})
    else:
        ctx.out.print(f"[bold]{exercise['title']}[/bold] → {folder}/")
        for name in sorted(names):
            ctx.out.print(f"  {name}")
        ctx.out.print(
            f"Edit {exercise['entrypoint']}, then run [bold]backprop submit[/bold] in {folder}/."
        )
    return PASSED


def _inside(name: str) -> bool:
    pure = PurePosixPath(name)
    return not pure.is_absolute() and ".." not in pure.parts


def submit(ctx: Context) -> int:
    files = [Path(f) for f in ctx.args.files]
    marker = _marker(files[0].parent if files else Path.cwd())
    slug = ctx.args.exercise or marker.get("exercise")
    if not slug:
        raise CliError(
            "Which exercise? Run this in a folder made by `backprop download`, or pass --exercise."
        )
    exercise = ctx.api.get(f"/api/v1/exercises/{slug}/")
    if not files:
        files = [(marker.get("_folder") or Path.cwd()) / exercise["entrypoint"]]
    attempt = ctx.api.post(exercise["submit_url"], **_body(files, exercise))
    if ctx.args.no_wait:
        ctx.emit(attempt) if ctx.args.json else ctx.out.print(
            f"Submitted attempt #{attempt['id']}."
        )
        return PASSED
    final = _wait(ctx, attempt["id"])
    return _report(ctx, final)


def _marker(folder: Path) -> dict:
    for place in (folder, *folder.resolve().parents):
        path = place / MARKER
        if path.is_file():
            try:
                return {**json.loads(path.read_text(encoding="utf-8")), "_folder": place}
            except ValueError:
                return {}
    return {}


def _body(files: list[Path], exercise: dict) -> dict:
    """One .zip or .ipynb goes up as a file; .py files as JSON `{files}` (their names kept)."""
    limits = exercise["submission_limits"]
    for path in files:
        if not path.is_file():
            raise CliError(f"{path} does not exist.")
    if len(files) == 1 and files[0].suffix.lower() in UPLOADS:
        path = files[0]
        size = path.stat().st_size
        if size > limits["max_upload_bytes"]:
            raise CliError(
                f"{path} is {_size(size)}; an upload may be at most "
                f"{_size(limits['max_upload_bytes'])}."
            )
        return {"files": {"file": (path.name, path.read_bytes())}}
    sources: dict[str, str] = {}
    for path in files:
        size = path.stat().st_size
        if size > limits["max_file_bytes"]:
            raise CliError(
                f"{path} is {_size(size)}; a source file may be at most "
                f"{_size(limits['max_file_bytes'])}."
            )
        try:
            sources[_name_for(path, files, exercise)] = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            raise CliError(f"{path} is not UTF-8 text; save it as UTF-8.") from None
    return {"json": {"files": sources}}


def _name_for(path: Path, files: list[Path], exercise: dict) -> str:
    """A lone file is the entry point, whatever it is called; several keep their names."""
    if len(files) == 1:
        return exercise["entrypoint"]
    marker = _marker(path.parent).get("_folder")
    base = Path(marker).resolve() if marker else Path.cwd().resolve()
    try:
        return path.resolve().relative_to(base).as_posix()
    except ValueError:
        return path.name


def _size(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB" if size >= 1024 * 1024 else f"{max(size // 1024, 1)} KB"


def _wait(ctx: Context, pk: int) -> dict:
    """Polls the status with If-None-Match (a 304 costs the server almost nothing): soon at
    first (a warm container's result is stored about 0.1 s after the submit), then less often,
    as the page does (submissions.live)."""
    deadline = time.monotonic() + ctx.args.timeout
    etag, delay, shown = "", FIRST_POLL_SECONDS, ""
    with ctx.err.status("Submitted…", spinner="dots") as spinner:
        while True:
            headers = {"If-None-Match": etag} if etag else {}
            response = ctx.api.request("GET", f"/api/v1/submissions/{pk}/status/", headers=headers)
            if response.status_code == 200:
                etag = response.headers.get("ETag", "")
                state = response.json()
                if state["is_terminal"]:
                    break
                if state["status"] != shown:
                    shown = state["status"]
                    spinner.update(f"Attempt #{pk}: {render.WAITING.get(shown, shown)}")
            if time.monotonic() > deadline:
                raise CliError(
                    f"Attempt #{pk} is still being graded after {ctx.args.timeout:g} s; "
                    f"see `backprop status {pk}` later."
                )
            time.sleep(delay)
            delay = min(delay * 1.5, 3.0)
    return ctx.api.get(f"/api/v1/submissions/{pk}/")


def _report(ctx: Context, attempt: dict) -> int:
    if ctx.args.json:
        ctx.emit(attempt)
    else:
        render.submission(ctx.out, {**attempt, "url": ctx.absolute(attempt.get("url", ""))})
    if not attempt["is_terminal"]:
        return PASSED
    return VERDICT.get(attempt["status"], OUR_ERROR)


def status(ctx: Context) -> int:
    return _report(ctx, ctx.api.get(f"/api/v1/submissions/{ctx.args.id}/"))


def open_(ctx: Context) -> int:
    attempt = ctx.api.get(f"/api/v1/submissions/{ctx.args.id}/")
    url = ctx.absolute(attempt["url"])
    if ctx.args.json:
        ctx.emit({"url": url})
        return PASSED
    if not webbrowser.open(url):
        ctx.out.print(url)
    return PASSED


def queue(ctx: Context) -> int:
    params = {k: v for k in ("path", "exercise", "cohort") if (v := getattr(ctx.args, k))}
    rows = _all_pages(ctx.api, "/api/v1/mentor/queue/", params)
    if ctx.args.json:
        ctx.emit(rows)
    elif rows:
        render.queue(ctx.out, rows)
    else:
        ctx.out.print("The review queue is empty.")
    return PASSED


def claim(ctx: Context) -> int:
    thread = ctx.api.post(f"/api/v1/reviews/{ctx.args.id}/claim/")
    if ctx.args.json:
        ctx.emit(thread)
        return PASSED
    expires = (thread.get("review") or {}).get("claim_expires_at") or "?"
    ctx.out.print(
        f"Claimed review #{thread['id']}: {thread['learner']}'s attempt #{thread['submission']} "
        f"at {thread['exercise']} (yours until {expires})."
    )
    ctx.out.print(f"Question: {thread['question']}")
    ctx.out.print(f"Thread: {ctx.absolute(thread['url'])}")
    return PASSED


# --- the command line ----------------------------------------------------------------------


def parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--json", action="store_true", help="print the API's JSON, for scripts")
    top = argparse.ArgumentParser(
        prog="backprop", description="Backprop from the terminal: download, submit, read checks."
    )
    top.add_argument("--version", action="version", version=f"backprop {__version__}")
    commands = top.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, run: Callable[[Context], int], text: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, parents=[common], help=text, description=text)
        sub.set_defaults(run=run)
        return sub

    sub = command("configure", configure, "store the server URL and your API token")
    sub.add_argument("--url", help="e.g. http://127.0.0.1:8000")
    sub.add_argument("--token", help="from your profile page (asked for when omitted)")
    sub = command("paths", paths, "list the learning paths")
    sub.add_argument("--level", choices=["beginner", "intermediate", "advanced", "expert"])
    sub.add_argument("-q", help="search paths, units, topics and resources")
    sub = command("download", download, "fetch an exercise's statement and starter files")
    sub.add_argument("exercise", help="the exercise's slug, e.g. matmul-from-scratch")
    sub.add_argument("--dir", help="the folder to write (default: the slug)")
    sub.add_argument("--force", action="store_true", help="overwrite files that exist")
    sub = command("submit", submit, "submit files and wait for the checks")
    sub.add_argument("files", nargs="*", help="default: the entry point (a .zip or .ipynb works)")
    sub.add_argument("--exercise", help="default: the one `download` set up here")
    sub.add_argument("--no-wait", action="store_true", help="do not wait for the grade")
    sub.add_argument("--timeout", type=float, default=600, help="seconds to wait (default 600)")
    sub = command("status", status, "show an attempt's status and checks")
    sub.add_argument("id", type=int)
    sub = command("open", open_, "open an attempt's result page in a browser")
    sub.add_argument("id", type=int)
    sub = command("queue", queue, "mentors: list the review queue")
    sub.add_argument("--path")
    sub.add_argument("--exercise")
    sub.add_argument("--cohort", type=int)
    sub = command("claim", claim, "mentors: claim a review request")
    sub.add_argument("id", type=int, help="the review request's id (from `backprop queue`)")
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    out, err = Console(), Console(stderr=True)
    ctx = Context(args, out, err)
    try:
        return args.run(ctx)
    except (CliError, Problem) as error:
        if args.json:
            body: dict[str, object] = {"error": str(error)}
            if isinstance(error, Problem):
                body["status"] = error.status
            ctx.emit(body)
        err.print(f"[bold red]Error:[/bold red] {error}", highlight=False)
        return OUR_ERROR
    except KeyboardInterrupt:
        err.print("Interrupted.")
        return OUR_ERROR
    finally:
        if ctx._api is not None:
            ctx._api.close()
