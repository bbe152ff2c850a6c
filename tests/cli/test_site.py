"""`charter site DIR` (issue 18): the static website of a registry.

Built from the example registry and from a generated one (scale 0.01); every
page well-formed HTML5 (Python's html.parser: every element closed, ids
unique), every internal link and anchor resolving, facts worked out from
the registry's own document, the same bytes twice, people left out with
--no-people, and headless Chromium opening pages without a console error
and finding AWS by its alias."""

from __future__ import annotations

import datetime
import html.parser
import json
import os
import pathlib
import re
import shutil
import subprocess
import urllib.parse
from typing import Any

import pytest

from conftest import EXAMPLE, SOURCE_DIR, Charter

AT = "2023-06-01"
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Page(html.parser.HTMLParser):
    """One page read strictly: a stack of open elements, ids, links."""

    def __init__(self, name: str) -> None:
        super().__init__(convert_charrefs=True)
        self.name = name
        self.stack: list[str] = []
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.doctype = False
        self.text: list[str] = []

    def handle_decl(self, decl: str) -> None:
        self.doctype = self.doctype or decl.lower() == "doctype html"

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if "id" in values:
            assert values["id"] not in self.ids, (self.name, "duplicate id", values["id"])
            self.ids.add(str(values["id"]))
        for key in ("href", "src"):
            if values.get(key) is not None and tag != "svg":
                self.links.append(str(values[key]))
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        # <rect/> inside inline SVG is fine; an HTML element may not be.
        assert tag in VOID or "svg" in self.stack, (self.name, "self-closed", tag)
        values = dict(attrs)
        if "id" in values:
            assert values["id"] not in self.ids, (self.name, "duplicate id", values["id"])
            self.ids.add(str(values["id"]))

    def handle_endtag(self, tag: str) -> None:
        assert tag not in VOID, (self.name, "end tag of a void element", tag)
        assert self.stack and self.stack[-1] == tag, (self.name, "unbalanced", tag, self.stack[-5:])
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def read_site(root: pathlib.Path) -> dict[str, Page]:
    pages = {}
    for file in sorted(root.rglob("*.html")):
        name = file.relative_to(root).as_posix()
        page = Page(name)
        page.feed(file.read_text(encoding="utf-8"))
        page.close()
        assert page.doctype, name
        assert page.stack == [], (name, "left open", page.stack)
        pages[name] = page
    return pages


def check_links(root: pathlib.Path, pages: dict[str, Page]) -> int:
    """Every relative href and src names a file of the site, and every
    #anchor an id on the page it points to. Returns how many were checked."""
    checked = 0
    for name, page in pages.items():
        for link in page.links:
            parts = urllib.parse.urlsplit(link)
            if parts.scheme in ("http", "https"):
                continue
            assert not parts.scheme and not parts.netloc and not link.startswith("/"), (name, link)
            target = (root / name).parent / urllib.parse.unquote(parts.path) if parts.path else root / name
            target = target.resolve()
            assert target.is_file(), (name, link)
            assert root.resolve() in target.parents, (name, link)
            if parts.fragment:
                other = target.relative_to(root.resolve()).as_posix()
                assert parts.fragment in pages[other].ids, (name, link)
            checked += 1
    return checked


def members_on(doc: dict[str, Any], foundation: str, on: str) -> dict[str, set[str]]:
    by_tier: dict[str, set[str]] = {}
    for m in doc.get("memberships", []):
        if m["foundation"] == foundation and m["from"] <= on and (m.get("to") is None or on < m["to"]):
            by_tier.setdefault(m["tier"], set()).add(m["org"])
    return by_tier


@pytest.fixture(scope="module")
def example_site(tmp_path_factory: pytest.TempPathFactory) -> pathlib.Path:
    folder = tmp_path_factory.mktemp("site")
    charter = Charter(os.environ["CHARTER_EXE"], folder)
    charter.ok("init")
    charter.ok("import", str(EXAMPLE))
    charter.ok("site", "public", "--at", AT)
    return folder / "public"


def test_every_page_is_well_formed_and_every_link_resolves(example_site: pathlib.Path) -> None:
    pages = read_site(example_site)
    doc = json.loads(EXAMPLE.read_text())
    expected = {"index.html", "organizations.html", "bodies.html", "projects.html", "people.html"}
    for kind, folder in (("foundations", "foundation"), ("organizations", "organization"),
                         ("people", "person"), ("bodies", "body"), ("projects", "project")):
        expected |= {f"{folder}/{r['id']}.html" for r in doc.get(kind, [])}
    expected |= {f"history/{f['id']}.html" for f in doc["foundations"]}
    assert set(pages) == expected
    assert check_links(example_site, pages) > 100
    # Every record's page links the JSON of what it shows, which parses.
    for name, page in pages.items():
        json_file = name[:-5] + ".json"
        if (example_site / json_file).exists():
            assert any(link.endswith(pathlib.PurePosixPath(json_file).name) for link in page.links), name
            json.loads((example_site / json_file).read_text())


