"""An exercise's library bans, enforced in the learner process itself.

The judge also reads the learner's source for forbidden imports and calls, but source can hide
a name (`importlib.import_module("num" + "py")`, `__import__`, `exec` of a string, a submodule
path such as `torch.nn.modules.rnn.LSTMCell` for `torch.nn.LSTMCell`). Here the ban holds
however the name was spelled, because it acts on modules and objects, not on text:

* a banned module (and its submodules) cannot be imported, whichever way it was asked for:
  its `sys.modules` entry is None, which halts every import of it, while a library that only
  probes whether it is installed (`importlib.util.find_spec`, as torch does for sklearn) is
  told "no" instead of failing; an entry the learner deletes falls back to a finder that
  refuses it (one already imported is dropped first; the harness imports none);
* loading a banned package's files by path (`spec_from_file_location`, `open`) is refused by an
  audit hook, which also refuses `gc.get_objects` and friends, the way back to dropped modules;
* a banned callable (`numpy.linalg.lstsq`, `torch.nn.LSTMCell`, `torch._VF.lstm_cell`) is
  replaced, in its module and wherever the same object is exposed, by a tripwire that raises
  `ForbiddenByExercise` when called; a banned class trips when it (or a subclass) is built.
  Bare names (`GridSearchCV`) are left to the source check: only a dotted name says which object.

Any use during the learner's run counts, direct or through another library, so a ban must
name what the exercise asks the learner to write, not what an allowed library needs.
"""

from __future__ import annotations

import functools
import importlib.util
import os
import sys
from collections.abc import Iterable

TYPE_CHECKING = False  # typing costs every run 4 ms to import; mypy reads the name
if TYPE_CHECKING:
    from typing import Any

REFUSED_EVENTS = frozenset({"gc.get_objects", "gc.get_referrers", "gc.get_referents"})


class ForbiddenByExercise(Exception):
    """A banned library or call was used: the learner's outcome, with the name in the message."""


def _covers(banned: str, module: str) -> bool:
    return module == banned or module.startswith(banned + ".")


class Bans:
    """One exercise's bans; `install` puts them in force for the rest of the process.

    A meta path finder by protocol (`find_spec`), not by subclassing importlib.abc, whose
    import (importlib.resources with it) costs every run 10 ms."""

    def __init__(self, imports: Iterable[str] = (), calls: Iterable[str] = ()):
        self.imports = sorted({str(name) for name in imports if name})
        self.calls = sorted({str(name) for name in calls if name and "." in str(name)})
        self.folders: list[str] = []
        self._patched: dict[str, bool] = {}

    def __bool__(self) -> bool:
        return bool(self.imports or self.calls)

    def banned_module(self, name: str) -> str | None:
        return next((banned for banned in self.imports if _covers(banned, name)), None)

    def install(self) -> None:
        for name in [m for m in sys.modules if self.banned_module(m)]:
            del sys.modules[name]
        self.folders = [folder for name in self.imports for folder in _package_folders(name)]
        for name in self.imports:
            sys.modules[name] = None  # type: ignore[assignment]  # halts `import name`
        sys.meta_path.insert(0, self)
        if self.imports:
            sys.addaudithook(self._audit)
        self.patch_loaded()

    # -- imports --------------------------------------------------------------------------

    def find_spec(self, name, path=None, target=None):
        banned = self.banned_module(name)
        if banned is not None:
            raise ModuleNotFoundError(
                f"{name} is not available: this exercise forbids {banned}", name=name
            )
        if not any(_covers(name, call.rpartition(".")[0]) for call in self.calls):
            return None
        spec = self._spec_without_us(name, path, target)
        if spec is not None and spec.loader is not None:
            spec.loader = _PatchingLoader(spec.loader, self)
        return spec

    def _spec_without_us(self, name, path, target):
        for finder in sys.meta_path:
            if finder is self or not hasattr(finder, "find_spec"):
                continue
            spec = finder.find_spec(name, path, target)
            if spec is not None:
                return spec
        return None

    def _audit(self, event: str, args: tuple[Any, ...]) -> None:
        if event in REFUSED_EVENTS:
            raise ForbiddenByExercise(f"{event} is not available in this exercise")
        if event == "open" and args and isinstance(args[0], str | bytes):
            opened = os.path.realpath(os.fsdecode(args[0]))
            for folder in self.folders:
                if opened == folder or opened.startswith((folder + os.sep, folder + ".")):
                    raise ForbiddenByExercise(
                        f"{opened} belongs to a library this exercise forbids"
                    )

    # -- calls ----------------------------------------------------------------------------

    def patch_loaded(self) -> None:
        """Put a tripwire in place of every banned callable whose module is loaded by now."""
        for dotted in self.calls:
            if self._patched.get(dotted):
                continue
            found = _resolve(dotted)
            if found is None:
                continue
            owner, attribute, target = found
            self._patched[dotted] = True
            if isinstance(target, type):
                _trip_class(target, dotted)
                continue
            wire = _tripwire(target, dotted)
            _replace_everywhere(target, wire)
            try:
                setattr(owner, attribute, wire)
            except (AttributeError, TypeError):
                pass


