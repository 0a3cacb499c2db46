"""The internal catalog at N references over a real network, timed in headless Chromium.

    python bench/internal_network.py [--references 10000] [--workdir /dev/shm/refcat-net]
                                     [--runs 3] [--plain] [--reuse]

Generates a program (bench/generate.py), builds the internal catalog into the work
folder (tmpfs by default: see PITFALLS on this disk), serves it with `refcat serve`
(or, with `--plain`, Python's http.server, which compresses nothing: the figures
before `refcat serve` compressed) and emulates a 20 Mbit/s link with 40 ms latency
through Chromium's DevTools protocol. Each run opens a fresh browser context (cold
cache) and times, in the page's own clock, from the rep's action to the answer shown:

- filter: the catalog has loaded; tick the first Industry value -> cards updated
- search: the catalog has loaded; type a common word in the search box -> cards
  updated, each saying which field matched (includes the box's 200 ms typing pause)
- two words: the same with two common words
- referee: find.html has loaded; pick industry, region and product -> ranked list
- referee page: navigation to find.html -> the first ranked list (without criteria the
  server's ranking, ready once the script has run)
- referee link: navigation to find.html?industry=..&region=..&product=.. (a link a rep
  was sent) -> the list ranked for it, which waits for the facet index

Also reports the facet index's size, plain and gzipped, the finder's (find.html ranks on
data/finder.json, the same schema with fewer columns), the word index's (all of it,
and the chunks the searches load), the largest topic page, the catalog's size and file
count, and the machine's load (the figures are wall-clock times on a shared machine).
The target: every action under 1 s.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from playwright.sync_api import Page, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
from generate import generate  # noqa: E402

LINK = {"offline": False, "latency": 40, "downloadThroughput": 20e6 / 8}
LINK["uploadThroughput"] = LINK["downloadThroughput"]
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
ARGS += ["--disable-component-update", "--no-first-run"]
SEARCHES = {"search": "migration", "two words": "data migration"}  # in ~96 % of references
SETTLE = 1.5  # seconds a rep takes at least between the page appearing and acting

# Waits in the page until the catalog (or finder) is idle and `probe` differs from `before`.
CHANGED = """([selector, rootId, before]) => new Promise((resolve) => {
  const root = document.getElementById(rootId), t0 = performance.now();
  const check = () => {
    const text = document.querySelector(selector).textContent;
    if (!root.hasAttribute('aria-busy') && text !== before) resolve(performance.now() - t0);
    else requestAnimationFrame(check);
  };
  check();
})"""


def build(references: int, work: Path, reuse: bool) -> Path:
    """The internal catalog of a generated program, built (or reused) under `work`."""
    output = work / "output"
    if reuse and (output / "internal" / "index.html").is_file():
        return output / "internal"
    generate(references, work / "program")
    command = [str(ROOT / ".venv/bin/refcat"), "build", "--audience", "internal"]
    command += ["--as-of", "2026-11-25", "--output", str(output)]
    subprocess.run(command, cwd=work / "program", check=True, capture_output=True)
    return output / "internal"


@contextmanager
def served(folder: Path, plain: bool, audience: str = "internal") -> Iterator[str]:
    """The catalog on 127.0.0.1, by `refcat serve` or (plain) by http.server."""
    port = _free_port()
    if plain:
        command = [sys.executable, "-m", "http.server", "--bind", "127.0.0.1"]
        command += ["--directory", str(folder), str(port)]
    else:
        command = [str(ROOT / ".venv/bin/refcat"), "serve", "--audience", audience]
        command += ["--output", str(folder.parent), "--port", str(port)]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        time.sleep(1.0)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        server.wait(timeout=10)


def _free_port() -> int:
    """A port nobody listens on (other benchmarks may be serving on this machine)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _changed(page: Page, selector: str, root: str, act: Callable[[], None]) -> float:
    before = page.locator(selector).text_content()
    page.evaluate(f"(a) => {{ window.__done = ({CHANGED})(a); }}", [selector, root, before])
    act()
    return page.evaluate("() => window.__done") / 1000


def filter_time(page: Page, url: str) -> float:
    page.goto(f"{url}/index.html", wait_until="load")
    page.wait_for_timeout(SETTLE * 1000)
    box = page.locator("#filters input[name=industry]").first
    return _changed(page, "#result-count", "catalog", box.check)


def search_time(page: Page, url: str, words: str) -> float:
    page.goto(f"{url}/index.html", wait_until="load")
    page.wait_for_timeout(SETTLE * 1000)
    page.focus("#q")
    return _changed(page, "#result-count", "catalog", lambda: page.fill("#q", words))


