"""Figures the learner's code saved (PNG or SVG), read in the worker before anything judges them.

They came from learner code, so every step is bounded: the harness kept at most a few files
of at most ``max_bytes`` each; here a PNG is decoded only if it is a plain 8-bit image of at
most ``MAX_PIXELS`` pixels whose chunks check out (CRCs, one IHDR, the data inflating to
exactly the size the header promises), and an SVG is parsed only without a DOCTYPE (so no
entity can expand) and up to ``MAX_ELEMENTS`` elements. A figure that fails any of this is
the learner's outcome with the reason, never an exception.

What a check reads is *marks*: the points of the image drawn in a given colour, in the
image's own coordinates (x right, y down), so that a grader function can ask what a red
arrow points at whatever library drew it.
"""

from __future__ import annotations

import base64
import binascii
import re
import struct
import zlib
from dataclasses import dataclass, field
from typing import Any
from xml.etree import ElementTree

import numpy as np

from . import untrusted

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
MAX_PIXELS = 4_000_000
MAX_SIDE = 4000
MAX_ELEMENTS = 20_000
MAX_FILES = 8
MAX_BYTES = 1024 * 1024
NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}\.(png|svg)$")
TYPES = {"png": "image/png", "svg": "image/svg+xml"}
CHANNELS = {0: 1, 2: 3, 4: 2, 6: 4}  # PNG colour type → samples per pixel (no palettes)
MAX_SAMPLES_PER_SEGMENT = 400
MAX_VERTICES_DENSIFIED = 200  # a longer path (a scatter's outline) keeps its vertices only
MAX_POINTS = 2_000_000


class FigureError(ValueError):
    """The file is not an image we can read; the message says why, for the learner."""


@dataclass
class Figure:
    name: str
    kind: str  # png | svg
    width: float
    height: float
    pixels: np.ndarray | None = None  # PNG: height × width × 4, uint8 RGBA
    strokes: list[tuple[tuple[int, int, int], np.ndarray]] = field(default_factory=list)  # SVG

    def marks(self, colour: str, tolerance: float = 60.0) -> np.ndarray:
        """(x, y) points drawn in ``colour`` (#rrggbb) within ``tolerance`` in RGB space:
        opaque pixels of a PNG, points along the shapes of an SVG (y grows downwards)."""
        target = np.array(parse_colour(colour), dtype=float)
        if self.pixels is not None:
            rgb = self.pixels[..., :3].astype(float)
            near = np.linalg.norm(rgb - target, axis=-1) <= tolerance
            near &= self.pixels[..., 3] >= 128
            ys, xs = np.nonzero(near)
            return np.column_stack([xs, ys]).astype(float)
        found = [
            points
            for rgb, points in self.strokes
            if np.linalg.norm(np.array(rgb, dtype=float) - target) <= tolerance
        ]
        return np.concatenate(found) if found else np.zeros((0, 2))

    def is_blank(self) -> bool:
        """One colour over the whole PNG, or at most one colour among the SVG's shapes (a
        background rectangle and nothing on it)."""
        if self.pixels is not None:
            flat = self.pixels.reshape(-1, 4)
            return bool((flat == flat[0]).all())
        return len({rgb for rgb, _ in self.strokes}) < 2


def direction(points: np.ndarray) -> tuple[np.ndarray, float]:
    """The principal direction of a cloud of marks (unit, image coordinates) and its extent
    along that direction (the length of what was drawn)."""
    centred = points - points.mean(axis=0)
    _, vectors = np.linalg.eigh(centred.T @ centred)
    axis = vectors[:, -1]
    along = centred @ axis
    return axis, float(along.max() - along.min())


# --- Reading what the harness sent ---------------------------------------------------------------


