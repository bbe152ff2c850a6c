"""Conveniences of the Python face (issue 14): dates as date, datetime or ISO
text; audit times as aware datetimes; to_dict() and charter.table(); open()
refusing a missing file; find, resolve, diff and compare.

Expected values are read off examples/data/pytorch-foundation.json.
"""

import csv
import datetime
import io
import json
import pickle

import pytest

import charter
from conftest import BEFORE_LAUNCH, EXAMPLE_DATA, FOUNDING_MEMBERS, LAUNCH

PF = "pytorch-foundation"
BOARD = "pytorch-board"
UTC = datetime.timezone.utc

# ---- dates

# Every query that takes at=, with arguments that are valid in the example.
AS_OF_QUERIES = [
    ("members", (PF,)),
    ("members", (PF, "premier")),
    ("membership", ("aws", PF)),
    ("memberships", ("aws",)),
    ("member_since", ("aws", PF)),
    ("affiliations", ("ian-buck",)),
    ("affiliated_people", ("meta",)),
    ("seats", (BOARD,)),
    ("seats_of", ("ian-buck",)),
    ("entitlements", (BOARD,)),
    ("entitlement", (BOARD, "premier")),
    ("roles_of", ("ibrahim-haddad",)),
    ("steward", ("pytorch",)),
    ("stage", ("pytorch",)),
]


@pytest.mark.parametrize("method, args", AS_OF_QUERIES)
@pytest.mark.parametrize(
    "day",
    [LAUNCH, BEFORE_LAUNCH],
    ids=["launch", "before-launch"],
)
def test_at_takes_a_date_a_datetime_or_iso_text(reg, method, args, day):
    query = getattr(reg, method)
    expected = query(*args, at=day)
    assert query(*args, at=day.isoformat()) == expected
    assert query(*args, at=datetime.datetime(day.year, day.month, day.day, 23, 59, 59)) == expected
    aware = datetime.datetime(day.year, day.month, day.day, 1, 0, tzinfo=datetime.timezone(datetime.timedelta(hours=-9)))
    assert query(*args, at=aware) == expected  # its own date, not converted


def test_the_dates_of_the_example_through_text(reg):
    # Six premier members from 2022-09-12, none the day before.
    assert [m.org for m in reg.members(PF, "premier", at="2022-09-12")] == FOUNDING_MEMBERS
    assert reg.members(PF, "premier", at="2022-09-11") == []
    # PyTorch moved from Meta to the foundation on 2022-09-12.
    assert reg.steward("pytorch", at="2022-09-11").org == "meta"
    assert reg.steward("pytorch", at=datetime.datetime(2022, 9, 12, 0, 0)).foundation == PF
    assert reg.member_since("aws", PF, at="2030-01-01") == LAUNCH
    assert [r.person for r in reg.roles(foundation=PF, at="2022-09-12")] == ["ibrahim-haddad"]
    assert [f.code for f in reg.check(at="2022-09-12")] == ["seat-vacant"]


def test_mutations_and_constructors_take_text_and_datetimes(reg):
    reg.add(charter.Organization(id="ibm", name="IBM"))
    reg.join("ibm", PF, "general", on="2023-05-04")
    reg.change_tier("ibm", PF, "premier", on=datetime.datetime(2024, 1, 1, 9, 30))
    reg.affiliate("ian-buck", "ibm", from_="2024-02-01", to=datetime.date(2024, 3, 1))
    with reg.batch() as b:
        b.add_seat(BOARD, "premier", "ian-buck", represents="nvidia", from_="2022-09-12", to="2023-09-12")
        b.add_role("ian-buck", "Treasurer", foundation=PF, from_="2022-09-12")
    reg.end_role("ian-buck", "Treasurer", foundation=PF, on="2023-01-01")
    reg.leave("ibm", PF, on="2025-01-01")

    assert [(m.tier, m.from_date, m.to_date) for m in reg.membership_history("ibm", PF)] == [
        ("general", datetime.date(2023, 5, 4), datetime.date(2024, 1, 1)),
        ("premier", datetime.date(2024, 1, 1), datetime.date(2025, 1, 1)),
    ]
    (seat,) = reg.all_seats()
    assert (seat.from_date, seat.to_date) == (LAUNCH, datetime.date(2023, 9, 12))
    assert reg.roles_of("ian-buck", at="2022-12-31")[0].title == "Treasurer"
    assert reg.roles_of("ian-buck", at="2023-01-01") == []

    m = charter.Membership(org="amd", foundation=PF, tier="premier", from_date="2022-09-12", to_date="2023-01-01")
    assert (m.from_date, m.to_date) == (LAUNCH, datetime.date(2023, 1, 1))
    assert type(m.from_date) is datetime.date
    assert m.in_force("2022-12-31") and not m.in_force(datetime.datetime(2023, 1, 1, 12))
    assert charter.Foundation(id="x", name="X", founded="2000-01-01").founded == datetime.date(2000, 1, 1)


