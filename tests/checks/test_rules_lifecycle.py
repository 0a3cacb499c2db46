"""technology-eol, technology-eol-soon, unknown-technology and the lifecycle file traps."""

from __future__ import annotations

from tests.factories import AS_OF, day, line_of, only, rules


def release(cycle: str, eol: object, **more: object) -> dict:
    return {"releaseCycle": cycle, "releaseDate": day(-2000), "eol": eol, "latest": "1.2.3", **more}


def uses(project, *technologies: str):
    return project.reference(technologies=list(technologies))


# -- technology-eol -------------------------------------------------------------------


def test_release_ending_on_the_day_is_eol(project):
    project.lifecycle("tomcat", [release("9.0", AS_OF), release("8.5", day(-400))])
    path = uses(project, "tomcat@9.0")
    report = project.review()
    finding = only(report, "technology-eol")
    assert (finding.severity, finding.path, finding.record) == (
        "error",
        project.path(path),
        "acme-core",
    )
    assert finding.line == line_of(path, "- tomcat@9.0")
    assert finding.references == ("acme-core",)
    assert finding.message == f"tomcat@9.0 reached its end of life on {AS_OF}"
    assert report.published == frozenset()


def test_release_ending_the_day_after_is_not_eol_yet(project):
    project.lifecycle("tomcat", [release("9.0", day(1))])
    uses(project, "tomcat@9.0")
    assert rules(project.review()) == ["technology-eol-soon"]


def test_eol_true_is_ended_and_eol_false_is_not(project):
    project.lifecycle("nodejs", [release("3", True), release("22", False)])
    path = uses(project, "nodejs@22", "nodejs@3")
    finding = only(project.review(), "technology-eol")
    assert finding.line == line_of(path, "- nodejs@3")
    assert finding.message == "nodejs@3 reached its end of life"
    uses(project, "nodejs@22")
    assert project.review().findings == ()


def test_internal_reference_on_eol_technology_is_a_warning(project):
    project.lifecycle("centos", [release("7", day(-100))])
    project.reference(publish="internal", technologies=["centos@7"])
    report = project.review()
    assert only(report, "technology-eol").severity == "warning"
    assert report.errors == 0


# -- technology-eol-soon --------------------------------------------------------------


def test_eol_soon_warns_exactly_eol_warn_days_ahead(project):
    project.lifecycle("tomcat", [release("9.0", day(180)), release("10.1", day(181))])
    path = uses(project, "tomcat@9.0", "tomcat@10.1")
    report = project.review()
    finding = only(report, "technology-eol-soon")
    assert (finding.severity, finding.line) == ("warning", line_of(path, "- tomcat@9.0"))
    assert finding.message == f"tomcat@9.0 reaches its end of life on {day(180)}, in 180 days"
    assert report.published == {"acme-core"}


def test_eol_warn_days_comes_from_the_policy(project):
    project.policy(eol_warn_days=5)
    project.lifecycle("tomcat", [release("9.0", day(5)), release("10.1", day(6))])
    uses(project, "tomcat@10.1")
    assert project.review().findings == ()
    uses(project, "tomcat@9.0")
    assert rules(project.review()) == ["technology-eol-soon"]


# -- lifecycle_field ------------------------------------------------------------------


def test_only_eol_counts_by_default_and_eoes_when_the_policy_says_so(project):
    project.lifecycle("oracle-jdk", [release("8", day(-900), eoas=day(-1000), eoes=day(1500))])
    uses(project, "oracle-jdk@8")
    assert rules(project.review()) == ["technology-eol"]
    project.policy(lifecycle_field="eoes")
    assert project.review().findings == ()


def test_eoes_policy_counts_the_extended_end_and_falls_back_to_eol(project):
    project.policy(lifecycle_field="eoes")
    project.lifecycle(
        "rhel",
        [
            release("9", day(900), eoes=AS_OF),
            release("8", day(100)),
            release("7", day(-9), eoes=True),
        ],
    )
    uses(project, "rhel@9", "rhel@8", "rhel@7")
    report = project.review()
    assert {f.message for f in report.findings} == {
        f"rhel@9 reached its end of life on {AS_OF}",
        f"rhel@8 reaches its end of life on {day(100)}, in 100 days",
        "rhel@7 reached its end of life",
    }


def test_eoes_false_means_extended_support_has_not_ended(project):
    project.policy(lifecycle_field="eoes")
    project.lifecycle("angular", [release("14", day(-700), eoes=False)])
    uses(project, "angular@14")
    assert project.review().findings == ()


# -- unknown-technology ---------------------------------------------------------------


