"""The brand (REFCAT_BRAND): checked values, the files it publishes, a neutral theme without it."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from refcat.checks.policy import ConfigError
from refcat.generator.brand import brand_settings
from refcat.generator.brand_site import share_palette, site_brand
from refcat.generator.build.site import BUILTIN_THEME
from refcat.generator.build.unavailable import write_unavailable_site
from refcat.generator.cli import main

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "lumio"
AS_OF = "2026-11-25"
DEMO_LOOK = re.compile(r"tessellat|#3340c4|#8a93e6|#161a33", re.IGNORECASE)


@pytest.mark.parametrize(
    ("brand", "key"),
    [
        ({"colors": {"primary": "red; } body { x"}}, "colors.primary"),
        ({"colors": {"dark": "url(https://evil.example/x)"}}, "colors.dark"),
        ({"font": {"stack": "Inter; } * { color: red"}}, "font.stack"),
        ({"csp": {"script_src": ["'unsafe-inline'"]}}, "csp.script_src.0"),
        ({"csp": {"script_src": ["*"]}}, "csp.script_src.0"),
        ({"csp": {"script_src": ["data:"]}}, "csp.script_src.0"),
        ({"cta": {"text": "Go", "url": "javascript:alert(1)"}}, "cta.url"),
        ({"header_links": [{"text": "x", "url": "data:text/html,x"}]}, "header_links.0.url"),
        ({"logo": "../../etc/passwd"}, "logo"),
        ({"header_template": "../base.html"}, "header_template"),
        ({"colour": {"primary": "#fff"}}, "colour"),
    ],
)
def test_a_bad_value_names_the_settings_file_and_key(brand: dict, key: str):
    with pytest.raises(ConfigError, match=rf"^pelicanconf\.py: REFCAT_BRAND: {re.escape(key)}: "):
        brand_settings({"REFCAT_BRAND": brand}, "pelicanconf.py")


def test_colours_fonts_and_sources_a_marketer_writes_are_accepted():
    brand = brand_settings(
        {
            "REFCAT_BRAND": {
                "colors": {"primary": "#0B6E4F", "accent": "rgb(244, 162, 89)", "ink": "#123"},
                "font": {"stack": "\"Open Sans\", 'Segoe UI', Arial, sans-serif"},
                "csp": {"script_src": ["https://plausible.io", "https://*.example.com:8443/js"]},
                "cta": {"text": "Book a demo", "url": "mailto:sales@acme.example"},
            }
        },
        "pelicanconf.py",
    )
    assert brand.colors.accent == "rgb(244, 162, 89)"


def test_the_brand_stylesheet_carries_the_colours_and_fonts(tmp_path: Path):
    brand = site_brand({"REFCAT_BRAND": _example_brand(), "PATH": str(EXAMPLE / "content")}, None)
    css = brand.files["theme/css/brand.css"].decode()
    assert "--brand-primary: #0b6e4f;" in css
    assert '--brand-font: "Open Sans", "Segoe UI", Arial, sans-serif;' in css
    assert css.count("@font-face") == 2
    fonts = [path for path in brand.files if path.endswith(".woff2")]
    assert all(brand.files[path].startswith(b"wOF2") for path in fonts) and len(fonts) == 2


def test_analytics_sources_reach_the_public_policy_only():
    brand = site_brand({"REFCAT_BRAND": _example_brand(), "PATH": str(EXAMPLE / "content")}, None)
    assert "script-src 'self' 'wasm-unsafe-eval' https://plausible.io;" in brand.csp("public")
    assert "plausible" not in brand.csp("internal")
    assert "'unsafe-inline'" not in brand.csp("public")


def test_a_logo_is_published_sanitized(tmp_path: Path):
    (tmp_path / "logo.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script>'
        '<rect width="4" height="4" onclick="x()"/></svg>',
        encoding="utf-8",
    )
    brand = site_brand({"REFCAT_BRAND": {"logo": "logo.svg"}}, tmp_path / "pelicanconf.py")
    published = brand.files[brand.logo_url or ""].decode()
    assert "<rect" in published and "script" not in published and "onclick" not in published


@pytest.mark.parametrize(
    ("brand", "message"),
    [
        ({"logo": "missing.svg"}, "logo: no file 'missing.svg'"),
        ({"logo": "pelicanconf.py"}, "logo: 'pelicanconf.py'"),
        ({"font": {"stack": "X", "files": [{"path": "pelicanconf.py"}]}}, "not a woff2 or woff"),
        ({"footer_template": "brand/footer.html"}, "no template 'brand/footer.html'"),
    ],
)
def test_a_file_that_is_missing_or_not_what_it_should_be_is_refused(
    tmp_path: Path, brand: dict, message: str
):
    settings = tmp_path / "pelicanconf.py"
    settings.write_text("SITENAME = 'x'\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=re.escape(message)):
        site_brand({"REFCAT_BRAND": brand, "PATH": str(tmp_path)}, settings)


def test_the_theme_holds_nothing_of_the_demo_company():
    for path in (BUILTIN_THEME / "templates").rglob("*"):
        if path.is_file():
            assert not DEMO_LOOK.search(path.read_text(encoding="utf-8")), path
    for path in (BUILTIN_THEME / "static").rglob("*"):
        if path.suffix in {".css", ".js", ".svg", ".html"}:
            assert not DEMO_LOOK.search(path.read_text(encoding="utf-8")), path


def test_a_bad_brand_stops_the_build_with_exit_2(tmp_path: Path, capsys):
    project = _copy_example(tmp_path)
    settings = project / "pelicanconf.py"
    text = settings.read_text(encoding="utf-8").replace('"#0b6e4f"', '"green; } a {"', 1)
    settings.write_text(text, encoding="utf-8")
    code = main([*_build_arguments(project), "--output", str(tmp_path / "out")])
    assert code == 2
    assert f"{settings}: REFCAT_BRAND: colors.primary: not a CSS colour" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_the_example_builds_in_its_brand_and_passes_the_leak_guard(tmp_path: Path):
    project = _copy_example(tmp_path)
    assert main([*_build_arguments(project), "--output", str(tmp_path / "out")]) == 0
    public = tmp_path / "out" / "public"
    page = _reference_page(public, "kestrel-multi-currency-bookings")
    assert "Book a demo" in page and "https://www.lumio.example/demo" in page
    assert "Pricing" in page and "About Lumio" in page and "brand/logo.svg" in page
    assert (public / "theme" / "brand" / "logo.svg").is_file()
    assert "plausible.io" in page and '<meta name="theme-color"' in page  # head partial
    internal = (tmp_path / "out" / "internal" / "index.html").read_text("utf-8")
    assert "Lumio" in internal and "plausible.io" not in internal
    for path in public.rglob("*"):
        if path.suffix in {".html", ".css", ".json", ".svg"}:
            assert not DEMO_LOOK.search(path.read_text("utf-8", errors="replace")), path


def test_without_brand_settings_the_catalog_is_neutral_and_named_by_sitename(tmp_path: Path):
    folder = tmp_path / "acme"
    assert main(["init", str(folder), "--name", "Acme stories", "--author", "Acme"]) == 0
    out = tmp_path / "out"
    arguments = ["--content", str(folder / "content"), "--settings", str(folder / "pelicanconf.py")]
    assert main(["build", *arguments, "--as-of", AS_OF, "--output", str(out)]) == 0
    home = (out / "public" / "index.html").read_text("utf-8")
    assert '<span class="brand__name">Acme stories</span>' in home
    assert "brand__logo" not in home and "cta__button" not in home
    assert "--brand-primary" not in (out / "public" / "theme/css/brand.css").read_text("utf-8")
    assert "November 2026" not in _footer(home)  # no date: pages change only with content


def test_the_unavailable_page_wears_the_brand(tmp_path: Path):
    write_unavailable_site(tmp_path / "site", EXAMPLE / "pelicanconf.py")
    page = (tmp_path / "site" / "index.html").read_text("utf-8")
    assert '<span class="brand__name">Lumio</span>' in page
    assert "#0b6e4f" in (tmp_path / "site" / "theme/css/brand.css").read_text("utf-8")
    assert (tmp_path / "site" / "theme/brand/logo.svg").is_file()


def test_share_images_take_the_brands_dark_and_accent_colours():
    brand = site_brand({"REFCAT_BRAND": _example_brand(), "PATH": str(EXAMPLE / "content")}, None)
    palette = share_palette(brand)
    assert (palette.background, palette.accent) == ("#0d2b22", "#f4a259")


def _example_brand() -> dict:
    from refcat.checks.policy import load_settings

    brand = dict(load_settings(EXAMPLE / "pelicanconf.py")["REFCAT_BRAND"])  # type: ignore[arg-type]
    brand["logo"] = "brand/lumio.svg"  # relative to content/ when no settings file is named
    brand["font"] = {
        **brand["font"],
        "files": [
            {**f, "path": f["path"].removeprefix("content/")} for f in brand["font"]["files"]
        ],
    }
    brand.pop("head_template")
    return brand


def _copy_example(tmp_path: Path) -> Path:
    project = tmp_path / "lumio"
    shutil.copytree(EXAMPLE, project, ignore=shutil.ignore_patterns(".refcat-cache"))
    return project


def _build_arguments(project: Path) -> list[str]:
    content, settings = project / "content", project / "pelicanconf.py"
    return ["build", "--content", str(content), "--settings", str(settings), "--as-of", AS_OF]


def _footer(html: str) -> str:
    return html[html.index('<footer class="site-footer">') :]


def _reference_page(public: Path, slug: str) -> str:
    """A reference page: `references/<slug>/index.html`, or `<slug>.html` where that is all."""
    clean = public / "references" / slug / "index.html"
    return (clean if clean.is_file() else public / "references" / f"{slug}.html").read_text("utf-8")