def test_report_dates_take_text(reg):
    by_date = charter.report(reg, "roster", "json", foundation=PF, at=LAUNCH)
    assert charter.report(reg, "roster", "json", foundation=PF, at="2022-09-12") == by_date
    changes = json.loads(
        charter.report(reg, "changes", "json", foundation=PF, from_="2022-01-01", to=datetime.datetime(2023, 1, 1))
    )
    assert changes == json.loads(
        charter.report(reg, "changes", "json", foundation=PF, from_=datetime.date(2022, 1, 1), to=datetime.date(2023, 1, 1))
    )


@pytest.mark.parametrize("text", ["2022-13-01", "2023-02-29", "12/09/2022", "2022-9-12", "", "launch"])
def test_text_that_is_not_a_date_raises_a_value_error_naming_it(reg, text):
    with pytest.raises(charter.ParseError) as caught:
        reg.members(PF, at=text)
    assert isinstance(caught.value, ValueError)
    assert f"'{text}' is not a date" in str(caught.value)
    with pytest.raises(ValueError, match="is not a date"):
        reg.join("amd", PF, "general", on=text)
    with pytest.raises(ValueError, match="is not a date"):
        charter.Stage(name="active", from_date=text)


def test_other_types_are_still_type_errors(reg):
    with pytest.raises(TypeError):
        reg.members(PF, at=20220912)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        reg.members(PF, at=datetime.time(12, 0))  # type: ignore[arg-type]


# ---- audit times and log(since=)


def whole_seconds(t):
    return t.replace(microsecond=0)


def test_audit_times_are_aware_utc_datetimes(tmp_path, reg):
    before = whole_seconds(datetime.datetime.now(UTC))
    db = charter.open(tmp_path / "r.db", create=True)
    db.replace(reg, actor="pytest")
    db.leave("amd", PF, on="2024-01-01")
    after = datetime.datetime.now(UTC)
    entries = db.log()
    assert [e.summary for e in entries] == ["import", "leave amd pytorch-foundation 2024-01-01"]
    for e in entries:
        assert type(e.time) is datetime.datetime
        assert e.time.tzinfo is not None and e.time.utcoffset() == datetime.timedelta(0)
        assert e.time.microsecond == 0
        assert before <= e.time <= after
    assert entries[0].time <= entries[1].time
    db.close()


def test_log_since_takes_dates_datetimes_and_text(db):
    db.leave("amd", PF, on="2024-01-01")
    entries = db.log()
    assert len(entries) == 2
    first, last = entries
    assert db.log(since=datetime.date(2000, 1, 1)) == entries
    assert db.log(since=datetime.datetime(2000, 1, 1)) == entries
    assert db.log(since="2000") == entries
    assert db.log(since="2000-01-01T00:00:00Z") == entries
    assert db.log(since=first.time) == entries
    assert last in db.log(since=last.time)
    assert db.log(since=last.time + datetime.timedelta(seconds=1)) == []
    assert db.log(since=datetime.date(2999, 1, 1)) == []
    assert db.log(since="2999-12") == []
    # An aware datetime is converted to UTC: one hour later in UTC+1 is the
    # same instant.
    plus_one = datetime.timezone(datetime.timedelta(hours=1))
    assert db.log(since=last.time.astimezone(plus_one)) == db.log(since=last.time)
    # A naive datetime is taken as UTC.
    assert db.log(since=last.time.replace(tzinfo=None)) == db.log(since=last.time)


@pytest.mark.parametrize("text", ["yesterday", "2026/11", "2026-11-26 13:45", "2026-11-26T13:45:07+00:00"])
def test_log_since_refuses_text_that_starts_no_time(db, text):
    with pytest.raises(charter.ParseError, match="'" + text.replace("+", r"\+") + "' is not a time"):
        db.log(since=text)


