"""How refcat's processes use Python's cyclic garbage collector: decided here, set by the
commands, never by library code.

A review builds hundreds of thousands of long-lived objects and hardly any garbage
cycles, and a build forks processes that share the parent's memory page by page. Left
alone, the collector walks the same objects again and again, and a collection in a
forked process writes to every object it walks, copying the parent's heap. The
library (`checks`, `generator.build`) behaves the same under any of these settings;
only its speed depends on them.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def for_review() -> Iterator[None]:
    """No collection while the records are parsed and loaded; what they built is frozen.

    Parsing and loading create millions of objects and no garbage cycles worth
    collecting, so each automatic collection only walks them all again (it costs more
    than the parse); the parse workers, forked meanwhile, inherit the pause. The catalog
    lives as long as the review: frozen, the collector never walks it again. It runs as
    usual afterwards, for the objects made later.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
        gc.freeze()
    finally:
        if enabled:
            gc.enable()


def before_fork() -> None:
    """Leave the objects alive to reference counting only, until `after_forks`.

    A collection in a forked process would otherwise write to every one of them and so
    copy the parent's whole heap, page by page (a fifth of a build's time at 10,000
    references).
    """
    gc.freeze()


def after_forks() -> None:
    """The forked processes are done: the collector looks after every object again."""
    gc.unfreeze()


def in_worker() -> None:
    """A short-lived forked process of mostly acyclic objects (views, pages): the
    collector would only walk them again and again (a third of the internal views'
    time). Memory goes back to the system when the process ends."""
    gc.disable()