def test_foundation_page_shows_members_per_tier_as_the_registry_holds(example_site: pathlib.Path) -> None:
    doc = json.loads(EXAMPLE.read_text())
    for f in doc["foundations"]:
        data = json.loads((example_site / "foundation" / f"{f['id']}.json").read_text())
        expected = members_on(doc, f["id"], AT)
        got = {t["id"]: {m["org"] for m in t["members"]} for t in data["roster"]["tiers"]}
        assert {k: v for k, v in got.items() if v} == expected
        text = (example_site / "foundation" / f"{f['id']}.html").read_text()
        for tier in f.get("tiers", []):
            n = len(expected.get(tier["id"], ()))
            assert f"{tier['name']} (rank {tier['rank']}): {n} member" in text
            for org in expected.get(tier["id"], ()):
                assert f'href="../organization/{org}.html"' in text
    # The six founding premier members, AWS among them, in the Amazon family.
    pytorch = (example_site / "foundation" / "pytorch-foundation.html").read_text()
    assert "Premier (rank 1): 6 members" in pytorch
    assert 'href="../organization/amazon.html">Amazon</a>' in pytorch


def test_index_links_the_downloads_and_they_are_the_registry(example_site: pathlib.Path) -> None:
    index = (example_site / "index.html").read_text()
    for download in ("registry.json", "popolo.json", "index.json"):
        assert f'href="{download}"' in index
    assert json.loads((example_site / "registry.json").read_text()) == json.loads(EXAMPLE.read_text())
    popolo = json.loads((example_site / "popolo.json").read_text())
    assert {p["id"] for p in popolo["persons"]} == {"person/" + p["id"] for p in json.loads(EXAMPLE.read_text())["people"]}
    hierarchy = json.loads((example_site / "index.json").read_text())["foundations"]
    assert {f["id"]: f["parent"] for f in hierarchy} == {
        f["id"]: f.get("parent") for f in json.loads(EXAMPLE.read_text())["foundations"]}


def test_person_and_organization_pages(example_site: pathlib.Path) -> None:
    person = json.loads((example_site / "person" / "jim-zemlin.json").read_text())
    assert [r["title"] for r in person["roles"]] == ["Executive Director"]
    assert [a["org"] for a in person["affiliations"]] == ["linux-foundation"]
    aws = json.loads((example_site / "organization" / "aws.json").read_text())
    assert aws["family"] == "amazon" and aws["aliases"] == ["AWS"]
    assert [m["foundation"] for m in aws["memberships"]] == ["pytorch-foundation"]


def test_search_index_holds_names_aliases_and_ids(example_site: pathlib.Path) -> None:
    text = (example_site / "assets" / "search-index.js").read_text()
    entries = json.loads(text[text.index("["):text.rindex("]") + 1])
    assert ["organization", "aws", "Amazon Web Services", "AWS"] in entries
    assert any(e[0] == "person" and e[1] == "jim-zemlin" for e in entries)


def test_same_registry_same_bytes(charter: Charter) -> None:
    charter.ok("init")
    charter.ok("import", str(EXAMPLE))
    charter.ok("site", "a", "--at", AT)
    charter.ok("site", "b", "--at", AT)
    a, b = charter.folder / "a", charter.folder / "b"
    files = sorted(p.relative_to(a).as_posix() for p in a.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(b).as_posix() for p in b.rglob("*") if p.is_file())
    for name in files:
        assert (a / name).read_bytes() == (b / name).read_bytes(), name


def test_no_people_leaves_every_person_out(charter: Charter) -> None:
    charter.ok("init")
    charter.ok("import", str(EXAMPLE))
    out = charter.ok("site", "public", "--at", AT, "--no-people").stdout
    assert "without people" in out
    root = charter.folder / "public"
    assert not (root / "person").exists() and not (root / "people.html").exists()
    assert not (root / "registry.json").exists()
    people = json.loads(EXAMPLE.read_text())["people"]
    for file in root.rglob("*"):
        if file.is_file():
            text = file.read_text(encoding="utf-8")
            for p in people:
                assert p["name"] not in text and p["id"] not in text, (file, p["id"])
    pages = read_site(root)
    check_links(root, pages)


def test_default_date_is_today_and_bad_usage_fails(charter: Charter) -> None:
    charter.ok("init")
    charter.ok("import", str(EXAMPLE))
    charter.ok("site", "public")
    today = datetime.datetime.now(datetime.timezone.utc).date().isoformat()
    assert json.loads((charter.folder / "public" / "index.json").read_text())["date"] == today
    assert charter("site").returncode == 2
    assert charter("site", "x", "--at", "2023-02-30").returncode == 2