def test_log_since_refuses_other_types(db):
    with pytest.raises(TypeError, match="since="):
        db.log(since=2026)  # type: ignore[arg-type]


def test_audit_entries_are_made_from_datetimes_or_text():
    at = datetime.datetime(2026, 11, 26, 13, 45, 7, tzinfo=UTC)
    by_text = charter.AuditEntry(id=1, time="2026-11-26T13:45:07Z", actor="a", summary="s")
    by_time = charter.AuditEntry(id=1, time=at, actor="a", summary="s")
    eastern = datetime.timezone(datetime.timedelta(hours=-5))
    by_other_zone = charter.AuditEntry(id=1, time=at.astimezone(eastern), actor="a", summary="s")
    naive = charter.AuditEntry(id=1, time=datetime.datetime(2026, 11, 26, 13, 45, 7), actor="a", summary="s")
    assert by_text == by_time == by_other_zone == naive
    assert by_text.time == at and by_text.time.tzinfo is not None
    assert hash(by_text) == hash(by_time)
    assert pickle.loads(pickle.dumps(by_text)) == by_text
    assert by_text.to_dict() == {
        "id": 1,
        "time": "2026-11-26T13:45:07Z",
        "actor": "a",
        "summary": "s",
        "reason": "",
        "ids": [],
    }
    with pytest.raises(charter.ParseError, match="'26/11/2026' is not a time"):
        charter.AuditEntry(id=1, time="26/11/2026", actor="a", summary="s")
    with pytest.raises(TypeError, match="datetime"):
        charter.AuditEntry(id=1, time=datetime.date(2026, 11, 26), actor="a", summary="s")  # type: ignore[arg-type]


# ---- to_dict()

AWS = {"id": "aws", "name": "Amazon Web Services", "kind": "company", "parent": "amazon", "aliases": ["AWS"]}
IAN_BUCK = {
    "id": "ian-buck",
    "name": "Ian Buck",
    "affiliations": [
        {"org": "nvidia", "from": "2022-09-12", "title": "General Manager and Vice President of Accelerated Computing"}
    ],
}
PYTORCH_FOUNDATION = {
    "id": PF,
    "name": "PyTorch Foundation",
    "parent": "linux-foundation",
    "founded": "2022-09-12",
    "tiers": [
        {"id": "premier", "name": "Premier", "rank": 1},
        {"id": "general", "name": "General", "rank": 2},
        {"id": "associate", "name": "Associate", "rank": 3},
    ],
}
LINUX_FOUNDATION = {
    "id": "linux-foundation",
    "name": "The Linux Foundation",
    "extra": {"founded_year": 2000, "note": "The announcement gives the founding year only."},
}
PYTORCH = {
    "id": "pytorch",
    "name": "PyTorch",
    "founded": "2016-01-01",
    "stewards": [{"org": "meta", "from": "2016-01-01", "to": "2022-09-12"}, {"foundation": PF, "from": "2022-09-12"}],
    "stages": [{"stage": "active", "from": "2016-01-01"}],
    "extra": {"note": "Released in 2016 per the announcement; the day is not stated, so 2016-01-01 stands for the year."},
}
BOARD_RECORD = {
    "id": BOARD,
    "name": "Governing Board",
    "kind": "board",
    "foundation": PF,
    "seat_classes": [{"id": "premier", "mode": "per-member", "tier": "premier"}],
}


def test_records_to_dict_by_hand(reg):
    assert reg.organization("aws").to_dict() == AWS
    assert reg.organization("amazon").to_dict() == {"id": "amazon", "name": "Amazon", "kind": "company"}
    assert reg.person("ian-buck").to_dict() == IAN_BUCK
    assert reg.foundation(PF).to_dict() == PYTORCH_FOUNDATION
    assert reg.foundation("linux-foundation").to_dict() == LINUX_FOUNDATION
    assert reg.project("pytorch").to_dict() == PYTORCH
    assert reg.body(BOARD).to_dict() == BOARD_RECORD
    assert reg.membership("nvidia", PF, at=LAUNCH).to_dict() == {
        "org": "nvidia",
        "foundation": PF,
        "tier": "premier",
        "from": "2022-09-12",
        "founding": True,
    }
    assert reg.roles(project="pytorch", at=LAUNCH)[0].to_dict() == {
        "person": "soumith-chintala",
        "title": "Lead Maintainer",
        "project": "pytorch",
        "from": "2022-09-12",
    }
    reg.add_seat(BOARD, "premier", "ian-buck", represents="nvidia", office="chair", from_=LAUNCH)
    assert reg.seats(BOARD, at=LAUNCH)[0].to_dict() == {
        "body": BOARD,
        "class": "premier",
        "person": "ian-buck",
        "represents": "nvidia",
        "office": "chair",
        "from": "2022-09-12",
    }


