"""FIRST TAKE: a terminal text adventure about the first feature film shot in orbit."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("first-take")
except PackageNotFoundError:  # running from a checkout without installing
    __version__ = "0.0.0+local"
