"""What `pip install refcat` puts into an environment: one package of its own, no warnings.

The checkout keeps `checks/`, `generator/` and `theme/` at its top; the wheel holds them
as `refcat.checks`, `refcat.generator` and `refcat.theme`, beside the files a catalog
project needs at run time (the theme, the scaffold of `refcat init`, the CRM maps, the
share images' font with its license).
"""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    folder = tmp_path_factory.mktemp("wheel")
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", folder, PROJECT],
        capture_output=True,
        text=True,
        check=False,
    )
    assert built.returncode == 0, built.stderr
    return next(folder.glob("refcat-*.whl")), built.stderr


def test_the_wheel_builds_without_warnings(wheel):
    _, messages = wheel
    ours = [line for line in messages.splitlines() if "Warning" in line or "deprecat" in line]
    assert ours == []


def test_the_wheel_holds_one_package_and_what_it_needs_at_run_time(wheel):
    names = zipfile.ZipFile(wheel[0]).namelist()
    assert {name.split("/")[0] for name in names} == {"refcat", "refcat-0.1.0.dist-info"}
    for needed in (
        "refcat/__main__.py",
        "refcat/checks/rules/consent_expired.py",
        "refcat/generator/pelican_plugin.py",
        "refcat/theme/templates/base.html",
        "refcat/theme/static/css/site.css",
        "refcat/generator/scaffold/pelicanconf.py.in",
        "refcat/generator/exchange/maps/hubspot.yaml",
        "refcat/generator/public/fonts/LICENSE.txt",
        "refcat-0.1.0.dist-info/licenses/LICENSE",
    ):
        assert needed in names, needed


def test_an_installed_refcat_adds_only_its_own_names(wheel, tmp_path):
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", venv], check=True)
    python = venv / "bin" / "python"
    site = Path(
        subprocess.run(
            [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    )
    before = {p.name for p in site.iterdir()}
    install = [python, "-m", "pip", "install", "--quiet", "--no-deps", "--no-index", wheel[0]]
    subprocess.run(install, check=True)
    added = {p.name for p in site.iterdir()} - before
    assert added == {"refcat", "refcat-0.1.0.dist-info"}
    assert (venv / "bin" / "refcat").is_file()
    spec = "import importlib.util as u; print(u.find_spec('refcat.generator.cli').origin)"
    origin = subprocess.run(  # away from the checkout, whose refcat/ would come first
        [python, "-c", spec], cwd=tmp_path, capture_output=True, text=True, check=True
    )
    assert origin.stdout.strip().startswith(str(site))