def test_nested_values_to_dict_by_hand(reg):
    pf = reg.foundation(PF)
    assert pf.tier("general").to_dict() == {"id": "general", "name": "General", "rank": 2}
    assert reg.person("ian-buck").affiliations[0].to_dict() == IAN_BUCK["affiliations"][0]
    meta, foundation = reg.project("pytorch").stewards
    assert meta.to_dict() == {"org": "meta", "from": "2016-01-01", "to": "2022-09-12"}
    assert foundation.to_dict() == {"foundation": PF, "from": "2022-09-12"}
    assert reg.project("pytorch").stages[0].to_dict() == {"stage": "active", "from": "2016-01-01"}
    board = reg.body(BOARD)
    assert board.seat_class("premier").to_dict() == {"id": "premier", "mode": "per-member", "tier": "premier"}
    assert board.rules.to_dict() == {}  # the board has no rules: the document has none
    rules = charter.BodyRules(max_per_family=1, quorum=0.5, exclusive_with=["tac"])
    assert rules.to_dict() == {"max_per_family": 1, "quorum": 0.5, "exclusive_with": ["tac"]}
    fee = charter.Money(amount="1000.50", currency="EUR")
    assert fee.to_dict() == {"amount": 1000.5, "currency": "EUR"}
    assert charter.Money(amount=25000).to_dict() == {"amount": 25000, "currency": "USD"}
    requirement = charter.TierRequirement(foundation="linux-foundation", min_tier="silver")
    assert requirement.to_dict() == {"foundation": "linux-foundation", "min_tier": "silver"}
    tier = charter.Tier(id="gold", name="Gold", rank=2, annual_fee=fee, requires=[requirement], extra={"seats": 1})
    assert tier.to_dict() == {
        "id": "gold",
        "name": "Gold",
        "rank": 2,
        "annual_fee": {"amount": 1000.5, "currency": "EUR"},
        "requires": [{"foundation": "linux-foundation", "min_tier": "silver"}],
        "extra": {"seats": 1},
    }


def test_to_dict_is_the_interchange_document_exactly(reg):
    reg.add_seat(BOARD, "premier", "ian-buck", represents="nvidia", office="chair", from_=LAUNCH)
    doc = json.loads(reg.to_json())
    by_collection = {
        "organizations": reg.organizations(),
        "people": reg.people(),
        "foundations": reg.foundations(),
        "projects": reg.projects(),
        "memberships": reg.all_memberships(),
        "bodies": reg.bodies(),
        "seats": reg.all_seats(),
        "roles": reg.all_roles(),
    }
    for collection, records in by_collection.items():
        dicts = [r.to_dict() for r in records]
        assert sorted(dicts, key=json.dumps) == sorted(doc[collection], key=json.dumps), collection
        assert json.loads(json.dumps(dicts)) == dicts
    # 10 organizations, 10 people, 2 foundations, 7 projects, 6 memberships,
    # 1 body, the seat added, 3 roles.
    assert [len(doc[c]) for c in by_collection] == [10, 10, 2, 7, 6, 1, 1, 3]


def test_query_results_to_dict(reg):
    premier, general, associate = reg.members(PF, at=LAUNCH)
    assert premier.to_dict() == {
        "tier": {"id": "premier", "name": "Premier", "rank": 1},
        "members": [m.to_dict() for m in premier.members],
    }
    assert [m["org"] for m in premier.to_dict()["members"]] == FOUNDING_MEMBERS
    assert general.to_dict() == {"tier": {"id": "general", "name": "General", "rank": 2}, "members": []}
    assert reg.entitlement(BOARD, "premier", at=LAUNCH).to_dict() == {
        "seat_class": {"id": "premier", "mode": "per-member", "tier": "premier"},
        "seats": 6,
        "filled": 0,
    }
    (finding,) = reg.check(at=LAUNCH)
    as_dict = finding.to_dict()
    assert as_dict["code"] == "seat-vacant" and as_dict["subjects"] == [BOARD, "premier"]
    # A check on one date finds what holds on that day.
    assert (as_dict["from_date"], as_dict["to_date"]) == ("2022-09-12", "2022-09-13")
    history = reg.history(project="pytorch")
    assert history[0].to_dict()["from_date"] == "2016-01-01"
    json.dumps([g.to_dict() for g in reg.members(PF, at=LAUNCH)] + [h.to_dict() for h in history])


