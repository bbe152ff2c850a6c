"""Reports good to look at (issue 18): the charts' structure, colours,
contrast and label layout, the HTML page's print, contents and dark rules,
and the per-member sections of dues and timeline.

Facts are worked out here from examples/data/pytorch-foundation.json (read
as JSON), or from a variant of it made below with fees, seats, a cap and
tier changes, never taken from the program's own output.
"""

from __future__ import annotations

import copy
import csv
import io
import json
import pathlib
import re
import xml.etree.ElementTree as ET

import pytest

from conftest import EXAMPLE, Charter

SVG = "{http://www.w3.org/2000/svg}"
PF = "pytorch-foundation"
LAUNCH = "2022-09-12"


def example() -> dict:
    return json.loads(EXAMPLE.read_text(encoding="utf-8"))


def variant() -> dict:
    """The example with fees, a tier change, a departure, a new member and a
    board with seats held for two families under a cap of 2 per family."""
    d = copy.deepcopy(example())
    fd = next(f for f in d["foundations"] if f["id"] == PF)
    fees = {"premier": "1000000.00", "general": "150000.00", "associate": "0"}
    for t in fd["tiers"]:
        t["annual_fee"] = {"amount": float(fees[t["id"]]), "currency": "USD"}
    ms = d["memberships"]
    nvidia = next(m for m in ms if m["org"] == "nvidia")
    nvidia["to"] = "2023-06-01"
    ms.append({"org": "nvidia", "foundation": PF, "tier": "general", "from": "2023-06-01"})
    amd = next(m for m in ms if m["org"] == "amd")
    amd["to"] = "2024-01-01"  # leaves
    ms.append({"org": "linux-foundation", "foundation": PF, "tier": "associate", "from": "2023-03-01"})
    board = d["bodies"][0]
    board["rules"] = {"max_per_family": 2}
    d["seats"] = [
        {"body": "pytorch-board", "class": "premier", "person": "soumith-chintala", "represents": "meta",
         "from": LAUNCH, "office": "chair"},
        {"body": "pytorch-board", "class": "premier", "person": "mark-zuckerberg", "represents": "meta",
         "from": LAUNCH},
        {"body": "pytorch-board", "class": "premier", "person": "ian-buck", "represents": "nvidia", "from": LAUNCH},
        {"body": "pytorch-board", "class": "premier", "person": "andrew-moore", "represents": "google-cloud",
         "from": LAUNCH},
    ]
    return d


@pytest.fixture
def varied(charter: Charter) -> Charter:
    path = charter.folder / "variant.json"
    path.write_text(json.dumps(variant()), encoding="utf-8")
    charter.ok("init")
    charter.ok("import", str(path), "--actor", "loader", "--reason", "variant of the example")
    return charter


def report(c: Charter, kind: str, fmt: str, *args: str) -> str:
    return c.ok("report", kind, *args, "--format", fmt).stdout


BOARD = ("--body", "pytorch-board", "--at", LAUNCH)
TIMELINE = ("--project", "pytorch", "--foundation", PF)


# ---- WCAG 2, worked out here


