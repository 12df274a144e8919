"""The `figure` check: PNG and SVG read defensively, marks found by colour, and the
covariance-eigenvectors figure judged by what it shows."""

from __future__ import annotations

import base64
import importlib.util
import struct
import zlib
from pathlib import Path

import numpy as np
import pytest
from django.template.loader import render_to_string

from worker.judge import figures
from worker.judge.figures import FigureError

PACKAGE = Path(__file__).resolve().parents[2] / "content/exercises/covariance-eigenvectors"
RED, GREEN = (214, 39, 40), (44, 160, 44)


def _grader():
    spec = importlib.util.spec_from_file_location("cov_grader", PACKAGE / "grader.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _png(pixels: np.ndarray, filter_type: int = 4, colour_type: int = 6) -> bytes:
    """A PNG written by hand with one filter on every row (Paeth by default, as libpng picks)."""
    height, width, channels = pixels.shape
    bpp = channels
    raw = bytearray()
    previous = np.zeros(width * bpp, dtype=np.int32)
    for row in pixels.reshape(height, width * bpp).astype(np.int32):
        left = np.concatenate([np.zeros(bpp, dtype=np.int32), row[:-bpp]])
        upper_left = np.concatenate([np.zeros(bpp, dtype=np.int32), previous[:-bpp]])
        if filter_type == 0:
            encoded = row
        elif filter_type == 1:
            encoded = row - left
        elif filter_type == 2:
            encoded = row - previous
        elif filter_type == 3:
            encoded = row - ((left + previous) >> 1)
        else:
            p = left + previous - upper_left
            pa, pb, pc = abs(p - left), abs(p - previous), abs(p - upper_left)
            predictor = np.where(
                (pa <= pb) & (pa <= pc), left, np.where(pb <= pc, previous, upper_left)
            )
            encoded = row - predictor
        raw.append(filter_type)
        raw.extend((encoded & 0xFF).astype(np.uint8).tobytes())
        previous = row

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
        )

    header = struct.pack(">IIBBBBB", width, height, 8, colour_type, 0, 0, 0)
    return (
        figures.PNG_MAGIC
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(bytes(raw)))
        + chunk(b"IEND", b"")
    )


def _draw(canvas, start, end, colour, width=3):
    for t in np.linspace(0, 1, 400):
        x, y = (1 - t) * np.array(start) + t * np.array(end)
        canvas[
            int(y) - width // 2 : int(y) + width // 2 + 1,
            int(x) - width // 2 : int(x) + width // 2 + 1,
            :3,
        ] = colour


def _axes_png(X, *, rotate_degrees: float = 0.0) -> bytes:
    """The data's axes drawn the way matplotlib would: equal aspect, y upwards."""
    centred = X - X.mean(axis=0)
    values, vectors = np.linalg.eigh(centred.T @ centred / (len(X) - 1))
    angle = np.radians(rotate_degrees)
    turn = np.array([[np.cos(angle), -np.sin(angle)], [np.sin(angle), np.cos(angle)]])
    canvas = np.full((300, 300, 4), 255, dtype=np.uint8)
    scale = 100 / np.sqrt(values[1])
    for index, colour in ((1, RED), (0, GREEN)):
        tip = turn @ vectors[:, index] * np.sqrt(values[index]) * scale
        _draw(canvas, (150, 150), (150 + tip[0], 150 - tip[1]), colour)
    return _png(canvas)


def _wine():
    return np.load(PACKAGE / "data/wine_phenols.npy")


@pytest.mark.parametrize("filter_type", [0, 1, 2, 3, 4])
def test_png_rows_unfilter_to_the_pixels_written(filter_type):
    pixels = np.random.default_rng(filter_type).integers(0, 256, size=(7, 5, 4), dtype=np.uint8)
    figure = figures.read_png("x.png", _png(pixels, filter_type))
    assert np.array_equal(figure.pixels, pixels)


def test_rgb_png_is_read_as_opaque_rgba():
    pixels = np.random.default_rng(0).integers(0, 256, size=(4, 6, 3), dtype=np.uint8)
    figure = figures.read_png("x.png", _png(pixels, 2, colour_type=2))
    assert np.array_equal(figure.pixels[..., :3], pixels) and (figure.pixels[..., 3] == 255).all()


def test_a_png_with_the_principal_axes_passes_and_a_rotated_one_fails():
    shows = _grader().principal_axes
    X = _wine()
    right = figures.read_png("axes.png", _axes_png(X))
    assert shows(right, X) is None
    turned = figures.read_png("axes.png", _axes_png(X, rotate_degrees=25))
    assert "principal axis is at" in shows(turned, X)


def test_a_blank_png_is_blank_and_an_unrelated_picture_lacks_the_colours():
    blank = figures.read_png("b.png", _png(np.full((20, 20, 4), 255, dtype=np.uint8)))
    assert blank.is_blank()
    noise = np.random.default_rng(1).integers(0, 100, size=(50, 50, 4), dtype=np.uint8)
    noise[..., 3] = 255
    unrelated = figures.read_png("n.png", _png(noise))
    assert not unrelated.is_blank()
    assert "nothing in it is drawn in #d62728" in _grader().principal_axes(unrelated, _wine())