# ---- charter.table()


def through_csv(rows):
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def test_table_of_organizations(reg):
    rows = charter.table(reg.organizations())
    assert len(rows) == 10
    # amazon comes first with id, name and kind; aws adds parent and aliases.
    assert all(list(row) == ["id", "name", "kind", "parent", "aliases"] for row in rows)
    by_id = {row["id"]: row for row in rows}
    assert by_id["aws"] == {
        "id": "aws",
        "name": "Amazon Web Services",
        "kind": "company",
        "parent": "amazon",
        "aliases": '["AWS"]',
    }
    assert by_id["amazon"]["parent"] is None and by_id["amazon"]["aliases"] is None
    assert [row["parent"] for row in rows if row["parent"]] == ["amazon", "google", "microsoft"]

    text = through_csv(rows)
    lines = text.splitlines()
    assert lines[0] == "id,name,kind,parent,aliases"
    assert 'aws,Amazon Web Services,company,amazon,"[""AWS""]"' in lines
    assert "amazon,Amazon,company,," in lines
    back = list(csv.DictReader(io.StringIO(text)))
    assert json.loads(next(r for r in back if r["id"] == "aws")["aliases"]) == ["AWS"]


def test_table_flattens_nested_dicts_with_dots(reg):
    rows = charter.table(reg.projects())
    assert len(rows) == 7
    assert list(rows[0]) == ["id", "name", "founded", "stewards", "stages", "extra.note"]
    pytorch = next(row for row in rows if row["id"] == "pytorch")
    assert pytorch["founded"] == "2016-01-01"
    assert json.loads(pytorch["stewards"]) == PYTORCH["stewards"]
    assert pytorch["extra.note"].startswith("Released in 2016")
    linux = next(row for row in rows if row["id"] == "linux")
    assert (linux["founded"], linux["stewards"]) == (None, None)
    assert linux["extra.note"] == "Named as a Linux Foundation project on 2022-09-12; hosting dates not stated."

    groups = charter.table(reg.members(PF, at=LAUNCH))
    assert [list(g) for g in groups] == [["tier.id", "tier.name", "tier.rank", "members"]] * 3
    assert [(g["tier.id"], len(json.loads(g["members"]))) for g in groups] == [
        ("premier", 6),
        ("general", 0),
        ("associate", 0),
    ]
    through_csv(groups)


def test_table_of_dicts_and_mixed_rows():
    rows = charter.table([{"a": 1, "b": {"c": 2}}, {"a": 3, "d": [1, "x"]}, {"e": None}])
    assert rows == [
        {"a": 1, "b.c": 2, "d": None, "e": None},
        {"a": 3, "b.c": None, "d": '[1, "x"]', "e": None},
        {"a": None, "b.c": None, "d": None, "e": None},
    ]
    assert charter.table([]) == []
    assert charter.table(iter([charter.Money(amount=1)])) == [{"amount": 1, "currency": "USD"}]
    with pytest.raises(TypeError, match="not int"):
        charter.table([1])


# ---- open() and create=


def test_open_refuses_a_missing_file(tmp_path):
    for name in ("missing.db", "missing.json"):
        path = tmp_path / name
        with pytest.raises(FileNotFoundError) as caught:
            charter.open(path)
        assert str(path) in str(caught.value)
        assert "create=True" in str(caught.value)
        assert caught.value.filename == str(path)
        assert not path.exists()


def test_open_creates_with_create_true_and_opens_existing_files_without(tmp_path, reg):
    path = tmp_path / "new.db"
    with charter.open(path, create=True) as db:
        db.replace(reg)
    assert path.exists()
    with charter.open(path) as again:
        assert [m.org for m in again.members(PF, "premier", at=LAUNCH)] == FOUNDING_MEMBERS
    with charter.open(path, create=True) as same:  # create=True on an existing file opens it
        assert len(same.organizations()) == 10

    json_path = tmp_path / "new.json"
    with charter.open(json_path, create=True) as store:
        store.replace(reg)
    assert charter.open(json_path).to_json() == reg.to_json()


