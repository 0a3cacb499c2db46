"""Whatever valid content holds, `refcat build` succeeds (SPEC: it exits 0 whatever
the findings), and `refcat check` reviews it without a traceback.

Hypothesis writes small programs of schema-valid but hostile records (see
`tests.strategies`) and runs both commands in process, as the command line does. The
budget is small by default; `HYPOTHESIS_PROFILE=fuzz` runs many more examples.
"""

from __future__ import annotations

import contextlib
import io
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings

from refcat.generator.cli import main
from tests.factories import AS_OF, Project
from tests.strategies import program


def write(root: Path, drawn: dict[str, Any]) -> Project:
    project = Project(root)
    project.taxonomy()
    project.policy()
    project.lifecycle("os", drawn["releases"])
    for customer_id, changes in drawn["customers"].items():
        project.customer(customer_id, **changes)
    for reference_id, changes in drawn["references"].items():
        project.reference(reference_id, body=drawn["bodies"][reference_id], **changes)
    return project


def refcat(*args: str) -> tuple[int, str]:
    """`refcat ARGS` in process: its exit code and what it printed."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        code = main(list(args))
    return code, out.getvalue()


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(drawn=program())
def test_check_reviews_and_build_succeeds_whatever_valid_content_holds(drawn, capfd):
    with tempfile.TemporaryDirectory() as folder:
        project = write(Path(folder), drawn)
        options = ("--content", str(project.content), "--settings", str(project.settings))
        as_of = ("--as-of", AS_OF.isoformat())
        checked, report = refcat("check", *options, *as_of)
        assert checked in (0, 1), report
        output = str(project.root / "output")
        built, log = refcat("build", *options, *as_of, "--output", output)
        processes = "".join(capfd.readouterr())  # the catalogs are built in processes
        assert built == 0, log + processes
        assert "Traceback" not in report + log + processes
        assert (project.root / "output" / "public" / "index.html").is_file()