def from_result(raw: Any) -> tuple[list[dict], list[dict]]:
    """(files, skipped) of a run's `figures`: names, types and base64 data checked and bounded."""
    if not isinstance(raw, dict):
        return [], []
    files: list[dict] = []
    for item in raw.get("files", []) if isinstance(raw.get("files"), list) else []:
        if len(files) >= MAX_FILES or not isinstance(item, dict):
            continue
        name, data = item.get("name"), item.get("data")
        match = NAME.match(name) if isinstance(name, str) else None
        if not match or not isinstance(data, str) or len(data) > MAX_BYTES * 4 // 3 + 4:
            continue
        try:
            raw_bytes = base64.b64decode(data, validate=True)
        except (binascii.Error, ValueError):
            continue
        kind = match.group(1)
        if kind == "png" and not raw_bytes.startswith(PNG_MAGIC):
            continue
        files.append({"name": name, "type": TYPES[kind], "bytes": len(raw_bytes), "data": data})
    listed = raw.get("skipped")
    skipped = [
        {"name": untrusted.text(s.get("name"), 80), "why": untrusted.text(s.get("why"), 200)}
        for s in (listed if isinstance(listed, list) else [])[:MAX_FILES]
        if isinstance(s, dict)
    ]
    return files, skipped


def read(entry: dict) -> Figure:
    """A collected file (from ``from_result``) as a Figure, or FigureError saying why not."""
    data = base64.b64decode(entry["data"])
    if entry["name"].endswith(".png"):
        return read_png(entry["name"], data)
    return read_svg(entry["name"], data)


# --- PNG -----------------------------------------------------------------------------------------


def read_png(name: str, data: bytes) -> Figure:
    if not data.startswith(PNG_MAGIC):
        raise FigureError("it is not a PNG file (its first bytes are wrong)")
    pos, header, idat, ended = len(PNG_MAGIC), None, [], False
    while pos + 12 <= len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind = data[pos + 4 : pos + 8]
        body = data[pos + 8 : pos + 8 + length]
        if len(body) != length or pos + 12 + length > len(data):
            raise FigureError("it is a truncated PNG file")
        (crc,) = struct.unpack(">I", data[pos + 8 + length : pos + 12 + length])
        if zlib.crc32(kind + body) != crc:
            raise FigureError(f"its PNG chunk {kind.decode('latin-1')!r} is corrupt (bad CRC)")
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat.append(body)
        elif kind == b"IEND":
            ended = True
            break
        pos += 12 + length
    if not ended:
        raise FigureError("it is a truncated PNG file (it has no end chunk)")
    if header is None or not idat:
        raise FigureError("it is a PNG file without an image header or image data")
    width, height, depth, colour, _, _, interlace = header
    if colour not in CHANNELS or depth != 8 or interlace:
        raise FigureError(
            "it is a PNG we do not read (only 8-bit grey, RGB or RGBA, not interlaced, "
            "as matplotlib's savefig writes)"
        )
    if not (0 < width <= MAX_SIDE and 0 < height <= MAX_SIDE and width * height <= MAX_PIXELS):
        raise FigureError(f"it is {width}×{height} pixels; at most {MAX_SIDE} a side are read")
    channels = CHANNELS[colour]
    stride = width * channels
    expected = height * (stride + 1)
    inflater = zlib.decompressobj()
    try:
        raw = inflater.decompress(b"".join(idat), expected + 1)
    except zlib.error as error:
        raise FigureError(f"its PNG image data does not inflate ({error})") from None
    if len(raw) != expected:
        raise FigureError("its PNG image data does not match the size in its header")
    pixels = _unfilter(raw, height, stride, channels).reshape(height, width, channels)
    return Figure(name, "png", float(width), float(height), pixels=_rgba(pixels, channels))


def _unfilter(raw: bytes, height: int, stride: int, bpp: int) -> np.ndarray:
    rows = np.frombuffer(raw, dtype=np.uint8).reshape(height, stride + 1)
    out = np.zeros((height, stride), dtype=np.uint8)
    previous = np.zeros(stride, dtype=np.int32)
    for y in range(height):
        kind, line = rows[y, 0], rows[y, 1:].astype(np.int32)
        if kind == 0:
            current = line
        elif kind == 2:
            current = (line + previous) & 0xFF
        elif kind in (1, 3, 4):
            current = _sequential(line, previous, bpp, kind)
        else:
            raise FigureError(f"its PNG row {y} has an unknown filter ({kind})")
        out[y] = current
        previous = current
    return out


