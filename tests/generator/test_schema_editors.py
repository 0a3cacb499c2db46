"""The schemas as an editor and CI use them: check-jsonschema on the records as written,
and the `# yaml-language-server: $schema=` modeline of `refcat new` skeletons."""

from __future__ import annotations

import io
import re
import subprocess
import sys
from pathlib import Path

from refcat.generator.commands import init, new
from tests.factories import AS_OF

PROJECT = Path(__file__).resolve().parents[2]
FRONT_MATTER = re.compile(r"\A---\r?\n(.*?)\r?\n---\r?\n", re.DOTALL)
MODELINE = re.compile(r"^# yaml-language-server: \$schema=(\S+)\n")


def check_jsonschema(schema: Path, *records: Path) -> subprocess.CompletedProcess:
    """check-jsonschema as a CI job runs it, on record files as they are on disk."""
    command = [sys.executable, "-m", "check_jsonschema", "--schemafile", str(schema)]
    return subprocess.run(
        [*command, *map(str, records)], capture_output=True, text=True, check=False
    )


def write_schema(refcat, kind: str, folder: Path) -> Path:
    """`refcat schema KIND > schemas/KIND.schema.json`, as the README says."""
    result = refcat("schema", kind)
    assert result.returncode == 0, result.stderr
    path = folder / "schemas" / f"{kind}.schema.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(result.stdout, encoding="utf-8")
    return path


def front_matters(references: list[Path], folder: Path) -> list[Path]:
    """Each reference's front matter as its own YAML file: check-jsonschema reads no Markdown."""
    folder.mkdir()
    written = []
    for reference in references:
        found = FRONT_MATTER.match(reference.read_text(encoding="utf-8"))
        assert found, f"{reference}: no front matter"
        written.append(folder / f"{reference.stem}.yaml")
        written[-1].write_text(found.group(1) + "\n", encoding="utf-8")
    return written


def test_check_jsonschema_accepts_every_demo_customer(refcat, tmp_path):
    schema = write_schema(refcat, "customer", tmp_path)
    customers = sorted((PROJECT / "content" / "customers").rglob("*.yaml"))
    assert len(customers) > 20
    result = check_jsonschema(schema, *customers)
    assert result.returncode == 0, result.stdout + result.stderr


def test_check_jsonschema_accepts_every_demo_reference_front_matter(refcat, tmp_path):
    schema = write_schema(refcat, "reference", tmp_path)
    references = sorted((PROJECT / "content" / "references").rglob("*.md"))
    assert len(references) > 40
    result = check_jsonschema(schema, *front_matters(references, tmp_path / "front"))
    assert result.returncode == 0, result.stdout + result.stderr


def test_check_jsonschema_names_the_file_and_key_of_a_mistake(refcat, tmp_path):
    schema = write_schema(refcat, "customer", tmp_path)
    text = (PROJECT / "content" / "customers" / "kestrel-savings-bank.yaml").read_text()
    broken = tmp_path / "broken.yaml"
    broken.write_text(text.replace("reviewed: 2026-10-08", "reviewed: 2026-02-30"))
    misspelt = tmp_path / "misspelt.yaml"
    misspelt.write_text(text + "ownr: Daniel Okafor\n")
    result = check_jsonschema(schema, broken, misspelt)
    assert result.returncode == 1
    assert "broken.yaml::$.rating.reviewed: '2026-02-30' is not a 'date'" in result.stdout
    assert "misspelt.yaml::$: Additional properties are not allowed ('ownr'" in result.stdout


def test_new_customer_starts_with_a_modeline_to_the_projects_schema(project):
    new.run("customer", "globex-bank", project.content, AS_OF, io.StringIO())
    record = project.content / "customers" / "globex-bank.yaml"
    first_line = record.read_text(encoding="utf-8").split("\n", 1)[0] + "\n"
    target = MODELINE.fullmatch(first_line)
    assert target, first_line
    assert target.group(1) == "../../schemas/customer.schema.json"
    # yaml-language-server resolves the path from the record's folder
    resolved = (record.parent / target.group(1)).resolve()
    assert resolved == (project.root / "schemas" / "customer.schema.json").resolve()


def test_the_modeline_follows_a_content_folder_elsewhere(tmp_path):
    content = tmp_path / "site" / "content"
    content.mkdir(parents=True)
    new.run("customer", "globex", content, AS_OF, io.StringIO())
    first_line = (content / "customers" / "globex.yaml").read_text().split("\n", 1)[0]
    assert first_line == "# yaml-language-server: $schema=../../schemas/customer.schema.json"


def test_a_new_customer_passes_check_jsonschema_through_its_modeline(project, refcat):
    write_schema(refcat, "customer", project.root)
    new.run("customer", "globex-bank", project.content, AS_OF, io.StringIO())
    record = project.content / "customers" / "globex-bank.yaml"
    target = MODELINE.match(record.read_text(encoding="utf-8")).group(1)
    result = check_jsonschema(record.parent / target, record)
    assert result.returncode == 0, result.stdout + result.stderr
    check = refcat("check", "--content", "content", "--as-of", "2026-11-25", cwd=project.root)
    assert check.returncode == 0, check.stdout + check.stderr


def test_a_new_reference_keeps_its_front_matter_first(project):
    """yaml-language-server does not read front matter, and nothing may precede its `---`."""
    new.run("reference", "acme-payments-hub", project.content, AS_OF, io.StringIO())
    text = (project.content / "references" / "acme-payments-hub.md").read_text(encoding="utf-8")
    assert text.startswith("---\n")
    assert "yaml-language-server" not in text


def test_in_a_project_from_refcat_init_the_modeline_finds_the_schema(tmp_path):
    init.run(init.Project(tmp_path / "program"), AS_OF, io.StringIO())
    content = tmp_path / "program" / "content"
    new.run("customer", "globex-bank", content, AS_OF, io.StringIO())
    record = content / "customers" / "globex-bank.yaml"
    target = record.parent / MODELINE.match(record.read_text(encoding="utf-8")).group(1)
    assert target.is_file()
    result = check_jsonschema(target, record)
    assert result.returncode == 0, result.stdout + result.stderr