def generator() -> pathlib.Path | None:
    named = os.environ.get("CHARTER_GENERATE")
    if named:
        return pathlib.Path(named)
    built = pathlib.Path(os.environ["CHARTER_EXE"]).resolve().parents[2] / "bench" / "charter_generate"
    return built if built.exists() else None


def test_generated_registry_at_scale_001(charter: Charter) -> None:
    exe = generator()
    if exe is None:
        pytest.skip("charter_generate is not built (configure with -DCHARTER_BUILD_BENCH=ON, or set CHARTER_GENERATE)")
    document = charter.folder / "generated.json"
    subprocess.run([str(exe), "--scale", "0.01", "--seed", "42", "-o", str(document)], check=True,
                   capture_output=True, timeout=300)
    charter.ok("init")
    charter.ok("import", str(document))
    charter.ok("site", "public", "--at", AT)
    root = charter.folder / "public"
    pages = read_site(root)
    doc = json.loads(document.read_text())
    assert len([p for p in pages if p.startswith("organization/")]) >= len(doc["organizations"])
    assert len([p for p in pages if p.startswith("person/")]) >= len(doc["people"])
    assert check_links(root, pages) > 10_000
    for f in doc["foundations"][:5]:
        data = json.loads((root / "foundation" / f"{f['id']}.json").read_text())
        got = {t["id"]: {m["org"] for m in t["members"]} for t in data["roster"]["tiers"]}
        assert {k: v for k, v in got.items() if v} == members_on(doc, f["id"], AT)
    # Every body's page counts the seats the registry holds on the date.
    held: dict[str, int] = {}
    for s in doc["seats"]:
        if s["from"] <= AT and (s.get("to") is None or AT < s["to"]):
            held[s["body"]] = held.get(s["body"], 0) + 1
    for b in doc["bodies"][:40]:
        board = json.loads((root / "body" / f"{b['id']}.json").read_text())["board"]
        assert board["filled"] == held.get(b["id"], 0), b["id"]


# ---- headless Chromium

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
needs_chromium = pytest.mark.skipif(
    CHROMIUM is None, reason="chromium is not on PATH: the browser tests of the site are skipped "
                             "(scripts/run test installs it; or apt-get install chromium)")


def chromium(folder: pathlib.Path, url: str, *flags: str) -> subprocess.CompletedProcess[str]:
    assert CHROMIUM is not None
    return subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions",
         "--disable-background-networking", "--disable-sync", "--enable-logging=stderr", "--v=0",
         f"--user-data-dir={folder / 'profile'}", "--virtual-time-budget=5000", *flags, url],
        capture_output=True, text=True, timeout=120)


CONSOLE = re.compile(r"CONSOLE|Uncaught|Refused to|Failed to load|net::ERR_", re.IGNORECASE)


@needs_chromium
@pytest.mark.parametrize("page", ["index.html", "foundation/pytorch-foundation.html", "person/jim-zemlin.html"])
def test_chromium_opens_pages_without_console_errors(example_site: pathlib.Path, tmp_path: pathlib.Path,
                                                     page: str) -> None:
    shot = tmp_path / "page.png"
    run = chromium(tmp_path, (example_site / page).as_uri(), f"--screenshot={shot}", "--window-size=1200,1600")
    assert shot.exists() and shot.stat().st_size > 10_000, run.stderr[-2000:]
    errors = [line for line in run.stderr.splitlines() if CONSOLE.search(line)]
    assert errors == [], errors
    keep = os.environ.get("CHARTER_SITE_SCREENSHOTS")
    if keep:
        pathlib.Path(keep).mkdir(parents=True, exist_ok=True)
        shutil.copy(shot, pathlib.Path(keep) / (page.replace("/", "-")[:-5] + ".png"))


@needs_chromium
def test_chromium_search_finds_aws_by_alias(example_site: pathlib.Path, tmp_path: pathlib.Path) -> None:
    run = chromium(tmp_path, (example_site / "index.html").as_uri() + "?q=AWS", "--dump-dom")
    errors = [line for line in run.stderr.splitlines() if CONSOLE.search(line)]
    assert errors == [], errors
    results = run.stdout[run.stdout.index('id="search-results"'):]
    results = results[:results.index("</ul>")]
    first = re.search(r'<a href="([^"]+)">([^<]+)</a>', results)
    assert first and first.groups() == ("organization/aws.html", "Amazon Web Services"), results
    # The search box is shown by the script; without it, the form stays hidden.
    assert '<form id="search" role="search" data-root=""' in run.stdout
