"""refcat, as `python -m refcat` and `refcat --version` know it: the code is in `checks`
and `generator`; this package only names the installed version."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("refcat")
except PackageNotFoundError:  # run from a checkout that was never installed
    __version__ = "0+unknown"
