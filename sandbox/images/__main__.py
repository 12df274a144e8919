"""``python -m sandbox.images tag|build``: print the image tag, or build the image if missing."""

import argparse
import sys

from .build import build_image, image_tag


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sandbox.images")
    parser.add_argument("command", choices=["tag", "build"])
    args = parser.parse_args(argv)
    if args.command == "tag":
        print(image_tag())
    else:
        print(build_image())
    return 0


if __name__ == "__main__":
    sys.exit(main())