class _PatchingLoader:
    """The real loader, then the bans patch what the new module exposes."""

    def __init__(self, loader, bans: Bans):
        self._loader = loader
        self._bans = bans

    def __getattr__(self, name):
        return getattr(self._loader, name)

    def create_module(self, spec):
        return self._loader.create_module(spec)

    def exec_module(self, module):
        self._loader.exec_module(module)
        self._bans.patch_loaded()


def _package_folders(name: str) -> list[str]:
    """Where a banned module's files are, found without importing anything: for a package its
    folder; for a submodule (`sklearn.naive_bayes`) only its own path under the top package,
    as a folder or a file stem (`naive_bayes.py`, its compiled `__pycache__` entries), so the
    rest of the library stays usable."""
    top, _, rest = name.partition(".")
    try:
        spec = importlib.util.find_spec(top)
    except (ImportError, ValueError):
        return []
    if spec is None:
        return []
    roots = list(spec.submodule_search_locations or [])
    if not roots:
        return [os.path.realpath(spec.origin)] if spec.origin and not rest else []
    if not rest:
        return [os.path.realpath(root) for root in roots]
    parts = rest.split(".")
    found = []
    for root in roots:
        base = os.path.realpath(os.path.join(root, *parts))
        cache = os.path.join(os.path.dirname(base), "__pycache__", os.path.basename(base))
        found += [base, cache]
    return found


def _resolve(dotted: str):
    """(owner, attribute, object) for a dotted name whose module is already loaded, else None."""
    parts = dotted.split(".")
    for cut in range(len(parts) - 1, 0, -1):
        module = sys.modules.get(".".join(parts[:cut]))
        if module is None:
            continue
        owner: Any = module
        for part in parts[cut:-1]:
            owner = getattr(owner, part, None)
            if owner is None:
                return None
        target = getattr(owner, parts[-1], None)
        return None if target is None else (owner, parts[-1], target)
    return None


def _tripwire(target, dotted: str):
    message = f"uses {dotted}, which this exercise forbids"

    def forbidden(*args, **kwargs):
        raise ForbiddenByExercise(message)

    try:
        functools.update_wrapper(forbidden, target)
    except (AttributeError, TypeError):
        pass
    return forbidden


def _trip_class(cls: type, dotted: str) -> None:
    message = f"uses {dotted}, which this exercise forbids"

    def __init__(self, *args, **kwargs):
        raise ForbiddenByExercise(message)

    cls.__init__ = __init__  # type: ignore[misc]  # every path to the class, subclasses too


def _replace_everywhere(target, wire) -> None:
    """The same object under other names (`torch.lstm_cell`, `torch._VF.lstm_cell`)."""
    for module in list(sys.modules.values()):
        namespace = getattr(module, "__dict__", None)
        if not isinstance(namespace, dict):
            continue
        for key, value in list(namespace.items()):
            if value is target:
                try:
                    setattr(module, key, wire)
                except (AttributeError, TypeError):
                    pass