# ---- find and resolve


def test_find_aws(reg):
    # "aws" is the id of one organization (its alias AWS too: found once, by
    # the better field); nothing else holds the letters a-w-s in a row.
    assert charter.find(reg, "AWS") == [
        charter.FindHit(kind="organization", id="aws", name="Amazon Web Services", field="id", text="aws", match="exact")
    ]
    (hit,) = charter.find(reg, "aws", kind="organization")
    assert (hit.owner, hit.site) == (None, None)
    assert hit.to_dict() == {
        "kind": "organization",
        "id": "aws",
        "owner": None,
        "name": "Amazon Web Services",
        "field": "id",
        "text": "aws",
        "site": None,
        "match": "exact",
    }
    assert charter.find(reg, "aws", kind="person") == []


def test_find_ranks_exact_before_prefix(reg):
    # The project linux is exactly "linux"; the organization and the
    # foundation linux-foundation start with it (organizations first).
    assert [(h.kind, h.id, h.match) for h in charter.find(reg, "Linux")] == [
        ("project", "linux", "exact"),
        ("organization", "linux-foundation", "prefix"),
        ("foundation", "linux-foundation", "prefix"),
    ]
    # premier is a tier of the foundation and a seat class of the board.
    assert [(h.kind, h.owner, h.id, h.name) for h in charter.find(reg, "premier")] == [
        ("tier", PF, "premier", "Premier"),
        ("seat-class", BOARD, "premier", ""),
    ]
    assert [h.owner for h in charter.find(reg, "premier", kind="tier")] == [PF]
    # A word starts after a hyphen too: the id mark-zuckerberg (a better
    # field than the name Mark Zuckerberg) holds the word "zuckerberg".
    assert [(h.id, h.field, h.match) for h in charter.find(reg, "Zuckerberg", kind="person")] == [
        ("mark-zuckerberg", "id", "word")
    ]
    assert charter.find(reg, "no such thing") == []
    assert charter.find(reg, "") == []


def test_find_refuses_an_unknown_kind(reg):
    with pytest.raises(charter.ParseError, match="'company' is not a kind of record"):
        charter.find(reg, "aws", kind="company")
    with pytest.raises(ValueError, match="'tiers'"):
        charter.resolve(reg, "premier", "tiers")


def test_resolve(reg):
    # Not an id (ids are exact), but the alias of aws.
    assert charter.resolve(reg, "AWS", "organization") == [
        charter.Resolved(kind="organization", id="aws", by="alias", text="AWS")
    ]
    assert charter.resolve(reg, "aws", "organization") == [
        charter.Resolved(kind="organization", id="aws", by="id", text="aws")
    ]
    assert charter.resolve(reg, "AWS", "person") == []
    assert [r.to_dict() for r in charter.resolve(reg, PF, "foundation")] == [
        {"kind": "foundation", "id": PF, "by": "id", "text": PF}
    ]


# ---- diff and compare


def test_diff_of_2022(reg):
    # On 2022-09-12: six founding members joined, ten people's affiliations
    # began, three roles began, and PyTorch moved from Meta to the
    # foundation (a steward that ends the day the next begins: a transfer).
    changes = charter.diff(reg, "2022-01-01", datetime.date(2023, 1, 1))
    kinds = {}
    for c in changes:
        kinds[c.kind] = kinds.get(c.kind, 0) + 1
    assert kinds == {"joined": 6, "affiliated": 10, "role-started": 3, "transferred": 1}
    assert len(changes) == 20
    assert {c.on for c in changes} == {LAUNCH}
    joined = [c for c in changes if c.kind == "joined"]
    assert [c.subject for c in joined] == FOUNDING_MEMBERS
    assert {(c.subject_kind, c.object_kind, c.object, c.after) for c in joined} == {
        ("organization", "foundation", PF, "premier")
    }
    (moved,) = [c for c in changes if c.kind == "transferred"]
    assert (moved.subject_kind, moved.subject, moved.object_kind, moved.object) == ("project", "pytorch", "foundation", PF)
    assert json.loads(json.dumps([c.to_dict() for c in changes]))[0]["on"] == "2022-09-12"


