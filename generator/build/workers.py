"""Work spread over the machine's cores, in forked processes that inherit everything.

A build renders thousands of Markdown stories and pages; one Python process uses one
core. Forking (not spawning) lets each worker start from the finished review, the
views and the compiled templates without pickling any of them.

The garbage collector must not copy that heap in each worker: the command that forks
sets how (`generator.gc_policy`), not these functions.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence
from multiprocessing.connection import Connection
from typing import TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")


def cores() -> int:
    """The cores this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def fork_map(
    function: Callable[[Item], Result],
    items: Sequence[Item],
    processes: int,
    meanwhile: Callable[[], None] | None = None,
) -> list[Result]:
    """`[function(item) for item in items]` on `processes` forked processes, in order.

    `meanwhile` runs in this process while the workers work (it would otherwise wait).
    """
    if processes < 2 or len(items) < 2:
        if meanwhile is not None:
            meanwhile()
        return [function(item) for item in items]
    pool = multiprocessing.get_context("fork").Pool(processes)
    try:
        chunk = max(1, len(items) // (processes * 8))
        results = pool.map_async(function, items, chunksize=chunk)
        if meanwhile is not None:
            meanwhile()
        return results.get()
    finally:
        pool.terminate()  # every result is in; `with Pool` would do the same on exit
        pool.join()


def run_forked(tasks: Sequence[Callable[[], None]]) -> None:
    """Run the tasks at once, the first in this process and the others forked.

    Waits for all of them; the first failure is raised here, a worker's as a
    RuntimeError with its message (the worker itself exits quietly).
    """
    context = multiprocessing.get_context("fork")
    workers = []
    for task in tasks[1:]:
        receiver, sender = context.Pipe(duplex=False)
        worker = context.Process(target=_report, args=(task, sender), daemon=True)
        worker.start()
        sender.close()
        workers.append((worker, receiver))
    try:
        if tasks:
            tasks[0]()
    finally:
        failures = [_outcome(worker, receiver) for worker, receiver in workers]
    failure = next((message for message in failures if message is not None), None)
    if failure is not None:
        raise RuntimeError(failure)


def _report(task: Callable[[], None], sender: Connection) -> None:
    try:
        task()
    except BaseException as error:  # any failure: the parent reports it
        sender.send(str(error) or type(error).__name__)
    else:
        sender.send(None)
    finally:
        sender.close()


def _outcome(worker: multiprocessing.process.BaseProcess, receiver: Connection) -> str | None:
    """None when the worker did its task, else why not."""
    try:
        message = receiver.recv()
    except EOFError:  # it died before it could say (killed, out of memory)
        message = "a worker process ended unexpectedly"
    worker.join()
    receiver.close()
    if message is None and worker.exitcode != 0:
        message = f"a worker process exited with code {worker.exitcode}"
    return message
