"""Build the sandbox image, offline if need be, tagged by a hash of its inputs.

The tag is ``backprop-sandbox:<12 hex>`` over the Dockerfile, the harness files,
the pinned requirements and the base image name, so a worker can compute which
image to run from the source tree alone, and an unchanged recipe is never rebuilt.
The CUDA image (``kind="gpu"``, ``make sandbox-image-gpu``) is the same recipe with its
own Dockerfile and requirements (torch with its CUDA wheels), tagged
``backprop-sandbox-gpu:<12 hex>`` by the same rule; it is never built in CI.
The deep-learning image (``kind="dl"``, exercises with ``environment.image: dl``) is the
light CPU image plus transformers, sentence-transformers, peft, onnx, onnxruntime,
gymnasium, mlflow and the shipped all-MiniLM-L6-v2: ``backprop-sandbox-dl:<12 hex>``, hashed
over its own requirements and the light ones it includes; ``make sandbox-image`` and CI
build both CPU images.

Base selection (same rule for ``image_tag`` and ``build_image``):
``SANDBOX_BASE`` if set; else the offline base if ``SANDBOX_OFFLINE=1``; else
``python:3.11-slim`` if the engine has it (or, when building, can pull it);
else the offline base, a Debian bookworm made with debootstrap and imported.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import docker
import docker.errors

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
HARNESS = HERE.parent / "harness"
DOCKERFILE = HERE / "Dockerfile"
REQUIREMENTS = HERE / "requirements.txt"
DEFAULT_BASE = "python:3.11-slim"
OFFLINE_BASE = "backprop/debian-base:bookworm"
REPOSITORY = "backprop-sandbox"
DEBIAN_MIRROR = "http://deb.debian.org/debian"
BUILD_TIMEOUT_SECONDS = 3600


@dataclass(frozen=True)
class Recipe:
    """One image: its Dockerfile, its pinned wheels, its repository and default wheelhouse."""

    kind: str
    repository: str
    dockerfile: Path
    requirements: Path
    wheelhouse: str  # under var/, unless SANDBOX_WHEELHOUSE (cpu) / SANDBOX_GPU_WHEELHOUSE (gpu)
    wheelhouse_variable: str
    # requirement files that `requirements` includes with `-r`: hashed with it, and copied
    # beside it under their own names (the recipe's own file then keeps its name too)
    includes: tuple[Path, ...] = ()

    def requirement_files(self) -> tuple[Path, ...]:
        return (*self.includes, self.requirements)


RECIPES = {
    "cpu": Recipe("cpu", REPOSITORY, DOCKERFILE, REQUIREMENTS, "wheelhouse", "SANDBOX_WHEELHOUSE"),
    "gpu": Recipe(
        "gpu",
        "backprop-sandbox-gpu",
        HERE / "Dockerfile.gpu",
        HERE / "requirements-gpu.txt",
        "wheelhouse-gpu",
        "SANDBOX_GPU_WHEELHOUSE",
    ),
    "dl": Recipe(
        "dl",
        "backprop-sandbox-dl",
        HERE / "Dockerfile.dl",
        HERE / "requirements-dl.txt",
        "wheelhouse-dl",
        "SANDBOX_DL_WHEELHOUSE",
        includes=(REQUIREMENTS,),
    ),
}
CPU_KINDS = ("cpu", "dl")  # what `make sandbox-image` and CI build


def recipe(kind: str = "cpu") -> Recipe:
    if kind not in RECIPES:
        raise ValueError(f"no sandbox image of kind {kind!r}; kinds: {', '.join(RECIPES)}")
    return RECIPES[kind]


def say(message: str) -> None:
    print(f"[sandbox-image] {message}", flush=True)


def harness_files() -> list[Path]:
    return sorted(p for p in HARNESS.glob("*.py") if p.is_file())


def wheelhouse_dir(kind: str = "cpu") -> Path:
    chosen = recipe(kind)
    return Path(os.environ.get(chosen.wheelhouse_variable, REPO / "var" / chosen.wheelhouse))


def image_tag(
    base: str | None = None, client: docker.DockerClient | None = None, *, kind: str = "cpu"
) -> str:
    """The tag the current recipe builds to; the worker runs exactly this image."""
    chosen = recipe(kind)
    base = base or resolve_base(client)
    digest = hashlib.sha256()
    digest.update(b"base\0" + base.encode() + b"\0")
    for path in (chosen.dockerfile, *chosen.requirement_files(), *harness_files()):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return f"{chosen.repository}:{digest.hexdigest()[:12]}"


def resolve_base(client: docker.DockerClient | None = None) -> str:
    if os.environ.get("SANDBOX_BASE"):
        return os.environ["SANDBOX_BASE"]
    if os.environ.get("SANDBOX_OFFLINE") == "1":
        return OFFLINE_BASE
    client = client or docker.from_env()
    return DEFAULT_BASE if _has_image(client, DEFAULT_BASE) else OFFLINE_BASE


def _has_image(client: docker.DockerClient, name: str) -> bool:
    try:
        client.images.get(name)
    except docker.errors.ImageNotFound:
        return False
    return True


def _base_is_automatic() -> bool:
    return not os.environ.get("SANDBOX_BASE") and os.environ.get("SANDBOX_OFFLINE") != "1"


def build_image(client: docker.DockerClient | None = None, *, kind: str = "cpu") -> str:
    """Build the image (``kind``: cpu, dl or gpu) unless its tag already exists; returns the tag."""
    chosen = recipe(kind)
    client = client or docker.from_env(timeout=BUILD_TIMEOUT_SECONDS)
    base = resolve_base(client)
    tag = image_tag(base, kind=kind)
    if _has_image(client, tag):
        say(f"{tag} is up to date (base {base})")
        return tag
    if base == OFFLINE_BASE and _base_is_automatic() and _try_pull(client, DEFAULT_BASE):
        base, tag = DEFAULT_BASE, image_tag(DEFAULT_BASE, kind=kind)
        if _has_image(client, tag):
            return tag
    if base == OFFLINE_BASE:
        ensure_offline_base(client)
    elif not _has_image(client, base) and not _try_pull(client, base):
        raise RuntimeError(f"base image {base} is neither present nor pullable")
    wheelhouse = ensure_wheelhouse(kind)
    say(f"building {tag} from base {base}")
    with tempfile.TemporaryDirectory(prefix="backprop-image-") as context:
        _assemble_context(Path(context), wheelhouse, chosen)
        stream = client.api.build(
            path=context,
            tag=tag,
            buildargs={"BASE": base},
            rm=True,
            forcerm=True,
            pull=False,
            decode=True,
            labels={"backprop.recipe": tag, "backprop.base": base, "backprop.kind": kind},
        )
        for chunk in stream:
            if "stream" in chunk and chunk["stream"].strip():
                say(chunk["stream"].rstrip())
            if "error" in chunk:
                raise RuntimeError(f"image build failed: {chunk['error']}")
    if not _has_image(client, tag):
        raise RuntimeError(f"image build finished without producing {tag}")
    say(f"built {tag}")
    return tag


def _try_pull(client: docker.DockerClient, name: str) -> bool:
    say(f"trying to pull {name}")
    try:
        client.images.pull(name)
    except docker.errors.APIError as error:
        say(f"cannot pull {name}: {error.explanation or error}")
        return False
    return True


def ensure_offline_base(client: docker.DockerClient) -> None:
    """Debootstrap a minimal bookworm with python3 and import it, once."""
    if _has_image(client, OFFLINE_BASE):
        say(f"offline base {OFFLINE_BASE} present")
        return
    if shutil.which("debootstrap") is None:
        raise RuntimeError("offline base needs debootstrap (apt-get install debootstrap) and root")
    with tempfile.TemporaryDirectory(prefix="backprop-rootfs-", dir="/var/tmp") as root:
        mirror = os.environ.get("SANDBOX_DEBIAN_MIRROR", DEBIAN_MIRROR)
        say(f"debootstrap bookworm into {root} from {mirror} (a few minutes)")
        subprocess.run(
            [
                "debootstrap",
                "--variant=minbase",
                "--include=python3,python3-pip",
                "bookworm",
                root,
                mirror,
            ],
            check=True,
        )
        import_rootfs(Path(root))


def import_rootfs(root: Path) -> None:
    for junk in ("var/cache/apt/archives", "var/lib/apt/lists"):
        for entry in (root / junk).glob("*"):
            if entry.is_file():
                entry.unlink()
    say(f"importing {root} as {OFFLINE_BASE}")
    tar = subprocess.Popen(["tar", "-C", str(root), "-c", "."], stdout=subprocess.PIPE)
    imported = subprocess.run(
        ["docker", "import", "--change", 'CMD ["python3"]', "-", OFFLINE_BASE],
        stdin=tar.stdout,
        check=False,
    )
    if tar.stdout is not None:
        tar.stdout.close()
    if tar.wait() != 0 or imported.returncode != 0:
        raise RuntimeError(
            f"importing the offline base failed (tar {tar.returncode}, docker {imported.returncode})"
        )


def ensure_wheelhouse(kind: str = "cpu") -> Path:
    """Download the pinned wheels once; a wheelhouse made from the same requirements is reused.

    The GPU wheelhouse is about 2.9 GB (torch 2.14.1 and its CUDA 13 wheels), the dl one
    about 560 MB."""
    chosen = recipe(kind)
    wheelhouse = wheelhouse_dir(kind)
    marker = wheelhouse / "requirements.txt"
    wanted = b"".join(path.read_bytes() for path in chosen.requirement_files())
    if marker.exists() and marker.read_bytes() == wanted:
        say(f"reusing wheelhouse {wheelhouse}")
        return wheelhouse
    wheelhouse.mkdir(parents=True, exist_ok=True)
    pip = os.environ.get("SANDBOX_PIP", "python3 -m pip").split()
    say(f"downloading wheels into {wheelhouse}")
    subprocess.run(
        [
            *pip,
            "download",
            "--only-binary=:all:",
            "--dest",
            str(wheelhouse),
            "-r",
            str(chosen.requirements),
        ],
        check=True,
    )
    marker.write_bytes(wanted)
    return wheelhouse


def _assemble_context(context: Path, wheelhouse: Path, chosen: Recipe = RECIPES["cpu"]) -> None:
    """Only the Dockerfile, the harness and the wheels: a small, predictable context."""
    shutil.copy2(chosen.dockerfile, context / "Dockerfile")
    (context / "harness").mkdir()
    for path in harness_files():
        shutil.copy2(path, context / "harness" / path.name)
    (context / "wheelhouse").mkdir()
    for wheel in wheelhouse.glob("*.whl"):
        target = context / "wheelhouse" / wheel.name
        try:
            os.link(wheel, target)
        except OSError:
            shutil.copy2(wheel, target)
    if not chosen.includes:
        shutil.copy2(chosen.requirements, context / "wheelhouse" / "requirements.txt")
        return
    for path in chosen.requirement_files():
        shutil.copy2(path, context / "wheelhouse" / path.name)


if __name__ == "__main__":
    sys.exit("use: python -m sandbox.images tag|build")