def referee_time(page: Page, url: str) -> float:
    page.goto(f"{url}/find.html", wait_until="load")
    page.wait_for_timeout(SETTLE * 1000)

    def pick() -> None:
        for name in ("industry", "region", "product"):
            page.select_option(f"#finder-{name}", index=1)

    return _changed(page, "#finder-summary", "finder", pick)


def referee_page_time(page: Page, url: str) -> float:
    page.goto(f"{url}/find.html", wait_until="commit")
    page.wait_for_selector("#finder[data-ready=true]", timeout=60_000)
    return page.evaluate("() => performance.now()") / 1000


def referee_link(folder: Path) -> str:
    """find.html's query for the first industry, region and product of the index."""
    facets = json.loads((folder / "data" / "references.json").read_bytes())["facets"]
    first = {f["key"]: f["values"][0][0] for f in facets}
    return "&".join(f"{key}={first[key]}" for key in ("industry", "region", "product"))


def referee_link_time(page: Page, url: str, query: str) -> float:
    page.goto(f"{url}/find.html?{query}", wait_until="commit")
    page.wait_for_selector("#finder[data-ready=true]", timeout=60_000)
    return page.evaluate("() => performance.now()") / 1000


def measure(url: str, runs: int, link: str) -> dict[str, list[float]]:
    actions: dict[str, Callable[[Page], float]] = {
        "filter": lambda p: filter_time(p, url),
        "search": lambda p: search_time(p, url, SEARCHES["search"]),
        "two words": lambda p: search_time(p, url, SEARCHES["two words"]),
        "referee": lambda p: referee_time(p, url),
        "referee page": lambda p: referee_page_time(p, url),
        "referee link": lambda p: referee_link_time(p, url, link),
    }
    times: dict[str, list[float]] = {name: [] for name in actions}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        for _ in range(runs):
            for name, action in actions.items():
                context = browser.new_context()
                page = context.new_page()
                cdp = context.new_cdp_session(page)
                cdp.send("Network.enable")
                cdp.send("Network.emulateNetworkConditions", LINK)
                times[name].append(action(page))
                context.close()
        browser.close()
    return times


def _kb(paths: list[Path]) -> tuple[int, int]:
    """The files' size in KB, plain and gzipped."""
    data = [p.read_bytes() for p in paths]
    plain = sum(len(d) for d in data)
    return round(plain / 1024), round(sum(len(gzip.compress(d, mtime=0)) for d in data) / 1024)


def word_sizes(folder: Path) -> dict[str, Any]:
    """The word index: all of it, and the chunks a search for the bench's words loads."""
    chunks = sorted((folder / "data" / "words").glob("*.json"))
    searched = {w[:2].encode().hex() for words in SEARCHES.values() for w in words.split()}
    loaded = [p for p in chunks if p.stem in searched]
    return {
        "word index KB, gzipped": _kb(chunks),
        "word chunks": len(chunks),
        "chunks searched KB, gzipped": _kb(loaded),
    }


def sizes(folder: Path) -> dict[str, Any]:
    index = (folder / "data" / "references.json").read_bytes()
    finder = folder / "data" / "finder.json"  # what find.html loads instead
    folders = [folder / kind for kind in ("strengths", "technologies", "products")]
    topics = [page for kind in folders for page in kind.glob("*.html")]
    largest = max(topics, key=lambda p: p.stat().st_size)
    files = [p for p in folder.rglob("*") if p.is_file()]
    return {
        "index KB": round(len(index) / 1024),
        "index gzipped KB": round(len(gzip.compress(index, mtime=0)) / 1024),
        "finder index KB, gzipped": _kb([finder]) if finder.is_file() else None,
        "largest topic page KB": round(largest.stat().st_size / 1024, 1),
        "largest topic page": largest.relative_to(folder).as_posix(),
        "catalog MB": round(sum(p.stat().st_size for p in files) / 2**20),
        "files": len(files),
        **word_sizes(folder),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--references", type=int, default=10_000)
    parser.add_argument("--workdir", type=Path, default=Path("/dev/shm/refcat-net"))
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--plain", action="store_true", help="serve with http.server")
    parser.add_argument("--reuse", action="store_true", help="keep an earlier build")
    args = parser.parse_args()
    folder = build(args.references, args.workdir, args.reuse)
    load = os.getloadavg()[0]
    with served(folder, args.plain) as url:
        times = measure(url, args.runs, referee_link(folder))
    print(json.dumps(sizes(folder), indent=2))
    print(f"\nload average (1 min): {load:.1f} before, {os.getloadavg()[0]:.1f} after")
    print(f"\n{args.references} references, 20 Mbit/s, 40 ms, {args.runs} runs (seconds):")
    for name, values in times.items():
        shown = ", ".join(f"{v:.2f}" for v in values)
        print(f"  {name:13} median {statistics.median(values):.2f}  ({shown})")


if __name__ == "__main__":
    main()
