"""charter.report(): every kind, in every format it has."""

import csv
import datetime
import io
import json

import pytest

import charter
from conftest import EXAMPLE_DATA, FOUNDING_MEMBERS, LAUNCH

PF = "pytorch-foundation"

OPTIONS = {
    "roster": {"foundation": PF, "at": LAUNCH},
    "board": {"body": "pytorch-board", "at": LAUNCH},
    "changes": {"foundation": PF, "from_": datetime.date(2022, 1, 1), "to": datetime.date(2023, 1, 1)},
    "dues": {"foundation": PF, "year": 2023},
    "compliance": {"foundation": PF, "all_dates": True},
    "timeline": {"project": "pytorch", "foundation": PF},
}


def formats_of(kind):
    return [f for f in charter.REPORT_FORMATS if f != "svg" or kind in ("board", "timeline")]


@pytest.mark.parametrize("kind", sorted(OPTIONS))
def test_every_kind_in_every_format(reg, kind):
    assert kind in charter.REPORT_KINDS
    for fmt in formats_of(kind):
        text = charter.report(reg, kind, fmt, **OPTIONS[kind])
        assert isinstance(text, str) and text, (kind, fmt)
        if fmt == "json":
            json.loads(text)
        if fmt == "html":
            assert "<html" in text.lower()
        if fmt == "svg":
            assert "<svg" in text


def test_roster_facts(reg):
    doc = json.loads(charter.report(reg, "roster", "json", foundation=PF, at=LAUNCH))
    premier = next(t for t in doc["tiers"] if t["id"] == "premier")
    # By the name shown, folded: Amazon Web Services (aws) before AMD.
    assert [m["org"] for m in premier["members"]] == [
        "aws", "amd", "google-cloud", "meta", "microsoft-azure", "nvidia"]
    text = charter.report(reg, "roster", foundation=PF, at=LAUNCH)
    assert "Amazon Web Services" in text and "6 members" in text


def test_board_facts(reg):
    doc = json.loads(charter.report(reg, "board", "json", body="pytorch-board", at=LAUNCH))
    assert (doc["entitled"], doc["filled"], doc["vacant"]) == (6, 0, 6)


def test_changes_facts(reg):
    doc = json.loads(charter.report(reg, "changes", "json", **OPTIONS["changes"]))
    assert [j["org"] for j in doc["joined"]] == FOUNDING_MEMBERS


def test_dues_facts(reg):
    doc = json.loads(charter.report(reg, "dues", "json", **OPTIONS["dues"]))
    assert doc["total_cents"] == 0 and doc["year"] == 2023


def test_dues_per_member_from_the_example_file(reg):
    """Who owes what in 2023, worked out from examples/data/pytorch-foundation.json."""
    data = json.loads(EXAMPLE_DATA.read_text(encoding="utf-8"))
    fd = next(f for f in data["foundations"] if f["id"] == PF)
    names = {o["id"]: o["name"] for o in data["organizations"]}
    in_2023 = [m for m in data["memberships"]
               if m["foundation"] == PF and m["from"] < "2024-01-01" and (m.get("to") is None or m["to"] > "2023-01-01")]
    doc = json.loads(charter.report(reg, "dues", "json", **OPTIONS["dues"]))
    # In the tiers' rank order, then by name as rosters are (the example's
    # names are ASCII: folding is casefold), then by id.
    rank = {t["id"]: t["rank"] for t in fd["tiers"]}
    expected = sorted(in_2023, key=lambda m: (rank[m["tier"]], names[m["org"]].casefold(), m["org"]))
    assert [(m["org"], m["name"], m["tier"]) for m in doc["members"]] == [
        (m["org"], names[m["org"]], m["tier"]) for m in expected]
    per_tier = {t["id"]: t["members"] for t in doc["tiers"]}
    assert per_tier == {t["id"]: sum(1 for m in in_2023 if m["tier"] == t["id"]) for t in fd["tiers"]}
    fees = {t["id"]: t.get("annual_fee") for t in fd["tiers"]}
    assert all(fees[m["tier"]] is None and m["annual_fee"] is None and m["cents"] == 0 for m in doc["members"])


def test_timeline_member_changes_from_the_example_file(reg):
    data = json.loads(EXAMPLE_DATA.read_text(encoding="utf-8"))
    joins = sorted((m["org"], m["from"], m["tier"]) for m in data["memberships"] if m["foundation"] == PF)
    doc = json.loads(charter.report(reg, "timeline", "json", **OPTIONS["timeline"]))
    changes = doc["foundation"]["member_changes"]
    assert [(c["org"], c["date"], c["to_tier"]) for c in changes] == joins
    assert all(c["from_tier"] is None for c in changes)


