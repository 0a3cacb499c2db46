"""A synthetic reference program of N references, for benchmarks.

    python bench/generate.py 10000 /tmp/program    # -> /tmp/program/content/...

N/5 customers (50-80 YAML lines each: consents, contacts, requests, nps, notes), N
references (about 30 lines of front matter and a 3-5 paragraph story, in one folder
per year), a taxonomy, and a few lifecycle files copied from the demo content (or
written in the endoflife.date format when the demo has none). Seeded: the same N
gives the same bytes. Most records are valid; a few percent carry the problems a
real program has (expired consents, old ratings, retired releases, raw HTML, a
mistyped date), so that every rule has work to do.
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
from datetime import date, timedelta
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
LIFECYCLE_FILES = ("postgresql", "rhel", "windows-server", "apache-kafka", "tomcat", "redis")
AS_OF = date(2026, 11, 25)

SECTORS = {
    "banking": "open",
    "insurance": "open",
    "asset-management": "restricted",
    "public-sector": "open",
    "healthcare": "open",
    "manufacturing": "open",
    "retail": "open",
    "logistics": "open",
    "energy": "open",
    "telecom": "open",
}
TECHNICAL = ("zero-downtime-migration", "real-time-integration", "high-availability")
TECHNICAL += ("legacy-modernization", "cloud-migration", "data-quality", "security")
COMMERCIAL = ("cost-reduction", "fast-time-to-value", "vendor-consolidation", "new-revenue")
PRODUCTS = ("data-hub", "integration-gateway", "stream-engine", "analytics-studio")
PRODUCTS += ("identity-broker", "legacy-connector")  # the last one is retired
REGIONS = dict.fromkeys(("DE", "FR", "GB", "SE"), "EMEA")
REGIONS |= dict.fromkeys(("US", "CA", "BR"), "Americas") | dict.fromkeys(("AU", "SG", "JP"), "APAC")
SCOPES = ("name", "logo", "quote", "case-study", "reference-call", "site-visit", "press")
FIRST = ("Anna", "Ben", "Chiara", "David", "Elif", "Farid", "Greta", "Hiro", "Ines", "Jonas")
LAST = ("Keller", "Moreau", "Okafor", "Lindqvist", "Tanaka", "Silva", "Novak", "Haddad")
WORDS = ("platform", "archive", "gateway", "portal", "analytics", "migration", "integration")
WORDS += ("monitoring", "onboarding", "reporting", "exchange", "catalog", "billing", "claims")
NAMES = ("Aurora", "Birch", "Cobalt", "Delta", "Ember", "Fjord", "Granite", "Harbor", "Iris")
NAMES += ("Juniper", "Kestrel", "Lumen", "Meridian", "Nimbus", "Orchard", "Pinecrest", "Vega")
SUFFIX = {
    "banking": "Bank",
    "insurance": "Mutual",
    "asset-management": "Capital",
    "public-sector": "Council",
    "healthcare": "Health",
    "manufacturing": "Werke",
    "retail": "Stores",
    "logistics": "Freight",
    "energy": "Power",
    "telecom": "Mobile",
}
SENTENCES = (
    "The old system had grown over fifteen years and nobody dared to change it any more.",
    "Every night a batch job copied the data, and every morning someone checked it by hand.",
    "The project team replaced the point-to-point interfaces with one integration layer.",
    "Business users now see the figures of the previous hour instead of the previous week.",
    "The migration ran in four waves, each over a weekend, without a single hour of downtime.",
    "Operating costs fell because three licences and two data centres could be given up.",
    "The auditors accepted the new reporting chain in the first review.",
    "Field staff use the same data on their tablets as the back office does at its desks.",
    "A small core team of six people ran the project together with the customer's IT.",
    "Alerts now reach the right person within minutes, and most are resolved the same day.",
)


def _day(rng: random.Random, start: date, end: date) -> date:
    return start + timedelta(days=rng.randrange(max((end - start).days, 1)))


def _person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def _cycles(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    header = text.split("\n---", 1)[0].removeprefix("---\n") if path.suffix == ".md" else text
    # BaseLoader keeps every scalar as written: "3.10" stays "3.10"
    releases = yaml.load(header, Loader=yaml.CBaseLoader)["releases"]
    return [release["releaseCycle"] for release in releases]


def _lifecycle(rng: random.Random, folder: Path) -> dict[str, list[str]]:
    """Copy a few real lifecycle files, or write endoflife.date-like ones."""
    folder.mkdir(parents=True)
    source = ROOT / "content" / "lifecycle"
    cycles: dict[str, list[str]] = {}
    for product in LIFECYCLE_FILES:
        real = source / f"{product}.md"
        if real.is_file():
            shutil.copyfile(real, folder / real.name)
            cycles[product] = _cycles(real)
            continue
        lines = [
            "---",
            f"title: {product.replace('-', ' ').title()}",
            "category: server-app",
            "releases:",
        ]
        for major in range(12, 0, -1):
            eol = date(2016 + major, rng.randrange(1, 13), 1)
            lines += [
                f'  - releaseCycle: "{major}"',
                f"    releaseDate: {eol.year - 5}-01-01",
                f"    eol: {eol}",
                f'    latest: "{major}.{rng.randrange(9)}"',
            ]
        (folder / f"{product}.md").write_text("\n".join([*lines, "---", ""]), encoding="utf-8")
        cycles[product] = [str(major) for major in range(12, 0, -1)]
    return cycles


def _taxonomy() -> str:
    lines = ["# Controlled vocabularies of the synthetic program.", "", "sectors:"]
    for slug, disclosure in SECTORS.items():
        lines += [
            f"  {slug}:",
            f"    label: {slug.replace('-', ' ').capitalize()}",
            f"    disclosure: {disclosure}",
        ]
    lines.append("strengths:")
    for kind, slugs in (("technical", TECHNICAL), ("commercial", COMMERCIAL)):
        for slug in slugs:
            lines += [
                f"  {slug}:",
                f"    label: {slug.replace('-', ' ').capitalize()}",
                f"    kind: {kind}",
                f"    description: What {slug} proves to a prospect.",
            ]
    lines.append("products:")
    for slug in PRODUCTS:
        lines += [f"  {slug}:", f"    label: Tessellate {slug.replace('-', ' ').title()}"]
        if slug == "legacy-connector":
            lines += ["    retired: 2025-06-30", "    successor: integration-gateway"]
    return "\n".join(lines) + "\n"


def _consents(rng: random.Random, odd: bool) -> list[str]:
    lines = ["consents:"]
    scopes = ["name", "case-study", "quote", *rng.sample(SCOPES[4:], rng.randrange(1, 3))]
    if rng.random() < 0.7:
        scopes.insert(1, "logo")
    for scope in scopes:
        granted = _day(rng, date(2019, 1, 1), date(2025, 6, 1))
        lines += [f"  - scope: {scope}", f"    granted: {granted}"]
        roll = rng.random()
        if roll < 0.06 or (odd and scope == "name"):
            ends = _day(rng, AS_OF - timedelta(days=400), AS_OF + timedelta(days=30))
            lines.append(f"    expires: {ends}")
        elif roll < 0.5:
            lines.append(f"    expires: {_day(rng, AS_OF + timedelta(days=90), date(2030, 1, 1))}")
        lines += [f"    by: {_person(rng)}", f"    evidence: Signed release {rng.randrange(10**6)}"]
    return lines


def _customer(rng: random.Random, slug: str, name: str, sector: str, odd: bool) -> str:
    country = rng.choice(list(REGIONS))
    grade = rng.choice("AAAAAAAAAAAAA222B1C") if not odd else rng.choice("BCD")
    reviewed = _day(rng, AS_OF - timedelta(days=420 if odd else 340), AS_OF)
    lines = [
        f"id: {slug}",
        f"name: {name}",
        f"sector: {sector}",
        f"country: {country}",
        f"region: {REGIONS[country]}",
        f"website: https://www.{slug}.example",
        "status:",
        "  state: active",
        f"  since: {_day(rng, date(2012, 1, 1), date(2023, 1, 1))}",
        "rating:",
        f'  grade: "{grade}"',
        f"  reviewed: {reviewed}",
        f"  by: {_person(rng)}",
        "  note: Good relationship with the project sponsor; happy to speak to prospects.",
        "forms: [passive, active]",
    ]
    lines += _consents(rng, odd)
    lines.append("contacts:")
    for index in range(rng.randrange(2, 4)):
        person = _person(rng)
        lines += [
            f"  - name: {person}",
            f"    role: {rng.choice(('CIO', 'CTO', 'Head of IT'))}",
            f"    email: {person.split()[0].lower()}@{slug}.example",
            f'    phone: "+49 30 555 {rng.randrange(1000, 9999)}"',
            "    languages: [en, de]",
            f"    referee: {'true' if index == 0 else 'false'}",
        ]
    lines.append("requests:")
    for _ in range(rng.randrange(1, 6 if odd else 3)):
        lines += [
            f"  - date: {_day(rng, AS_OF - timedelta(days=120), AS_OF)}",
            "    kind: reference-call",
            f"    by: {_person(rng)}",
            f"    prospect: {rng.choice(NAMES)} {rng.choice(WORDS).title()} Group",
            f"    outcome: {rng.choice(('done', 'won', 'lost', 'declined', 'pending'))}",
            f"    value: {rng.randrange(20, 900) * 1000}",
        ]
    lines.append("nps:")
    for _ in range(rng.randrange(1, 4)):
        lines += [
            f"  - date: {_day(rng, date(2023, 1, 1), AS_OF)}",
            f"    score: {rng.randrange(11)}",
        ]
    lines += [
        f"owner: {_person(rng)}",
        "notes: |",
        "  Renewal of the framework contract is due next spring; the sponsor",
        "  changed roles last year but stays our contact for references.",
    ]
    if odd and rng.random() < 0.3:
        lines.append("  They asked us <b>not</b> to mention the pilot.")
    return "\n".join(lines) + "\n"


def _reference(
    rng: random.Random, slug: str, customer: str, cycles: dict[str, list[str]], odd: bool
) -> tuple[int, str]:
    completed = _day(rng, date(2021, 6, 1), date(2026, 9, 1))
    products = rng.sample(PRODUCTS[:-1], 2) if rng.random() < 0.97 else ["legacy-connector"]
    newest = 6 if rng.random() < 0.1 else 2  # mostly current releases, a few retired ones
    technologies = [f"{p}@{rng.choice(cycles[p][:newest])}" for p in rng.sample(sorted(cycles), 2)]
    technical, commercial = rng.sample(TECHNICAL, 2), rng.sample(COMMERCIAL, 2)
    if odd and rng.random() < 0.2:
        technical[0] = "hi-availability"  # a typo the taxonomy rule finds
    day = f"{completed.year}-02-30" if odd and rng.random() < 0.1 else str(completed)
    lines = [
        "---",
        f"id: {slug}",
        f"customer: {customer}",
        f"title: {rng.choice(WORDS).title()} {rng.choice(WORDS)} for {rng.randrange(3, 60)} sites",
        f"summary: One {rng.choice(WORDS)} replaced {rng.randrange(2, 9)} old systems.",
        f"completed: {day}",
        f"publish: {'public' if rng.random() < 0.6 else 'internal'}",
        f"products: [{', '.join(products)}]",
        f"technologies: [{', '.join(technologies)}]",
        "strengths:",
        f"  technical: [{', '.join(technical)}]",
        f"  commercial: [{', '.join(commercial)}]",
        "benefits:",
        f"  - Reports available {rng.randrange(2, 24)} hours earlier",
        f"  - {rng.randrange(2, 9)} legacy systems retired",
        f"  - Operating costs down by {rng.randrange(5, 40)} %",
        "quote:",
        f"  text: {rng.choice(SENTENCES)}",
        f"  author: {_person(rng)}",
        "  role: Chief Information Officer",
    ]
    if rng.random() < 0.9:
        lines.append(f"  approved: {completed + timedelta(days=rng.randrange(20, 90))}")
    if rng.random() < 0.97:
        lines += [
            "evaluation:",
            f"  date: {completed + timedelta(days=rng.randrange(10, 60))}",
            f"  verdict: {'reference' if rng.random() < 0.95 else 'no-reference'}",
            f"  by: {_person(rng)}",
        ]
    if rng.random() < 0.3:
        lines.append(f"review_by: {_day(rng, AS_OF - timedelta(days=200), date(2028, 1, 1))}")
    lines += [
        "caveats: |",
        "  The first wave slipped by three weeks; the customer's",
        "  operations team remembers it.",
        "---",
        "",
    ]
    for _ in range(rng.randrange(3, 6)):
        lines += [" ".join(rng.sample(SENTENCES, 3)), " ".join(rng.sample(SENTENCES, 2)), ""]
    if odd and rng.random() < 0.1:
        lines += ['<img src="x" onerror="alert(1)">', ""]
    return completed.year, "\n".join(lines)


def _publishable_customer(text: str) -> str:
    """A customer whose references the review publishes: rated A, consents that last."""
    text = re.sub(r'grade: "."', 'grade: "A"', text)
    return re.sub(r"\n    expires: [0-9-]+", "", text)


def _publishable(text: str) -> tuple[int, str]:
    """A reference the review publishes: public, recent enough, on no retired release,
    its quote approved and its evaluation positive. Returns (year completed, text)."""
    front, body = text.split("\n---\n", 1)
    completed = date.fromisoformat(re.search(r"completed: ([0-9-]+)", front).group(1))
    if completed < AS_OF - timedelta(days=1500):  # shift every date: their order stays
        front = re.sub(r"\b(20\d\d)-", lambda m: f"{int(m.group(1)) + 1}-", front)
        completed = completed.replace(year=completed.year + 1)
    front = re.sub(
        r"\nreview_by: [0-9-]+", "", front.replace("publish: internal", "publish: public")
    )
    front = re.sub(r"technologies: \[.*\]", "technologies: []", front)
    front = front.replace("legacy-connector", "data-hub").replace("no-reference", "reference")
    day = completed + timedelta(days=30)
    if "  approved:" not in front:
        front = front.replace("  role: Chief", f"  approved: {day}\n  role: Chief", 1)
    if "evaluation:" not in front:
        front = front.replace(
            "\ncaveats:",
            f"\nevaluation:\n  date: {day}\n  verdict: reference\n  by: Anna Keller\ncaveats:",
            1,
        )
    return completed.year, f"{front}\n---\n{body}"


def generate(
    references: int, project: Path, seed: int = 20261125, all_public: bool = False
) -> Path:
    """Write the program into `project/content` and return that folder; `all_public`
    makes every reference one the review publishes on the public catalog (else about 60 %
    are marked public, and a few percent of the records carry problems)."""
    rng = random.Random(seed)
    content = project / "content"
    if content.exists():
        shutil.rmtree(content)
    (content / "customers").mkdir(parents=True)
    cycles = _lifecycle(rng, content / "lifecycle")
    (content / "taxonomy.yaml").write_text(_taxonomy(), encoding="utf-8")
    customers = []
    for number in range(max(references // 5, 1)):
        sector = rng.choice(list(SECTORS))
        name = f"{NAMES[number % len(NAMES)]} {rng.choice(WORDS).title()} {SUFFIX[sector]}"
        slug = f"{name.lower().replace(' ', '-')}-{number}"
        text = _customer(rng, slug, name, sector, odd=rng.random() < 0.08 and not all_public)
        text = _publishable_customer(text) if all_public else text
        (content / "customers" / f"{slug}.yaml").write_text(text, encoding="utf-8")
        customers.append(slug)
    for number in range(references):
        customer = customers[number % len(customers)]
        slug = f"{customer.rsplit('-', 1)[0][:40]}-{rng.choice(WORDS)}-{number}"
        odd = rng.random() < 0.05 and not all_public
        year, text = _reference(rng, slug, customer, cycles, odd)
        if all_public:
            year, text = _publishable(text)
        folder = content / "references" / str(year)
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{slug}.md").write_text(text, encoding="utf-8")
    return content


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("references", type=int)
    parser.add_argument("project", type=Path)
    parser.add_argument("--seed", type=int, default=20261125)
    parser.add_argument("--all-public", action="store_true", help="every reference public")
    args = parser.parse_args()
    print(generate(args.references, args.project, args.seed, args.all_public))


if __name__ == "__main__":
    main()
