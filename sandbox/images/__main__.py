"""``python -m sandbox.images tag|build [--gpu | --dl]``: print the image tag, or build the image if missing."""

import argparse
import sys

from .build import build_image, image_tag


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sandbox.images")
    parser.add_argument("command", choices=["tag", "build"])
    parser.add_argument(
        "--gpu", action="store_true", help="the CUDA image (backprop-sandbox-gpu), not the CPU one"
    )
    parser.add_argument(
        "--dl", action="store_true", help="the deep-learning CPU image (backprop-sandbox-dl)"
    )
    args = parser.parse_args(argv)
    kind = "gpu" if args.gpu else "dl" if args.dl else "cpu"
    if args.command == "tag":
        print(image_tag(kind=kind))
    else:
        print(build_image(kind=kind))
    return 0


if __name__ == "__main__":
    sys.exit(main())