def test_compliance_facts(reg):
    doc = json.loads(charter.report(reg, "compliance", "json", **OPTIONS["compliance"]))
    assert [f["code"] for f in doc["findings"]] == ["seat-vacant"]
    at_launch = json.loads(charter.report(reg, "compliance", "json", body="pytorch-board", at=LAUNCH))
    assert at_launch["date"] == "2022-09-12"


def test_timeline_facts(reg):
    doc = json.loads(charter.report(reg, "timeline", "json", **OPTIONS["timeline"]))
    assert [s["id"] for s in doc["project"]["stewards"]] == ["meta", "pytorch-foundation"]


def test_several_kinds_at_once(reg):
    doc = json.loads(
        charter.report(reg, ["roster", "board"], "json", foundation=PF, body="pytorch-board", at=LAUNCH)
    )
    assert set(doc) == {"roster", "board"}


def test_date_defaults_to_today(reg):
    assert charter.today().isoformat() in charter.report(reg, "roster", foundation=PF)


def test_report_errors(reg):
    with pytest.raises(charter.ReportError, match="unknown report format"):
        charter.report(reg, "roster", "pdf", foundation=PF)  # type: ignore[arg-type]
    with pytest.raises(charter.ReportError):
        charter.report(reg, "roster")  # no foundation
    with pytest.raises(charter.NotFoundError):
        charter.report(reg, "roster", foundation="nowhere")


FORMULAS = ["=1+2", "+3", "-4+5", "@SUM(A1)", "\tTab", "\rReturn"]


def formula_registry():
    """Every name starts like a spreadsheet formula; the fee is 4,000,000."""
    d = datetime.date(2020, 1, 1)
    reg = charter.memory()
    with reg.batch() as b:
        b.add(charter.Foundation(id="f", name="=F", tiers=[
            charter.Tier(id="gold", name="-Gold", rank=1, annual_fee=charter.Money(amount="4000000.00", currency="USD"))]))
        b.add(charter.Body(id="board", name="+Board", foundation="f",
                           seat_classes=[charter.SeatClass(id="gold", mode="per-member", tier="gold")]))
        for i, name in enumerate(FORMULAS):
            b.add(charter.Organization(id=f"o{i}", name=name))
            b.add(charter.Person(id=f"p{i}", name=name, affiliations=[charter.Affiliation(org=f"o{i}", from_date=d)]))
            b.join(f"o{i}", "f", "gold", on=d)
            b.add_seat("board", "gold", f"p{i}", represents=f"o{i}", from_=d)
    return reg


def cells(text):
    return [cell for row in csv.reader(io.StringIO(text, newline="")) for cell in row]


@pytest.mark.parametrize("kind", ["roster", "board", "dues", "changes", "timeline", "compliance"])
def test_csv_cells_that_start_like_a_formula_get_a_quote(kind):
    reg = formula_registry()
    options = {"foundation": "f", "body": "board", "at": datetime.date(2021, 1, 1),
               "from_": datetime.date(2019, 1, 1), "to": datetime.date(2022, 1, 1)}
    guarded = cells(charter.report(reg, kind, "csv", **options))
    raw = cells(charter.report(reg, kind, "csv", csv_raw=True, **options))
    assert len(guarded) == len(raw)
    for g, r in zip(guarded, raw):
        assert g == ("'" + r if r[:1] in ("=", "+", "-", "@", "\t", "\r") else r)
    if kind in ("roster", "board", "changes"):
        assert set(FORMULAS) <= set(raw) and {"'" + f for f in FORMULAS} <= set(guarded)


def test_money_grouped_for_people_exact_for_programs():
    reg = formula_registry()
    for fmt in ("text", "markdown", "html"):
        assert "4,000,000.00 USD" in charter.report(reg, "dues", fmt, foundation="f", at=datetime.date(2021, 1, 1))
    assert "24000000.00" in charter.report(reg, "dues", "csv", foundation="f", at=datetime.date(2021, 1, 1))
    doc = json.loads(charter.report(reg, "dues", "json", foundation="f", at=datetime.date(2021, 1, 1)))
    assert doc["total"] == "24000000.00" and doc["tiers"][0]["annual_fee"]["amount"] == "4000000.00"