@pytest.mark.parametrize(
    "mangle, why",
    [
        (lambda d: d[:20] + b"\xff" + d[21:], "corrupt"),
        (lambda d: d[:40], "truncated"),
        (lambda d: b"GIF89a" + d[6:], "not a PNG"),
    ],
)
def test_broken_pngs_are_refused_with_the_reason(mangle, why):
    data = _png(np.zeros((3, 3, 4), dtype=np.uint8))
    with pytest.raises(FigureError, match=why):
        figures.read_png("x.png", mangle(data))


def test_a_png_that_claims_to_be_huge_is_refused_before_it_is_inflated():
    def chunk(kind, body):
        return (
            struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
        )

    header = struct.pack(">IIBBBBB", 100_000, 100_000, 8, 6, 0, 0, 0)
    bomb = (
        figures.PNG_MAGIC
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\0" * 10**6))
        + chunk(b"IEND", b"")
    )
    with pytest.raises(FigureError, match="pixels"):
        figures.read_png("bomb.png", bomb)


def test_palette_and_interlaced_pngs_are_refused():
    for colour_type in (3,):
        data = _png(np.zeros((2, 2, 1), dtype=np.uint8), 0, colour_type=colour_type)
        with pytest.raises(FigureError, match="8-bit"):
            figures.read_png("p.png", data)


MATPLOTLIB_LIKE_SVG = """<?xml version="1.0" encoding="utf-8" standalone="no"?>
<svg xmlns="http://www.w3.org/2000/svg" width="460.8pt" height="345.6pt" viewBox="0 0 460.8 345.6">
 <g id="figure_1"><g id="patch_1"><path d="M 0 345.6 L 460.8 345.6 L 460.8 0 L 0 0 z" style="fill: #ffffff"/></g>
  <g transform="translate(10 5)">
   <path d="M 200 200 L {rx} {ry}" clip-path="url(#p1)" style="fill: none; stroke: #d62728; stroke-width: 2"/>
   <path d="M 200 200 l {gx} {gy}" style="fill:none;stroke:#2ca02c"/>
  </g>
 </g>
</svg>"""


def test_svg_paths_with_styles_and_transforms_are_read():
    X = _wine()
    centred = X - X.mean(axis=0)
    values, vectors = np.linalg.eigh(centred.T @ centred / (len(X) - 1))
    red = vectors[:, 1] * np.sqrt(values[1]) * 150
    green = vectors[:, 0] * np.sqrt(values[0]) * 150
    text = MATPLOTLIB_LIKE_SVG.format(rx=200 + red[0], ry=200 - red[1], gx=green[0], gy=-green[1])
    figure = figures.read_svg("axes.svg", text.encode())
    xs = figure.marks("#d62728")[:, 0]  # translated by 10
    assert sorted([xs.min(), xs.max()]) == pytest.approx(sorted([210, 210 + red[0]]))
    assert _grader().principal_axes(figure, X) is None


@pytest.mark.parametrize(
    "text, why",
    [
        (b'<!DOCTYPE svg [<!ENTITY a "aaaa">]><svg>&a;</svg>', "DOCTYPE"),
        (b"<svg><line", "well-formed"),
        (b"<html></html>", "not <svg>"),
    ],
)
def test_unsafe_or_broken_svgs_are_refused(text, why):
    with pytest.raises(FigureError, match=why):
        figures.read_svg("x.svg", text)


def test_only_well_formed_entries_come_out_of_a_result():
    good = base64.b64encode(b"<svg xmlns='http://www.w3.org/2000/svg'/>").decode()
    raw = {
        "files": [
            {"name": "ok.svg", "data": good},
            {"name": "../escape.svg", "data": good},
            {"name": "bad.svg", "data": "not base64!"},
            {"name": "fake.png", "data": good},
            "junk",
        ],
        "skipped": [{"name": "big.png", "why": "too large"}, 7],
    }
    files, skipped = figures.from_result(raw)
    assert [f["name"] for f in files] == ["ok.svg"]
    assert skipped == [{"name": "big.png", "why": "too large"}]
    assert figures.from_result("nonsense") == ([], [])


def test_a_case_without_its_figure_says_where_it_looked():
    problem = figures.case_problem({"status": "ok"}, {"path": "figures/wine.svg"}, [], [], [], None)
    assert (
        problem
        == "saved no figure at figures/wine.svg (nor figures/wine.png); figures saved in figures/: none"
    )


def test_a_png_saved_for_an_svg_path_counts():
    entry = {"name": "wine.png", "data": base64.b64encode(_axes_png(_wine())).decode()}
    problem = figures.case_problem(
        {"status": "ok"},
        {"path": "figures/wine.svg"},
        [_wine()],
        [entry],
        [],
        _grader().principal_axes,
    )
    assert problem is None


def test_the_result_page_shows_figures_as_images_only():
    svg = base64.b64encode(b"<svg xmlns='http://www.w3.org/2000/svg'/>").decode()
    result = {
        "figures": [
            {"name": "wine.svg", "type": "image/svg+xml", "data": svg},
            {"name": "evil.html", "type": "text/html", "data": svg},
            {"name": "quote.svg", "type": "image/svg+xml", "data": 'x" onerror="alert(1)'},
        ],
        "figures_skipped": [{"name": "huge.png", "why": "it is larger than 262144 bytes"}],
    }
    page = render_to_string("submissions/result_report.html", {"result": result})
    assert f'src="data:image/svg+xml;base64,{svg}"' in page
    assert "text/html" not in page and "onerror" not in page
    assert "Not kept: huge.png (it is larger than 262144 bytes)." in page
