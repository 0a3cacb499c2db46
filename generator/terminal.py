"""What a terminal gets: colour only where someone reads it, progress only where someone waits.

Colour follows `--color auto|always|never`. `auto` colours a terminal only: never a
pipe, a file or CI's log, never with `NO_COLOR` set to anything but an empty string
(no-color.org), never on `TERM=dumb`; `FORCE_COLOR` (not empty) asks for it where no
terminal is, as CI services that render colour set it. `always` and `never` are the
user's word for this one run and win over both variables.

Progress is a few lines on standard error, one per phase, so that a long build shows
what it is doing; each running phase's line is replaced by its result in place.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from typing import TextIO

COLOR_CHOICES = ("auto", "always", "never")


def use_color(choice: str, stream: TextIO, env: Mapping[str, str]) -> bool:
    """Whether output written to `stream` gets colour."""
    if choice != "auto":
        return choice == "always"
    if env.get("NO_COLOR"):
        return False
    return bool(env.get("FORCE_COLOR")) or interactive(stream, env)


def interactive(stream: TextIO, env: Mapping[str, str]) -> bool:
    """Whether a person watches `stream` on a terminal that can redraw a line."""
    try:
        return env.get("TERM") != "dumb" and stream.isatty()
    except (AttributeError, ValueError):  # no isatty, or already closed
        return False


class Progress:
    """A build's phases on a terminal: `begin` says what runs, `step` what one part gave.

    With no stream it says nothing, so the build calls it the same way everywhere.
    """

    def __init__(self, stream: TextIO | None = None) -> None:
        self._stream = stream
        self._started = time.perf_counter()
        self._running = ""  # the line of the phase that runs now, redrawn after each step
        self._shown = 0  # the width of the line on screen that is not finished yet

    @property
    def live(self) -> bool:
        """Whether anything is shown: callers skip counting what nobody sees."""
        return self._stream is not None

    def begin(self, text: str) -> None:
        """A phase starts: its line stays until a step or the next phase replaces it."""
        self._running = f"{text} ..."
        self._draw(self._running)

    def step(self, text: str) -> None:
        """A part of the phase is done: a line of its own, with the time so far."""
        self._draw(f"[{time.perf_counter() - self._started:5.1f} s] {text}")
        self._write("\n")
        self._shown = 0
        if self._running:
            self._draw(self._running)

    def end(self, text: str) -> None:
        """The phase is done: its result replaces its running line."""
        self._running = ""
        self.step(text)

    def _draw(self, line: str) -> None:
        """Replace the unfinished line on screen: back to its start, pad over what is left."""
        self._write(f"\r{line.ljust(self._shown)}")
        self._shown = len(line)

    def _write(self, text: str) -> None:
        if self._stream is not None:
            self._stream.write(text)
            self._stream.flush()
