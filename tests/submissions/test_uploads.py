"""submissions.uploads: good uploads become files; every bad one is refused with a clear message."""

import io
import json
import stat
import zipfile

import pytest

from submissions.uploads import (
    MAX_FILE_BYTES,
    MAX_FILES,
    MAX_UPLOAD_BYTES,
    UploadRejected,
    cell_for_line,
    parse_upload,
)

GOOD = "def matmul(A, B):\n    return []\n"


def make_zip(entries, *, symlink=None):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
        if symlink:
            info = zipfile.ZipInfo(symlink)
            info.external_attr = (stat.S_IFLNK | 0o777) << 16
            archive.writestr(info, "/etc/passwd")
    return buffer.getvalue()


def notebook(cells, nbformat=4):
    return json.dumps(
        {
            "nbformat": nbformat,
            "nbformat_minor": 5,
            "metadata": {},
            "cells": [
                {
                    "cell_type": kind,
                    "id": f"c{i}",
                    "metadata": {},
                    "source": source,
                    **({"outputs": [], "execution_count": None} if kind == "code" else {}),
                }
                for i, (kind, source) in enumerate(cells)
            ],
        }
    ).encode()


def rejected(name, data):
    with pytest.raises(UploadRejected) as info:
        parse_upload(name, data, entrypoint="solution.py")
    return str(info.value)


def test_a_python_file_becomes_the_entry_point_whatever_its_name():
    assert parse_upload("my_matmul.py", GOOD.encode()).files == {"solution.py": GOOD}


def test_a_utf8_bom_is_dropped():
    assert parse_upload("s.py", b"\xef\xbb\xbf" + GOOD.encode()).files["solution.py"] == GOOD


def test_a_zip_keeps_several_files_and_drops_a_single_top_folder():
    data = make_zip({"project/solution.py": GOOD, "project/helpers.py": "X = 1\n", "project/": ""})
    assert parse_upload("work.zip", data).files == {"solution.py": GOOD, "helpers.py": "X = 1\n"}


def test_a_notebook_keeps_code_cells_with_cell_markers_and_ignores_markdown():
    data = notebook(
        [
            ("markdown", "# Title"),
            ("code", "import numpy as np"),
            ("code", "%timeit x\ndef matmul(A, B):\n    return []"),
        ]
    )
    parsed = parse_upload("work.ipynb", data)
    text = parsed.files["solution.py"]
    assert "# Title" not in text
    assert text.splitlines()[0] == "# %% [cell 2]"
    assert "# %timeit x" in text  # magics stay visible but inert
    assert [c.number for c in parsed.cells] == [2, 3]
    line = text.splitlines().index("def matmul(A, B):") + 1
    assert cell_for_line(parsed.cells, line).number == 3
    assert cell_for_line(parsed.cells, 1) is None  # a marker line belongs to no cell


def test_too_big_an_upload_is_refused():
    assert "an upload may be at most" in rejected("big.py", b"x" * (MAX_UPLOAD_BYTES + 1))


def test_too_big_a_source_file_is_refused():
    assert "a source file may be at most" in rejected("big.py", b"#" * (MAX_FILE_BYTES + 1))


def test_an_empty_file_is_refused():
    assert "is empty" in rejected("s.py", b"")


def test_a_wrong_type_is_refused():
    assert "not a type we grade" in rejected("model.pkl", b"\x80\x04K\x01.")


def test_non_utf8_text_is_refused_with_the_byte_position():
    message = rejected("s.py", "x = 'é'\n".encode("latin-1"))
    assert "not UTF-8" in message and "byte 6" in message


def test_an_unreadable_zip_is_refused():
    assert "cannot be read" in rejected("work.zip", b"PK\x03\x04 this is not really a zip")


def test_a_zip_with_parent_directory_entries_is_refused():
    assert "climbs out" in rejected("evil.zip", make_zip({"../../solution.py": GOOD}))


def test_a_zip_with_absolute_entries_is_refused():
    assert "absolute path" in rejected("evil.zip", make_zip({"/etc/solution.py": GOOD}))


def test_a_zip_with_a_symlink_is_refused():
    assert "symbolic link" in rejected(
        "evil.zip", make_zip({"solution.py": GOOD}, symlink="link.py")
    )


def test_a_zip_bomb_by_declared_size_is_refused():
    data = make_zip({"solution.py": GOOD, "padding.txt": "0" * (MAX_FILE_BYTES + 10)})
    assert "expands to" in rejected("bomb.zip", data)


def test_a_zip_bomb_that_lies_about_its_size_is_refused():
    data = bytearray(make_zip({"solution.py": "#" * 50_000}))
    # Forge the declared uncompressed size (local header and central directory) to 100 bytes.
    for signature, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        at = data.find(signature)
        data[at + offset : at + offset + 4] = (100).to_bytes(4, "little")
    message = rejected("liar.zip", bytes(data))
    assert "more than it declares" in message or "cannot be read" in message


def test_a_zip_with_too_many_files_is_refused():
    entries = {f"m{i}.py": "x = 1\n" for i in range(MAX_FILES + 1)} | {"solution.py": GOOD}
    assert f"the limit is {MAX_FILES}" in rejected("many.zip", make_zip(entries))


def test_a_zip_with_a_binary_member_is_refused():
    assert "not a source or text file" in rejected(
        "bin.zip", make_zip({"solution.py": GOOD, "w.npy": b"\x93NUMPY"})
    )


def test_a_zip_without_the_entry_point_is_refused():
    assert "has no solution.py" in rejected("other.zip", make_zip({"main.py": GOOD}))


def test_a_zip_member_that_is_not_utf8_is_refused():
    assert "helpers.py is not UTF-8" in rejected(
        "x.zip", make_zip({"solution.py": GOOD, "helpers.py": b"\xff\xfe"})
    )


def test_broken_notebook_json_is_refused_with_its_position():
    message = rejected("broken.ipynb", b'{"cells": [ {"cell_type": "code",, }')
    assert "JSON is broken at line 1" in message


def test_json_that_is_not_a_notebook_is_refused():
    assert "not a Jupyter notebook" in rejected("data.ipynb", b'{"rows": [1, 2]}')


def test_an_invalid_notebook_structure_is_refused():
    data = json.dumps(
        {"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [{"cell_type": "code"}]}
    ).encode()
    assert "not a valid notebook" in rejected("bad.ipynb", data)


def test_a_notebook_without_code_is_refused():
    assert "no code cells" in rejected("notes.ipynb", notebook([("markdown", "just words")]))