def test_unknown_product_is_reported_on_its_line(project):
    project.lifecycle("tomcat", [release("9.0", day(900))])
    path = uses(project, "tomcat@9.0", "tomkat@9.0")
    report = project.review()
    finding = only(report, "unknown-technology")
    assert (finding.severity, finding.path) == ("error", project.path(path))
    assert finding.line == line_of(path, "- tomkat@9.0")
    assert finding.references == ("acme-core",)
    assert finding.message == "No lifecycle file for 'tomkat'"
    assert report.published == frozenset()


def test_unknown_cycle_is_reported_even_for_an_internal_reference(project):
    project.lifecycle("windows-server", [release("2012-r2", day(-400))])
    path = project.reference(publish="internal", technologies=["windows-server@2012r2"])
    finding = only(project.review(), "unknown-technology")
    assert (finding.severity, finding.line) == ("error", line_of(path, "2012r2"))
    assert "2012-r2" in finding.hint


def test_cycle_is_compared_as_written_even_unquoted(project):
    project.write(
        "lifecycle/python.md",
        "---\ntitle: Python\nreleases:\n"
        '  - releaseCycle: "3.10"\n    eol: 2026-10-31\n'
        "  - releaseCycle: 3.9\n    eol: 2025-10-31\n"
        "  - releaseCycle: 3.20\n    eol: false\n---\n",
    )
    uses(project, "python@3.10", "python@3.9", "python@3.20")
    assert rules(project.review()) == ["technology-eol", "technology-eol"]
    path = uses(project, "python@3.1", "python@3.2")
    report = project.review()
    assert rules(report) == ["unknown-technology", "unknown-technology"]
    assert [f.line for f in report.findings] == [
        line_of(path, "- python@3.1"),
        line_of(path, "- python@3.2"),
    ]


def test_the_auto_block_is_scraper_configuration_not_releases(project):
    project.write(
        "lifecycle/gitlab.md",
        "---\ntitle: GitLab\nauto:\n  methods:\n  - release_table: https://example.org\n"
        '    fields:\n      releaseCycle: "Branch"\n      eol: "LTS ends"\n'
        '  - releaseCycle: "9.9"\n    eol: 2020-01-01\n'
        'releases:\n  - releaseCycle: "18.10"\n    eol: false\n---\n\nGitLab notes.\n',
    )
    uses(project, "gitlab@18.10")
    assert project.review().findings == ()
    uses(project, "gitlab@9.9")
    assert rules(project.review()) == ["unknown-technology"]


def test_a_lifecycle_body_with_rule_lines_is_not_front_matter(project):
    project.write(
        "lifecycle/ubuntu.md",
        '---\ntitle: Ubuntu\nreleases:\n  - releaseCycle: "24.04"\n    eol: 2029-05-31\n'
        "---\n\n> Ubuntu notes\n\n---\n\nreleases: nonsense\n---\n",
    )
    uses(project, "ubuntu@24.04")
    assert project.review().findings == ()


def test_plain_yaml_lifecycle_files_are_read_too(project):
    project.lifecycle("redis", [release("7.2", False)], fmt="yaml")
    uses(project, "redis@7.2")
    assert project.review().findings == ()


def test_broken_lifecycle_file_lists_its_users_and_they_get_no_unknown_technology(project):
    path = project.write("lifecycle/tomcat.md", "---\nreleases:\n  - releaseCycle: [9.0\n---\n")
    project.reference("acme-other", technologies=["tomcat@9.0"])
    project.reference(publish="internal")
    report = project.review()
    finding = only(report, "invalid-yaml")
    assert (finding.path, finding.record) == (project.path(path), "tomcat")
    assert finding.references == ("acme-other",)
    assert "unknown-technology" not in rules(report)
    assert report.published == frozenset()


def test_release_without_eol_is_invalid_on_its_line(project):
    path = project.lifecycle("nginx", [release("1.26", day(300)), {"releaseCycle": "1.25"}])
    finding = only(project.review(), "invalid-record")
    assert finding.line == line_of(path, "releaseCycle: '1.25'")
    assert "eol" in finding.message


def test_an_eol_date_that_does_not_exist_is_reported_as_such(project):
    path = project.write(
        "lifecycle/nginx.md", '---\nreleases:\n  - releaseCycle: "1.26"\n    eol: 2026-02-30\n---\n'
    )
    finding = only(project.review(), "invalid-record")
    assert (finding.path, finding.line) == (project.path(path), 4)
    assert finding.message == "'releases[0].eol': 2026-02-30 is not a date that exists"