def test_diff_of_2016_and_of_one_foundation(reg):
    # 2016-01-01: PyTorch got Meta as its steward and became active.
    assert [(c.kind, c.subject) for c in charter.diff(reg, "2016-01-01", "2016-01-02")] == [
        ("steward-began", "pytorch"),
        ("stage-began", "pytorch"),
    ]
    # The foundation's part of 2022: its 6 memberships; the roles in it
    # (ibrahim-haddad) and in its project pytorch (soumith-chintala); the
    # transfer of pytorch; the affiliations with its members (andrew-moore,
    # brad-mccredie, brian-granger, ian-buck, mark-zuckerberg,
    # soumith-chintala: not eric-boyd, of microsoft, nor the Linux
    # Foundation's three).
    part = charter.diff(reg, "2022-01-01", "2023-01-01", foundation=PF)
    assert len(part) == 6 + 2 + 1 + 6
    assert sorted(c.subject for c in part if c.kind == "affiliated") == [
        "andrew-moore",
        "brad-mccredie",
        "brian-granger",
        "ian-buck",
        "mark-zuckerberg",
        "soumith-chintala",
    ]
    assert sorted(c.subject for c in part if c.kind == "role-started") == ["ibrahim-haddad", "soumith-chintala"]
    assert charter.diff(reg, "2023-01-01", "2024-01-01") == []


def test_diff_errors(reg):
    with pytest.raises(ValueError, match=r"to \(2022-09-12\) must be after from_ \(2022-09-12\)"):
        charter.diff(reg, LAUNCH, LAUNCH)
    with pytest.raises(charter.NotFoundError):
        charter.diff(reg, "2022-01-01", "2023-01-01", foundation="apache")
    with pytest.raises(charter.ParseError, match="'2022-01-32'"):
        charter.diff(reg, "2022-01-32", "2023-01-01")


def test_compare(reg):
    after = reg.copy()
    after.add(charter.Organization(id="ibm", name="IBM"))
    after.update(after.organization("aws").replace(name="AWS Inc"))
    after.change_tier("amd", PF, "general", on="2024-01-01")
    diffs = charter.compare(reg, after)
    # By kind (organizations before memberships), then in document order.
    assert [(d.kind, d.id, d.change) for d in diffs] == [
        ("organization", "aws", "changed"),
        ("organization", "ibm", "added"),
        ("membership", None, "changed"),
        ("membership", None, "added"),
    ]
    assert diffs[0].fields == [charter.FieldChange(field="/name", before='"Amazon Web Services"', after='"AWS Inc"')]
    assert diffs[1].fields == []
    assert diffs[2].key == "membership of amd in pytorch-foundation from 2022-09-12"
    assert diffs[2].fields == [charter.FieldChange(field="/to", after='"2024-01-01"')]
    assert diffs[3].key == "membership of amd in pytorch-foundation from 2024-01-01"
    assert diffs[0].to_dict() == {
        "kind": "organization",
        "key": "organization aws",
        "id": "aws",
        "change": "changed",
        "fields": [{"field": "/name", "before": '"Amazon Web Services"', "after": '"AWS Inc"'}],
    }
    assert [(d.change, d.key) for d in charter.compare(after, reg)] == [
        ("changed", "organization aws"),
        ("removed", "organization ibm"),
        ("changed", "membership of amd in pytorch-foundation from 2022-09-12"),
        ("removed", "membership of amd in pytorch-foundation from 2024-01-01"),
    ]
    assert charter.compare(reg, reg) == []
    assert charter.compare(reg, charter.load_json(EXAMPLE_DATA)) == []
    rows = charter.table(diffs)
    assert [r["fields"] for r in rows][1] == "[]"


def test_find_and_diff_values_pickle_and_repr(reg):
    values = (
        charter.find(reg, "aws")
        + charter.resolve(reg, "AWS", "organization")
        + charter.diff(reg, "2016-01-01", "2023-01-01")
    )
    after = reg.copy()
    after.leave("meta", PF, on="2024-01-01")
    values += charter.compare(reg, after)
    for v in values:
        assert pickle.loads(pickle.dumps(v)) == v
        assert eval(repr(v), {"datetime": datetime, **vars(charter)}) == v
        assert hash(v.replace()) == hash(v)
