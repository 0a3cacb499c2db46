"""The content folder as it was at a git revision, read without touching the checkout.

`refcat diff` compares the working tree (uncommitted changes included) with a base:
the base's content folder is written from git's objects into a temporary folder, so
neither the working tree nor the index is ever changed. Every git problem (no repository, an
unknown revision, a shallow clone without the base's history) is a `ConfigError`
with one line saying what to do.
"""

from __future__ import annotations

import subprocess
from collections.abc import Mapping
from pathlib import Path

from refcat.checks.policy import ConfigError

SHALLOW_HINT = (
    "this checkout is shallow: fetch the base's history "
    "(actions/checkout with `fetch-depth: 0`, or `git fetch --unshallow`)"
)


def git(top: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    """Run git in `top`; its output as bytes, whatever the exit code."""
    try:
        return subprocess.run(["git", "-C", str(top), *args], capture_output=True, check=False)
    except FileNotFoundError:
        raise ConfigError("git is not installed: give BASE as a content folder") from None


def _text(top: Path, *args: str) -> str | None:
    """git's one-line answer, or None when git says no."""
    done = git(top, *args)
    return done.stdout.decode("utf-8", "replace").strip() if done.returncode == 0 else None


def repository_top(folder: Path) -> Path:
    """The top folder of the git repository holding `folder`."""
    top = _text(folder, "rev-parse", "--show-toplevel") if folder.is_dir() else None
    if top is None:
        raise ConfigError(
            f"{folder} is not in a git repository: give BASE as a content folder to compare with"
        )
    return Path(top)


def _shallow(top: Path) -> bool:
    return _text(top, "rev-parse", "--is-shallow-repository") == "true"


def _unknown(top: Path, what: str) -> ConfigError:
    hint = f"; {SHALLOW_HINT}" if _shallow(top) else ""
    return ConfigError(f"{what}{hint}")


def resolve(top: Path, revision: str) -> str:
    """The commit a revision names, as a full hash."""
    if revision.startswith("-"):  # never an option to git
        raise ConfigError(f"'{revision}' is neither a content folder nor a git revision")
    commit = _text(
        top, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{revision}^{{commit}}"
    )
    if not commit:
        raise _unknown(top, f"'{revision}' is neither a content folder nor a known git revision")
    return commit


def _default_branch(top: Path) -> str:
    """origin's default branch when known, else `main`, else `master`."""
    remote_head = _text(top, "symbolic-ref", "--quiet", "--short", "refs/remotes/origin/HEAD")
    for candidate in (remote_head, "main", "master"):
        if candidate and _text(top, "rev-parse", "--verify", "--quiet", f"{candidate}^{{commit}}"):
            return candidate
    raise ConfigError("no default branch (origin/HEAD, main or master) to compare with: give BASE")


def _base_branch(top: Path, env: Mapping[str, str]) -> str:
    """The pull request's base branch in GitHub Actions, else the default branch."""
    base_ref = env.get("GITHUB_BASE_REF", "")
    if not base_ref:
        return _default_branch(top)
    for candidate in (f"origin/{base_ref}", base_ref):
        if _text(top, "rev-parse", "--verify", "--quiet", f"{candidate}^{{commit}}"):
            return candidate
    raise ConfigError(
        f"the pull request's base branch origin/{base_ref} (GITHUB_BASE_REF) is not in this "
        f"checkout; {SHALLOW_HINT}"
    )


def default_base(top: Path, env: Mapping[str, str]) -> tuple[str, str]:
    """The merge base of HEAD with the base branch: (label, commit)."""
    branch = _base_branch(top, env)
    commit = _text(top, "merge-base", "HEAD", branch)
    if not commit:
        raise _unknown(top, f"HEAD and {branch} have no common history")
    return f"merge base with {branch}", commit


def content_at(top: Path, commit: str, content: Path, into: Path) -> Path:
    """Write the content folder as it is at `commit` under `into`; returns its path there.

    The folder keeps its path relative to the repository, so findings name the same
    files on both sides. A content folder the base did not have yet is empty there.
    The files are read from git's objects as committed (not through `git archive`,
    whose export attributes could leave files out or rewrite them).
    """
    if not content.resolve().is_relative_to(top.resolve()):
        raise ConfigError(f"{content} is not inside the git repository {top}")
    relative = content.resolve().relative_to(top.resolve()).as_posix()
    target = into / relative
    target.mkdir(parents=True, exist_ok=True)
    files = _files(top, commit, relative)
    for path, blob in zip(files, _blobs(top, list(files.values())), strict=True):
        destination = into / path
        if not destination.resolve().is_relative_to(into.resolve()):
            continue  # git never stores such a path; never write outside the folder
        destination.parent.mkdir(parents=True, exist_ok=True)
        destination.write_bytes(blob)
    return target


def _files(top: Path, commit: str, relative: str) -> dict[str, str]:
    """Path -> object id of every regular file under `relative` at `commit`."""
    done = git(top, "ls-tree", "-r", "-z", "--full-tree", commit, "--", relative)
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise ConfigError(f"git ls-tree {commit[:12]}: {message[-1] if message else 'failed'}")
    files = {}
    for entry in done.stdout.decode("utf-8", "surrogateescape").split("\0"):
        info, _, path = entry.partition("\t")
        mode, kind, object_id = [*info.split(), "", "", ""][:3]
        if kind == "blob" and mode in ("100644", "100755"):  # not links, not submodules
            files[path] = object_id
    return files


def _blobs(top: Path, object_ids: list[str]) -> list[bytes]:
    """The contents of these blobs, in order, from one `git cat-file --batch`."""
    if not object_ids:
        return []
    batch = subprocess.run(
        ["git", "-C", str(top), "cat-file", "--batch"],
        input="".join(f"{object_id}\n" for object_id in object_ids).encode(),
        capture_output=True,
        check=False,
    )
    output, position, blobs = batch.stdout, 0, []
    for _ in object_ids:
        header_end = output.index(b"\n", position)
        size = int(output[position:header_end].split()[2])
        blobs.append(output[header_end + 1 : header_end + 1 + size])
        position = header_end + 1 + size + 1  # the newline after each blob
    return blobs