def _sequential(line: np.ndarray, up: np.ndarray, bpp: int, kind: int) -> np.ndarray:
    """Sub, Average and Paeth depend on the pixel to the left: one pixel at a time, each
    pixel's channels at once."""
    current = line.copy()
    left = np.zeros(bpp, dtype=np.int32)
    upper_left = np.zeros(bpp, dtype=np.int32)
    for start in range(0, len(line), bpp):
        above = up[start : start + bpp]
        if kind == 1:
            value = line[start : start + bpp] + left
        elif kind == 3:
            value = line[start : start + bpp] + ((left + above) >> 1)
        else:
            p = left + above - upper_left
            pa, pb, pc = np.abs(p - left), np.abs(p - above), np.abs(p - upper_left)
            predictor = np.where(
                (pa <= pb) & (pa <= pc), left, np.where(pb <= pc, above, upper_left)
            )
            value = line[start : start + bpp] + predictor
        value &= 0xFF
        current[start : start + bpp] = value
        left, upper_left = value, above
    return current


def _rgba(pixels: np.ndarray, channels: int) -> np.ndarray:
    if channels == 4:
        return pixels
    height, width = pixels.shape[:2]
    alpha = np.full((height, width, 1), 255, dtype=np.uint8)
    if channels == 3:
        return np.concatenate([pixels, alpha], axis=2)
    grey = pixels[..., :1]
    alpha = pixels[..., 1:2] if channels == 2 else alpha
    return np.concatenate([grey, grey, grey, alpha], axis=2)


# --- SVG -----------------------------------------------------------------------------------------

