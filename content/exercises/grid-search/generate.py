"""data/ and hidden/ are the same real MNIST split as mlp-numpy-digits (see its generate.py).

Run: python generate.py
"""

import importlib.util
from pathlib import Path

here = Path(__file__).parent
spec = importlib.util.spec_from_file_location(
    "digits_generate", here.parent / "mlp-numpy-digits" / "generate.py"
)
digits = importlib.util.module_from_spec(spec)
spec.loader.exec_module(digits)

if __name__ == "__main__":
    digits.main(here)
