"""The sandbox image: its recipe, its content-addressed tag, and how to build it."""

from .build import DEFAULT_BASE, OFFLINE_BASE, build_image, image_tag, resolve_base

__all__ = ["DEFAULT_BASE", "OFFLINE_BASE", "build_image", "image_tag", "resolve_base"]