NUMBER = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
PATH_TOKEN = re.compile(r"[MmLlHhVvCcSsQqTtAaZz]|[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
ARGS = {"M": 2, "L": 2, "H": 1, "V": 1, "C": 6, "S": 4, "Q": 4, "T": 2, "A": 7, "Z": 0}
NAMED = {
    "black": (0, 0, 0),
    "white": (255, 255, 255),
    "red": (255, 0, 0),
    "green": (0, 128, 0),
    "blue": (0, 0, 255),
    "grey": (128, 128, 128),
    "gray": (128, 128, 128),
}


def parse_colour(text: str) -> tuple[int, int, int] | None:
    text = text.strip().lower()
    if text in NAMED:
        return NAMED[text]
    if re.fullmatch(r"#[0-9a-f]{6}", text):
        return int(text[1:3], 16), int(text[3:5], 16), int(text[5:7], 16)
    if re.fullmatch(r"#[0-9a-f]{3}", text):
        return tuple(int(c * 2, 16) for c in text[1:])  # type: ignore[return-value]
    match = re.fullmatch(r"rgb\(\s*(\d+)\s*,\s*(\d+)\s*,\s*(\d+)\s*\)", text)
    if match:
        return tuple(min(255, int(v)) for v in match.groups())  # type: ignore[return-value]
    return None


def read_svg(name: str, data: bytes) -> Figure:
    lowered = data[:4096].lower()
    if b"<!doctype" in lowered or b"<!entity" in data.lower():
        raise FigureError("it is an SVG with a DOCTYPE or entities, which we do not read")
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError as error:
        raise FigureError(f"it is not well-formed SVG ({error})") from None
    if _local(root.tag) != "svg":
        raise FigureError("its root element is not <svg>")
    width, height = _size(root)
    figure = Figure(name, "svg", width, height)
    count = total = 0
    stack: list[tuple[ElementTree.Element, np.ndarray, dict]] = [(root, np.eye(3), {})]
    while stack:
        element, matrix, inherited = stack.pop()
        count += 1
        if count > MAX_ELEMENTS:
            raise FigureError(f"it has more than {MAX_ELEMENTS} elements")
        tag = _local(element.tag)
        if tag in ("defs", "clipPath", "mask", "style", "title", "metadata", "pattern"):
            continue
        matrix = matrix @ _transform(element.get("transform", ""))
        paint = {**inherited, **_paint(element)}
        for segment in _segments(tag, element):
            colour = paint.get("stroke") or paint.get("fill")
            if colour is None or len(segment) == 0:
                continue
            points = np.column_stack([segment, np.ones(len(segment))]) @ matrix.T
            dense = _densify(points[:, :2])
            total += len(dense)
            if total > MAX_POINTS:
                raise FigureError("it draws more shapes than we read")
            figure.strokes.append((colour, dense))
        stack.extend((child, matrix, paint) for child in reversed(list(element)))
    return figure


def _local(tag: Any) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _size(root: ElementTree.Element) -> tuple[float, float]:
    box = NUMBER.findall(root.get("viewBox", ""))
    if len(box) == 4:
        return float(box[2]), float(box[3])
    numbers = [NUMBER.findall(root.get(k, "0")) for k in ("width", "height")]
    return tuple(float(n[0]) if n else 0.0 for n in numbers)  # type: ignore[return-value]


def _paint(element: ElementTree.Element) -> dict:
    """Visible stroke and fill colours ('none' removes an inherited one)."""
    found: dict = {}
    values = {k: element.get(k) for k in ("stroke", "fill") if element.get(k) is not None}
    for part in element.get("style", "").split(";"):
        key, _, value = part.partition(":")
        if key.strip() in ("stroke", "fill"):
            values[key.strip()] = value
    for key, raw in values.items():
        value = str(raw).strip()
        found[key] = None if value == "none" else parse_colour(value)
    return found


def _transform(text: str) -> np.ndarray:
    matrix = np.eye(3)
    for name, args in re.findall(r"(matrix|translate|scale|rotate)\s*\(([^)]*)\)", text):
        v = [float(n) for n in NUMBER.findall(args)]
        step = np.eye(3)
        if name == "matrix" and len(v) == 6:
            step = np.array([[v[0], v[2], v[4]], [v[1], v[3], v[5]], [0, 0, 1]])
        elif name == "translate" and v:
            step[0, 2], step[1, 2] = v[0], (v[1] if len(v) > 1 else 0.0)
        elif name == "scale" and v:
            step[0, 0], step[1, 1] = v[0], (v[1] if len(v) > 1 else v[0])
        elif name == "rotate" and v:
            c, s = np.cos(np.radians(v[0])), np.sin(np.radians(v[0]))
            step[:2, :2] = [[c, -s], [s, c]]
        matrix = matrix @ step
    return matrix


def _floats(element: ElementTree.Element, *names: str) -> list[float]:
    out = []
    for name in names:
        found = NUMBER.findall(element.get(name, "0"))
        out.append(float(found[0]) if found else 0.0)
    return out


def _segments(tag: str, element: ElementTree.Element) -> list[np.ndarray]:
    """The vertices of each drawn piece of a shape (curves by their end points)."""
    if tag == "line":
        x1, y1, x2, y2 = _floats(element, "x1", "y1", "x2", "y2")
        return [np.array([[x1, y1], [x2, y2]])]
    if tag in ("polyline", "polygon"):
        numbers = [float(n) for n in NUMBER.findall(element.get("points", ""))]
        points = np.array(numbers[: len(numbers) // 2 * 2]).reshape(-1, 2)
        return [points] if len(points) else []
    if tag == "rect":
        x, y, w, h = _floats(element, "x", "y", "width", "height")
        return [np.array([[x, y], [x + w, y], [x + w, y + h], [x, y + h], [x, y]])]
    if tag in ("circle", "ellipse"):
        cx, cy, r, rx, ry = _floats(element, "cx", "cy", "r", "rx", "ry")
        rx, ry = (r, r) if tag == "circle" else (rx, ry)
        t = np.linspace(0, 2 * np.pi, 9)
        return [np.column_stack([cx + rx * np.cos(t), cy + ry * np.sin(t)])]
    if tag == "path":
        return _path(element.get("d", ""))
    return []


def _path(d: str) -> list[np.ndarray]:
    tokens = PATH_TOKEN.findall(d[:200_000])
    pieces: list[list[tuple[float, float]]] = []
    x = y = 0.0
    command = "M"
    index = 0
    current: list[tuple[float, float]] = []
    while index < len(tokens):
        if tokens[index].isalpha():
            command = tokens[index]
            index += 1
            if command in "Zz":
                if current:
                    current.append(current[0])
                continue
        upper = command.upper()
        count = ARGS[upper]
        values = tokens[index : index + count]
        if count == 0 or len(values) < count or any(v.isalpha() for v in values):
            index += max(1, len(values))
            continue
        numbers = [float(v) for v in values]
        index += count
        relative = command.islower()
        if upper == "H":
            x = numbers[0] + (x if relative else 0)
        elif upper == "V":
            y = numbers[0] + (y if relative else 0)
        else:
            nx, ny = numbers[-2], numbers[-1]
            x, y = (x + nx, y + ny) if relative else (nx, ny)
        if upper == "M":
            if current:
                pieces.append(current)
            current = [(x, y)]
            command = "l" if relative else "L"  # later pairs are line-tos
        else:
            current.append((x, y))
    if current:
        pieces.append(current)
    return [np.array(piece) for piece in pieces if piece]


def _densify(points: np.ndarray) -> np.ndarray:
    """Points along each segment, about one per unit of length (so a long line weighs more
    than an arrow's head), at most MAX_SAMPLES_PER_SEGMENT a segment."""
    if len(points) < 2 or len(points) > MAX_VERTICES_DENSIFIED:
        return points
    pieces = [points[:1]]
    for a, b in zip(points[:-1], points[1:], strict=True):
        length = float(np.hypot(*(b - a)))
        count = int(min(MAX_SAMPLES_PER_SEGMENT, max(2, length)))
        pieces.append(a + np.linspace(0, 1, count)[1:, None] * (b - a))
    return np.concatenate(pieces)


# --- The `figure` check --------------------------------------------------------------------------


def saved_as(path: Any) -> list[str]:
    """The file names a case's `path` may be saved under: itself, or with .svg for .png
    (and the other way), since the learner may draw with either."""
    if not isinstance(path, str):
        return []
    name = path.rsplit("/", 1)[-1]
    stem, dot, suffix = name.rpartition(".")
    if not dot or suffix not in TYPES:
        return [name]
    return [name, f"{stem}.{'svg' if suffix == 'png' else 'png'}"]


def case_problem(
    outcome: dict, kwargs: dict, args: list, files: list[dict], skipped: list[dict], shows
) -> str | None:
    """What the figure of one case fails to be (None when it shows what it must)."""
    path = str(kwargs.get("path"))
    names = saved_as(path)
    entry = next((f for n in names for f in files if f["name"] == n), None)
    if entry is None:
        gone = next((s for n in names for s in skipped if s["name"] == n), None)
        if gone is not None:
            return f"saved {gone['name']}, but it was not kept: {gone['why']}"
        saved = ", ".join(f["name"] for f in files) or "none"
        other = (
            f" (nor {path.rsplit('/', 1)[0]}/{names[1]})" if len(names) > 1 and "/" in path else ""
        )
        return f"saved no figure at {path}{other}; figures saved in figures/: {saved}"
    try:
        figure = read(entry)
    except FigureError as why:
        return f"saved {entry['name']}, but {why}"
    if figure.is_blank():
        return f"saved {entry['name']}, but it is blank: nothing is drawn on it"
    if shows is None:
        return None
    problem = shows(figure, *args, **kwargs)
    return f"saved {entry['name']}, but {problem}" if problem else None
