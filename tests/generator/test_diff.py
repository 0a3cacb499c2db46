"""`refcat diff`: a real temporary git repository, changed the way a pull request does."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from refcat.checks.policy import ConfigError
from refcat.generator.commands import diff
from refcat.generator.commands.diff import COMMENT_LIMIT, Comparison, Options, to_markdown
from refcat.generator.public.changes import Changes, PageChange
from tests.conftest import PROJECT_ROOT
from tests.factories import AS_OF, Project, baseline, day

NAME, STORY, QUOTE = (
    {"scope": "name", "granted": day(-400)},
    {"scope": "case-study", "granted": day(-400)},
    {"scope": "quote", "granted": day(-400)},
)
LOGO = {"scope": "logo", "granted": day(-400)}


def git(root: Path, *args: str) -> str:
    command = ["git", "-C", str(root), "-c", "user.name=T", "-c", "user.email=t@example.com"]
    done = subprocess.run([*command, *args], capture_output=True, text=True, check=True)
    return done.stdout.strip()


@pytest.fixture
def repo(tmp_path: Path) -> Project:
    """The baseline project committed on `main`, then on a branch `change`."""
    project = baseline(Project(tmp_path / "repo"))
    git(project.root, "init", "-q", "-b", "main")
    git(project.root, "add", ".")
    git(project.root, "commit", "-q", "-m", "baseline")
    git(project.root, "checkout", "-q", "-b", "change")
    return project


def run_diff(project: Project, fmt: str = "json", **options: object) -> dict | str:
    out = io.StringIO()
    code = diff.run(project.content, None, AS_OF, out, Options(fmt=fmt, **options))
    assert code == 0
    return json.loads(out.getvalue()) if fmt == "json" else out.getvalue()


def commit(project: Project, message: str = "change") -> None:
    git(project.root, "add", ".")
    git(project.root, "commit", "-q", "-m", message)


def test_a_new_reference_appears(repo):
    repo.reference("acme-cloud", title="Cloud data platform")
    commit(repo)
    report = run_diff(repo)
    assert report["public"]["appears"] == [
        {
            "reference": "acme-cloud",
            "title": "Cloud data platform",
            "url": "references/acme-cloud/",
        }
    ]
    assert report["public"]["disappears"] == report["public"]["changes"] == []
    assert report["base"].startswith("merge base with main (")


def test_a_withdrawn_consent_takes_the_reference_down_and_says_why(repo):
    repo.customer(consents=[{**NAME, "withdrawn": day(-1)}, STORY, QUOTE])
    commit(repo)
    report = run_diff(repo)
    (gone,) = report["public"]["disappears"]
    assert gone["reference"] == "acme-core"
    assert gone["why"] == [f"consent-expired: Name consent was withdrawn on {day(-1)}"]
    introduced = report["findings"]["introduced"]
    assert [f["severity"] for f in introduced] == ["error"]
    assert introduced[0]["references"] == ["acme-core"]


def test_changes_name_what_a_visitor_sees_differently(repo):
    repo.logo()
    repo.customer(logo="logos/acme.svg", consents=[NAME, STORY, QUOTE, LOGO])
    repo.reference(
        title="Core banking in a weekend",
        quote={"text": "Smooth.", "author": "Jo Doe", "approved": day(-9)},
    )
    commit(repo)
    (changed,) = run_diff(repo)["public"]["changes"]
    assert changed["reference"] == "acme-core"
    assert changed["title"] == "Core banking in a weekend"
    assert changed["what"] == ["title", "logo", "quote"]


def test_a_new_logo_image_is_a_change_of_logo(repo):
    repo.logo()
    repo.customer(logo="logos/acme.svg", consents=[NAME, STORY, QUOTE, LOGO])
    commit(repo, "logo")
    git(repo.root, "branch", "-f", "main")
    repo.write("logos/acme.svg", '<svg xmlns="http://www.w3.org/2000/svg"><rect/></svg>\n')
    (changed,) = run_diff(repo)["public"]["changes"]
    assert changed["what"] == ["logo"]


def test_turning_anonymized_is_said_once_and_not_as_a_name_change(repo):
    repo.reference(anonymize=True, summary="A bank moved its core banking.")
    commit(repo)
    (changed,) = run_diff(repo)["public"]["changes"]
    assert changed["what"] == ["anonymized", "summary", "quote"]
    assert changed["url"] != "references/acme-core.html"  # an anonymized page hides its id


def test_findings_introduced_and_fixed_ignore_lines_that_only_moved(repo):
    expiring = {**NAME, "expires": day(30)}
    repo.customer(consents=[expiring, STORY, QUOTE])
    repo.reference("acme-old", completed=day(-4000))
    commit(repo, "old reference")
    git(repo.root, "branch", "-f", "main")
    path = repo.customer(consents=[expiring, {**STORY, "expires": day(20)}, QUOTE])
    path.write_text("# moved down\n" * 5 + path.read_text())
    repo.reference("acme-old", completed=day(-300))
    findings = run_diff(repo)["findings"]
    assert [f["rule"] for f in findings["fixed"]] == ["reference-too-old"]
    (introduced,) = findings["introduced"]
    assert (introduced["rule"], introduced["message"][:10]) == ("consent-expiring", "Case study")


def test_uncommitted_changes_are_compared_as_they_are_and_nothing_is_lost(repo):
    path = repo.reference(title="Not committed yet")
    status = git(repo.root, "status", "--porcelain")
    (changed,) = run_diff(repo)["public"]["changes"]
    assert changed["what"] == ["title"]
    assert "Not committed yet" in path.read_text()
    assert git(repo.root, "status", "--porcelain") == status
    assert not (repo.root / ".refcat-cache").exists()


def test_base_may_be_another_content_folder(repo, tmp_path):
    other = tmp_path / "other" / "content"
    shutil.copytree(repo.content, other)
    repo.reference("acme-cloud", title="Cloud data platform")
    report = run_diff(repo, base=str(other))
    assert report["base"] == str(other)
    assert [p["reference"] for p in report["public"]["appears"]] == ["acme-cloud"]


def test_an_explicit_revision_and_a_content_folder_new_at_the_base(repo):
    first = git(repo.root, "rev-parse", "HEAD")
    repo.reference("acme-cloud", title="Cloud data platform")
    commit(repo)
    assert run_diff(repo, base="HEAD")["public"]["appears"] == []
    assert len(run_diff(repo, base=first)["public"]["appears"]) == 1
    git(repo.root, "mv", "content", "records")
    commit(repo, "rename")
    moved = Project(repo.root)
    moved.content = repo.root / "records"
    assert len(run_diff(moved, base=first)["public"]["appears"]) == 2  # no records/ there


def test_the_base_is_read_as_committed_whatever_the_export_attributes(repo):
    (repo.root / ".gitattributes").write_text("*.md export-ignore\n*.yaml export-subst\n")
    repo.customer(name="Acme Bank $Format:%H$")
    commit(repo)
    report = run_diff(repo, base="HEAD")
    assert report["public"] == {"appears": [], "disappears": [], "changes": []}


def test_github_base_ref_and_the_job_summary(repo, tmp_path):
    git(repo.root, "update-ref", "refs/remotes/origin/release", "main")
    repo.reference("acme-cloud", title="Cloud data platform")
    commit(repo)
    git(repo.root, "branch", "-f", "main")  # main has it too: the base is release's
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n")
    env = {"GITHUB_BASE_REF": "release", "GITHUB_STEP_SUMMARY": str(summary)}
    text = run_diff(repo, fmt="text", env=env)
    assert "merge base with origin/release" in text
    assert "+ acme-cloud  Cloud data platform" in text
    written = summary.read_text()
    assert written.startswith("earlier step\n## What this change does to the website")
    assert "| `acme-cloud` | Cloud data platform |" in written


@pytest.mark.parametrize(
    ("base", "message"),
    [
        ("no-such-branch", "'no-such-branch' is neither a content folder nor a known git revision"),
        ("--output=x", "'--output=x' is neither a content folder nor a git revision"),
    ],
)
def test_an_unknown_revision_is_a_usage_error(repo, base, message):
    with pytest.raises(ConfigError, match=message):
        diff.run(repo.content, None, AS_OF, io.StringIO(), Options(base=base))


def test_outside_a_git_repository_says_to_give_a_content_folder(project):
    with pytest.raises(ConfigError, match="not in a git repository: give BASE as a content folder"):
        diff.run(project.content, None, AS_OF, io.StringIO(), Options())


def test_a_shallow_clone_without_the_base_says_fetch_depth_0(repo, tmp_path):
    repo.reference("acme-cloud", title="Cloud data platform")
    commit(repo)
    clone = tmp_path / "clone"
    source = repo.root.as_uri()
    git(tmp_path, "clone", "-q", "--depth", "1", "-b", "change", source, str(clone))
    github = Options(env={"GITHUB_BASE_REF": "main"})
    with pytest.raises(ConfigError, match=r"origin/main .* not in this checkout.*fetch-depth: 0"):
        diff.run(clone / "content", None, AS_OF, io.StringIO(), github)
    git(clone, "fetch", "-q", "--depth", "1", "origin", "main:refs/remotes/origin/main")
    with pytest.raises(
        ConfigError, match=r"no common history; this checkout is shallow.*fetch-dep"
    ):
        diff.run(clone / "content", None, AS_OF, io.StringIO(), github)


def _pages(count: int, title: str = "A reference") -> Changes:
    pages = tuple(
        PageChange(f"ref-{n:05d}", f"{title} {n}", f"references/ref-{n:05d}.html")
        for n in range(count)
    )
    return Changes(appears=pages, disappears=(), changes=(), introduced=(), fixed=())


def test_a_long_comment_is_cut_with_a_note_and_stays_under_the_limit():
    comparison = Comparison("main (0123456789ab)", AS_OF, _pages(50))
    comment = to_markdown(comparison, limit=2_000)
    assert len(comment) <= 2_000
    shown = comment.count("| `ref-")
    assert 0 < shown < 50
    assert f"... and {50 - shown} more; the full list is in the job summary" in comment
    assert to_markdown(comparison, limit=None).count("| `ref-") == 50


def test_thousands_of_references_fit_a_github_comment_counted_as_github_counts():
    comparison = Comparison("main (0123456789ab)", AS_OF, _pages(3_000, "Migration \N{ROCKET}"))
    comment = to_markdown(comparison)
    assert len(comment.encode("utf-16-le")) // 2 <= COMMENT_LIMIT
    assert "more; the full list is in the job summary" in comment


# -- the command line ---------------------------------------------------------------


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    """A fresh repository holding the demo content and settings, on a branch `change`."""
    shutil.copytree(PROJECT_ROOT / "content", tmp_path / "content")
    shutil.copy(PROJECT_ROOT / "pelicanconf.py", tmp_path)
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "demo")
    git(tmp_path, "checkout", "-q", "-b", "change")
    return tmp_path


def test_the_demo_content_in_a_pull_request_comment(demo, refcat):
    story = demo / "content" / "references" / "2026" / "aurora-trading-analytics.md"
    text = story.read_text(encoding="utf-8")
    story.write_text(text.replace("\ntitle: ", "\ntitle: Renamed ", 1), encoding="utf-8")
    done = refcat("diff", "--as-of", "2026-11-25", "--format", "markdown", cwd=demo)
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout.startswith("## What this change does to the website\n")
    assert "Public references: 0 new, 0 removed, 1 changed." in done.stdout
    assert "| `aurora-trading-analytics` | Renamed " in done.stdout
    assert "Findings: 0 introduced, 0 fixed." in done.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("no-such-revision",), "'no-such-revision' is neither a content folder nor a known"),
        (("--content", "missing"), "missing: content folder not found"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(demo, refcat, args, message):
    done = refcat("diff", *args, "--as-of", "2026-11-25", cwd=demo)
    assert done.returncode == 2
    assert done.stderr.startswith(f"refcat: {message}")
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr


def test_outside_a_repository_the_command_says_so(project, refcat):
    done = refcat("diff", "--as-of", "2026-11-25", cwd=project.root)
    assert done.returncode == 2
    assert done.stderr == (
        "refcat: content is not in a git repository: give BASE as a content folder to compare "
        "with\n"
    )
