"""refcat: a customer-reference program as code.

Installed, the review is `refcat.checks`, the catalogs and commands `refcat.generator`
and the built-in theme `refcat.theme` (in a checkout: `checks/`, `generator/` and
`theme/` at the top). `PLUGINS = ["refcat"]` in `pelicanconf.py` loads the Pelican
plugin.
"""

from __future__ import annotations


def register() -> None:
    """Pelican's entry point: the plugin, imported only when Pelican asks for it."""
    from refcat.generator.pelican_plugin import register as register_plugin

    register_plugin()


def __getattr__(name: str) -> str:
    """`refcat.__version__`, read from the installed metadata only when asked for."""
    if name != "__version__":
        raise AttributeError(name)
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("refcat")
    except PackageNotFoundError:  # a checkout that was never installed
        return "0+unknown"