def luminance(hex_colour: str) -> float:
    h = hex_colour.lstrip("#")
    assert len(h) == 6, hex_colour

    def channel(v: int) -> float:
        c = v / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(int(h[i:i + 2], 16)) for i in (0, 2, 4))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_the_contrast_formula_here() -> None:
    assert contrast("#ffffff", "#000000") == pytest.approx(21.0)
    assert contrast("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)  # the AA grey


# ---- SVG structure


def parse_svg(text: str) -> ET.Element:
    root = ET.fromstring(text)
    assert root.tag == SVG + "svg"
    return root


def check_svg_structure(text: str) -> None:
    root = parse_svg(text)
    assert root.get("role") == "img"
    title, desc = root.find(SVG + "title"), root.find(SVG + "desc")
    assert title is not None and title.text
    assert desc is not None and desc.text and len(desc.text) > 20
    labelled = (root.get("aria-labelledby") or "").split()
    assert title.get("id") in labelled and desc.get("id") in labelled
    box = [float(v) for v in root.get("viewBox", "").split()]
    assert len(box) == 4 and box[0] == 0 and box[1] == 0 and box[2] > 0 and box[3] > 0
    # Sized by the viewBox: width and height, when given, are both there,
    # unitless, and the viewBox's own.
    w, h = root.get("width"), root.get("height")
    assert (w is None) == (h is None)
    if w is not None:
        assert float(w) == box[2] and float(h) == box[3], (w, h, box)
    # Text is text, selectable: no text drawn as paths or images.
    assert root.find(f".//{SVG}image") is None
    assert root.findall(f".//{SVG}text")
    for t in root.iter(SVG + "text"):
        assert (t.text or "").strip(), ET.tostring(t)


@pytest.mark.parametrize("which", ["example", "variant"])
def test_svg_structure(which: str, loaded: Charter, tmp_path: pathlib.Path) -> None:
    c = loaded
    if which == "variant":
        c = Charter(loaded.exe, tmp_path / "v")
        c.folder.mkdir()
        (c.folder / "variant.json").write_text(json.dumps(variant()), encoding="utf-8")
        c.ok("init")
        c.ok("import", str(c.folder / "variant.json"), "--actor", "t", "--reason", "t")
    check_svg_structure(report(c, "board", "svg", *BOARD))
    check_svg_structure(report(c, "timeline", "svg", *TIMELINE))


# ---- Geometry: text boxes from the style's font sizes


def font_sizes(root: ET.Element) -> dict[str, float]:
    style = root.find(SVG + "style")
    assert style is not None and style.text
    sizes = {"": float(re.search(r"text\{[^}]*font-size:(\d+)px", style.text).group(1))}
    for cls, px in re.findall(r"\.([a-z-]+)\{[^}]*font-size:(\d+)px", style.text):
        sizes[cls] = float(px)
    return sizes


def text_boxes(root: ET.Element) -> list[tuple[str, tuple[float, float, float, float]]]:
    """Each text's box: 0.6 em a character (no narrower than the faces the
    style names set these labels), from the baseline up one em."""
    sizes = font_sizes(root)
    out = []
    for t in root.iter(SVG + "text"):
        size = sizes.get(t.get("class", ""), sizes[""])
        s = t.text or ""
        w = 0.6 * size * len(s)
        x, y = float(t.get("x")), float(t.get("y"))
        anchor = t.get("text-anchor", "start")
        x0 = x - w if anchor == "end" else x - w / 2 if anchor == "middle" else x
        out.append((s, (x0, y - size * 0.8, x0 + w, y + size * 0.2)))
    return out


def rects(root: ET.Element) -> list[tuple[str, tuple[float, float, float, float]]]:
    out = []
    for r in root.iter(SVG + "rect"):
        if r.get("class") == "background":
            continue
        x, y, w, h = (float(r.get(k)) for k in ("x", "y", "width", "height"))
        out.append((r.get("fill", ""), (x, y, x + w, y + h)))
    return out


def overlap(a, b) -> bool:
    return a[0] < b[2] - 0.01 and b[0] < a[2] - 0.01 and a[1] < b[3] - 0.01 and b[1] < a[3] - 0.01


def inside(a, b) -> bool:
    return b[0] <= a[0] and a[2] <= b[2] and b[1] <= a[1] and a[3] <= b[3]


def check_layout(text: str) -> None:
    root = parse_svg(text)
    texts, bars = text_boxes(root), rects(root)
    for i, (s, a) in enumerate(texts):
        for t, b in texts[i + 1:]:
            assert not overlap(a, b), f"{s!r} overlaps {t!r}"
        # A text is on no bar, or wholly inside the one bar it labels.
        hosts = [b for _, b in bars if overlap(a, b)]
        if hosts:
            assert len(hosts) == 1 and inside(a, hosts[0]), f"{s!r} runs over a bar"


def test_labels_overlap_nothing(loaded: Charter) -> None:
    check_layout(report(loaded, "board", "svg", *BOARD))
    check_layout(report(loaded, "timeline", "svg", *TIMELINE))


def test_labels_overlap_nothing_with_seats_and_changes(varied: Charter) -> None:
    check_layout(report(varied, "board", "svg", *BOARD))
    check_layout(report(varied, "timeline", "svg", *TIMELINE))


def test_text_on_a_bar_has_aa_contrast(varied: Charter) -> None:
    for svg in (report(varied, "timeline", "svg", *TIMELINE), report(varied, "board", "svg", *BOARD)):
        root = parse_svg(svg)
        bars = rects(root)
        for s, a in text_boxes(root):
            hosts = [fill for fill, b in bars if inside(a, b)]
            if not hosts:
                continue
            t = next(t for t in root.iter(SVG + "text") if t.text == s)
            colour = t.get("fill")
            assert colour, f"{s!r} on {hosts[0]} has no colour of its own"
            assert contrast(colour, hosts[0]) >= 4.5, (s, colour, hosts[0])


# ---- Colours: one meaning each


def fills_of(root: ET.Element, band: tuple[float, float]) -> set[str]:
    return {fill for fill, (_, y0, _, y1) in rects(root) if band[0] <= y0 and y1 <= band[1]}


def test_stewards_and_tiers_never_share_a_colour(loaded: Charter) -> None:
    data = example()
    root = parse_svg(report(loaded, "timeline", "svg", *TIMELINE))
    texts = {t.text: t for t in root.iter(SVG + "text")}
    # The bands' labels give their rows; the tiers' key, the tiers' swatches.
    steward_y = float(texts["Steward"].get("y"))
    stage_y = float(texts["Stage"].get("y"))
    steward_fills = {fill for fill, (_, y0, _, y1) in rects(root) if y0 <= steward_y <= y1}
    stage_fills = {fill for fill, (_, y0, _, y1) in rects(root) if y0 <= stage_y <= y1}
    stewards = next(p for p in data["projects"] if p["id"] == "pytorch")["stewards"]
    assert len(steward_fills) == len({s.get("org") or s.get("foundation") for s in stewards}) == 2
    tiers = next(f for f in data["foundations"] if f["id"] == PF)["tiers"]
    tier_fills = set()
    for t in tiers:
        label = texts[t["name"]]
        y = float(label.get("y"))
        swatch = [fill for fill, (x0, y0, x1, y1) in rects(root)
                  if y0 <= y - 4 <= y1 and x1 <= float(label.get("x")) and x1 >= float(label.get("x")) - 10]
        assert len(swatch) == 1, t
        tier_fills.add(swatch[0])
    assert len(tier_fills) == len(tiers)
    assert not (steward_fills & tier_fills)
    assert not (stage_fills & tier_fills) and not (stage_fills & steward_fills)


# ---- Board bars


def test_family_bars_are_as_long_as_their_share(varied: Charter) -> None:
    data = variant()
    per_family: dict[str, int] = {}
    parents = {o["id"]: o.get("parent") for o in data["organizations"]}

    def top(org: str) -> str:
        while parents.get(org):
            org = parents[org]
        return org

    for s in data["seats"]:
        per_family[top(s["represents"])] = per_family.get(top(s["represents"]), 0) + 1
    filled = len(data["seats"])
    root = parse_svg(report(varied, "board", "svg", *BOARD))
    texts = {t.text: t for t in root.iter(SVG + "text")}
    names = {o["id"]: o["name"] for o in data["organizations"]}
    lengths = {}
    for fam, seats in per_family.items():
        y = float(texts[names[fam]].get("y"))
        row = sorted((x1 - x0, fill) for fill, (x0, y0, x1, y1) in rects(root) if y0 <= y - 4 <= y1)
        assert len(row) == 2, row  # the track (all filled seats) and the bar
        (bar, _), (track, _) = row
        lengths[fam] = bar / track
        assert bar / track == pytest.approx(seats / filled, abs=0.01), (fam, bar, track)
    assert lengths["meta"] == pytest.approx(0.5, abs=0.01)  # 2 of 4: half, not all
    # The cap of 2 drawn: a dashed line where the bars reach 2 of the 4 seats.
    caps = [ln for ln in root.iter(SVG + "line") if ln.get("stroke-dasharray") == "6 4"]
    assert len(caps) == 1
    assert texts.get("cap 2") is not None


# ---- HTML


def test_html_page_prints_darkens_and_has_contents(varied: Charter) -> None:
    for kind, args in (("board", BOARD), ("timeline", TIMELINE), ("dues", ("--foundation", PF, "--at", LAUNCH))):
        page = report(varied, kind, "html", *args)
        style = page[page.index("<style>"):page.index("</style>")]
        assert "@media print" in style
        page_rule = re.search(r"@page\s*\{([^}]*)\}", style)
        assert page_rule and "mm" in page_rule.group(1) and "size" not in page_rule.group(1)
        printing = style[style.index("@media print"):]
        assert "thead { display: table-header-group; }" in printing
        assert "break-inside: avoid" in printing and "page-break-inside: auto" in printing
        assert "@media (prefers-color-scheme: dark)" in style
        sections = page.count("<section id=")
        if sections > 3:
            nav = page[page.index("<nav"):page.index("</nav>")]
            for sid in re.findall(r'<section id="([^"]+)"', page):
                assert f'href="#{sid}"' in nav
        else:
            assert "<nav" not in page
        if "<figure" in page:
            assert page.index("<figure") < page.index("<section"), kind


# ---- Dues per member, timeline per member


def test_dues_per_member_of_the_example(loaded: Charter) -> None:
    data = example()
    fd = next(f for f in data["foundations"] if f["id"] == PF)
    names = {o["id"]: o["name"] for o in data["organizations"]}
    on = [m for m in data["memberships"]
          if m["foundation"] == PF and m["from"] <= LAUNCH and (m.get("to") is None or LAUNCH < m["to"])]
    doc = json.loads(report(loaded, "dues", "json", "--foundation", PF, "--at", LAUNCH))
    assert sorted(m["org"] for m in doc["members"]) == sorted(m["org"] for m in on)
    for t in fd["tiers"]:
        assert next(x for x in doc["tiers"] if x["id"] == t["id"])["members"] == sum(
            1 for m in on if m["tier"] == t["id"])
    for m in doc["members"]:
        tier = next(t for t in fd["tiers"] if t["id"] == m["tier"])
        assert m["annual_fee"] is None and "annual_fee" not in tier  # the example states no fees
        assert m["name"] == names[m["org"]] and m["cents"] == 0
    text = report(loaded, "dues", "text", "--foundation", PF, "--at", LAUNCH)
    assert "Dues per member" in text
    for m in on:
        assert names[m["org"]] in text


def test_dues_per_member_with_fees(varied: Charter) -> None:
    data = variant()
    fd = next(f for f in data["foundations"] if f["id"] == PF)
    fee = {t["id"]: round(t["annual_fee"]["amount"] * 100) for t in fd["tiers"]}
    year = [m for m in data["memberships"]
            if m["foundation"] == PF and m["from"] < "2024-01-01" and (m.get("to") is None or "2023-01-01" < m["to"])]
    last: dict[str, dict] = {}
    for m in year:
        if m["org"] not in last or last[m["org"]]["from"] < m["from"]:
            last[m["org"]] = m
    doc = json.loads(report(varied, "dues", "json", "--foundation", PF, "--year", "2023"))
    assert {m["org"]: m["cents"] for m in doc["members"]} == {o: fee[m["tier"]] for o, m in last.items()}
    assert doc["total_cents"] == sum(fee[m["tier"]] for m in last.values())
    rows = list(csv.DictReader(io.StringIO(report(varied, "dues", "csv", "--foundation", PF, "--year", "2023"))))
    members = {r["org"]: r for r in rows if r["record"] == "member"}
    assert set(members) == set(last)
    assert members["nvidia"]["tier"] == "general" and members["nvidia"]["amount"] == "150000.00"
    md = report(varied, "dues", "md", "--foundation", PF, "--year", "2023")
    assert "## Dues per member" in md and "| NVIDIA | nvidia | General |" in md
    html = report(varied, "dues", "html", "--foundation", PF, "--year", "2023")
    assert "<h2>Dues per member</h2>" in html


def test_timeline_tier_changes_per_member(varied: Charter) -> None:
    data = variant()
    expected = []
    by_org: dict[str, list[dict]] = {}
    for m in data["memberships"]:
        if m["foundation"] == PF:
            by_org.setdefault(m["org"], []).append(m)
    for org in sorted(by_org):
        runs = sorted(by_org[org], key=lambda m: m["from"])
        for i, m in enumerate(runs):
            prev = runs[i - 1] if i and runs[i - 1].get("to") == m["from"] else None
            nxt = i + 1 < len(runs) and m.get("to") == runs[i + 1]["from"]
            if prev is None:
                expected.append((org, m["from"], None, m["tier"]))
            elif prev["tier"] != m["tier"]:
                expected.append((org, m["from"], prev["tier"], m["tier"]))
            if not nxt and m.get("to"):
                expected.append((org, m["to"], m["tier"], None))
    doc = json.loads(report(varied, "timeline", "json", *TIMELINE))
    got = [(c["org"], c["date"], c["from_tier"], c["to_tier"]) for c in doc["foundation"]["member_changes"]]
    assert got == expected
    assert ("nvidia", "2023-06-01", "premier", "general") in got and ("amd", "2024-01-01", "premier", None) in got
    rows = list(csv.DictReader(io.StringIO(report(varied, "timeline", "csv", *TIMELINE))))
    assert [(r["id"], r["from"], r["from_tier"] or None, r["to_tier"] or None)
            for r in rows if r["record"] == "member"] == expected
    text = report(varied, "timeline", "text", *TIMELINE)
    assert "Tier changes per member" in text and "changed tier" in text
    assert "## Tier changes per member" in report(varied, "timeline", "md", *TIMELINE)


# ---- docs/img holds the charts as the program draws them now

DOC_IMAGES = {
    "board-2022-09-12.svg": ("board", *BOARD),
    "pytorch-timeline.svg": ("timeline", *TIMELINE),
}


@pytest.mark.parametrize("name", sorted(DOC_IMAGES))
def test_docs_images_are_current(name: str, loaded: Charter) -> None:
    """docs/reports.md shows these; remake one with
    `charter report KIND ... --format svg -o docs/img/NAME` on the example."""
    from conftest import SOURCE_DIR

    kind, *args = DOC_IMAGES[name]
    drawn = report(loaded, kind, "svg", *args)
    assert (SOURCE_DIR / "docs" / "img" / name).read_text(encoding="utf-8") == drawn, (
        f"docs/img/{name} is not what `charter report {kind} {' '.join(args)} --format svg` draws")
