"""The public catalog's home page at N references, timed in headless Chromium.

    python bench/public_home.py [--references 10000] [--workdir /dev/shm/refcat-public]
                                [--runs 3] [--reuse]

Generates a program with every reference marked public (bench/generate.py
--all-public; the review still withholds those it must), builds the public catalog on
tmpfs, serves it with `refcat serve` and opens the home page in a fresh browser context
each run, on the loopback and on an emulated 20 Mbit/s, 40 ms link (the helpers of
bench/internal_network.py). Reported: the home page's HTML bytes (plain and gzipped),
its element count, list.json's size, and two times in the page's own clock, from
navigation start:

- ready: the finder answers (public.js marks `#finder[data-ready]`: list.json loaded)
- first filter: ready, then the first Industry value picked -> the status line updated

The target: HTML under 300 KB and ready under 1 s at 10,000 references.
"""

from __future__ import annotations

import argparse
import gzip
import json
import statistics
import subprocess
import sys
from pathlib import Path
from typing import Any

from playwright.sync_api import Page, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
from generate import generate  # noqa: E402
from internal_network import ARGS, LINK, served  # noqa: E402

FILTERED = """() => new Promise((resolve) => {
  const status = document.getElementById('result-status'), before = status.textContent;
  const select = document.getElementById('filter-industry');
  const t0 = performance.now();
  select.value = select.options[1].value;
  select.dispatchEvent(new Event('change'));
  const check = () => status.textContent !== before && !status.textContent.startsWith('Searching')
    ? resolve(performance.now() - t0) : requestAnimationFrame(check);
  check();
})"""


def build(references: int, work: Path, reuse: bool) -> Path:
    """The public catalog of a generated program, built (or reused) under `work`."""
    output = work / "output"
    if reuse and (output / "public" / "index.html").is_file():
        return output / "public"
    generate(references, work / "program", all_public=True)
    command = [str(ROOT / ".venv/bin/refcat"), "build", "--audience", "public"]
    command += ["--as-of", "2026-11-25", "--output", str(output)]
    subprocess.run(command, cwd=work / "program", check=True, capture_output=True)
    return output / "public"


def home_times(page: Page, url: str) -> tuple[float, float]:
    """Seconds from navigation start to the finder ready, and to the first filter shown."""
    page.goto(f"{url}/index.html", wait_until="commit")
    page.wait_for_selector("#finder[data-ready=true]", state="attached", timeout=60_000)
    ready = page.evaluate("() => performance.now()") / 1000
    return ready, ready + page.evaluate(FILTERED) / 1000


def measure(url: str, runs: int) -> dict[str, list[float]]:
    times: dict[str, list[float]] = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        for link in ("loopback", "20 Mbit/s 40 ms"):
            for _ in range(runs):
                context = browser.new_context(viewport={"width": 1366, "height": 900})
                page = context.new_page()
                if link != "loopback":
                    cdp = context.new_cdp_session(page)
                    cdp.send("Network.enable")
                    cdp.send("Network.emulateNetworkConditions", LINK)
                ready, filtered = home_times(page, url)
                times.setdefault(f"{link}: ready", []).append(ready)
                times.setdefault(f"{link}: first filter", []).append(filtered)
                if "elements" not in times:
                    times["elements"] = [page.evaluate("document.getElementsByTagName('*').length")]
                context.close()
        browser.close()
    return times


def sizes(folder: Path) -> dict[str, Any]:
    home = (folder / "index.html").read_bytes()
    index = (folder / "list.json").read_bytes()
    return {
        "published": len(json.loads(index)["rows"]),
        "home KB": round(len(home) / 1024, 1),
        "home gzipped KB": round(len(gzip.compress(home, mtime=0)) / 1024, 1),
        "list.json KB": round(len(index) / 1024),
        "list.json gzipped KB": round(len(gzip.compress(index, mtime=0)) / 1024),
        "list pages": len(list((folder / "page").glob("*/index.html"))) + 1,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--references", type=int, default=10_000)
    parser.add_argument("--workdir", type=Path, default=Path("/dev/shm/refcat-public"))
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--reuse", action="store_true", help="keep an earlier build")
    args = parser.parse_args()
    folder = build(args.references, args.workdir, args.reuse)
    with served(folder, plain=False, audience="public") as url:
        times = measure(url, args.runs)
    print(json.dumps(sizes(folder), indent=2))
    print(f"\n{args.references} references generated, {args.runs} runs (seconds):")
    for name, values in times.items():
        shown = ", ".join(f"{v:.2f}" for v in values)
        print(f"  {name:28} median {statistics.median(values):.2f}  ({shown})")


if __name__ == "__main__":
    main()
