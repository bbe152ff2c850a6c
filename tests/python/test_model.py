"""The record classes: keyword constructors, read-only properties, value
semantics (repr, ==, hash, replace, copy, pickle)."""

import copy
import datetime
import decimal
import pickle

import pytest

import charter

D = datetime.date(2022, 9, 12)

RECORDS = [
    charter.Organization(id="aws", name="Amazon Web Services", parent="amazon", aliases=["AWS"]),
    charter.Affiliation(org="meta", from_date=D, title="AI Researcher"),
    charter.Person(
        id="soumith-chintala",
        name="Soumith Chintala",
        emails=["s@example.org"],
        handles={"github": "soumith"},
        affiliations=[charter.Affiliation(org="meta", from_date=D)],
    ),
    charter.TierRequirement(foundation="linux-foundation", min_tier="silver"),
    charter.Tier(
        id="premier",
        name="Premier",
        annual_fee=charter.Money(amount="1000000"),
        requires=[charter.TierRequirement(foundation="linux-foundation", min_tier="silver")],
    ),
    charter.Money(amount="12.5", currency="EUR"),
    charter.Foundation(id="pytorch-foundation", name="PyTorch Foundation", parent="linux-foundation", founded=D),
    charter.Steward(foundation="pytorch-foundation", from_date=D),
    charter.Stage(name="active", from_date=datetime.date(2016, 1, 1)),
    charter.Project(id="pytorch", name="PyTorch", stewards=[charter.Steward(org="meta", from_date=D)]),
    charter.Membership(org="amd", foundation="pytorch-foundation", tier="premier", from_date=D, founding=True),
    charter.SeatClass(id="general", mode="elected", tier="general", per=10, min=0, max=3),
    charter.BodyRules(max_per_family=1, quorum=0.5, exclusive_with=["tac"]),
    charter.Body(
        id="pytorch-board",
        name="Governing Board",
        foundation="pytorch-foundation",
        seat_classes=[charter.SeatClass(id="premier", mode="per-member", tier="premier")],
        rules=charter.BodyRules(max_per_family=1),
    ),
    charter.Seat(
        body="pytorch-board",
        seat_class="premier",
        person="jane-doe",
        represents="amd",
        office="vice-chair",
        from_date=D,
        extra={"note": "example", "n": [1, 2.5, None, True]},
    ),
    charter.Role(person="ibrahim-haddad", title="Executive Director", foundation="pytorch-foundation", from_date=D),
    charter.Problem(pointer="/memberships/3/tier", id="gold", message="no such tier"),
    charter.HistoryEntry(from_date=D, kind="membership", text="premier member of pytorch-foundation"),
    charter.Finding(code="seat-vacant", severity="warning", subjects=["pytorch-board", "premier"], from_date=D),
    charter.AuditEntry(id=1, time="2026-11-26T13:45:07Z", actor="ci", summary="import"),
    charter.TierMembers(tier=charter.Tier(id="premier", name="Premier")),
    charter.Entitlement(seat_class=charter.SeatClass(id="at-large", count=2), seats=2, filled=1),
]


@pytest.mark.parametrize("record", RECORDS, ids=lambda r: type(r).__name__)
def test_repr_is_the_constructor_call(record):
    text = repr(record)
    assert text.startswith(type(record).__name__ + "(")
    rebuilt = eval(text, {"charter": charter, "datetime": datetime, "Decimal": decimal.Decimal, **vars(charter)})
    assert rebuilt == record


@pytest.mark.parametrize("record", RECORDS, ids=lambda r: type(r).__name__)
def test_values_copy_pickle_and_replace(record):
    assert pickle.loads(pickle.dumps(record)) == record
    assert copy.copy(record) is record and copy.deepcopy(record) is record
    assert record.replace() == record
    assert record != object()
    for name in record._fields:
        getattr(record, name)
    with pytest.raises(TypeError, match="unexpected keyword argument 'nonsense'"):
        record.replace(nonsense=1)


@pytest.mark.parametrize("record", RECORDS, ids=lambda r: type(r).__name__)
def test_properties_are_read_only(record):
    with pytest.raises(AttributeError):
        setattr(record, record._fields[0], None)


def test_hash_follows_equality():
    a = charter.Membership(org="amd", foundation="pytorch-foundation", tier="premier", from_date=D)
    b = charter.Membership(org="amd", foundation="pytorch-foundation", tier="premier", from_date=D)
    assert a == b and hash(a) == hash(b)
    assert len({a, b, a.replace(tier="general")}) == 2
    assert a.replace(to_date=datetime.date(2023, 1, 1)) != a
    with pytest.raises(TypeError):
        hash(charter.TierMembers(tier=charter.Tier(id="premier", name="Premier")))


def test_constructors_take_keywords_only():
    with pytest.raises(TypeError):
        charter.Organization("amd", "AMD")  # type: ignore[misc]
    with pytest.raises(TypeError):
        charter.Organization(name="AMD")  # type: ignore[call-arg]


def test_ids_are_str_dates_are_date_open_ends_are_none():
    m = charter.Membership(org="amd", foundation="pytorch-foundation", tier="premier", from_date=D)
    assert type(m.org) is str and m.org == "amd"
    assert type(m.from_date) is datetime.date and m.from_date == D
    assert m.to_date is None
    assert m.in_force(D) and not m.in_force(datetime.date(2022, 9, 11))
    ended = m.replace(to_date=datetime.date(2023, 1, 1))
    assert ended.in_force(datetime.date(2022, 12, 31)) and not ended.in_force(datetime.date(2023, 1, 1))


def test_a_datetime_gives_its_date():
    stage = charter.Stage(name="active", from_date=datetime.datetime(2022, 9, 12, 10, 30))
    assert type(stage.from_date) is datetime.date and stage.from_date == datetime.date(2022, 9, 12)


def test_enumerations_are_strings():
    assert charter.Organization(id="lf", name="LF", kind="foundation").kind == "foundation"
    assert charter.SeatClass(id="ed", mode="ex-officio", role="Executive Director", voting=False).mode == "ex-officio"
    seat = charter.Seat(body="b", seat_class="c", person="p", office="vice-chair", from_date=D)
    assert seat.office == "vice-chair"
    with pytest.raises(charter.ParseError, match="not an organization kind"):
        charter.Organization(id="x", name="X", kind="corporation")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="not a seat-class mode"):
        charter.SeatClass(id="x", mode="appointed")  # type: ignore[arg-type]
    with pytest.raises(charter.Error, match="not an office"):
        charter.Seat(body="b", seat_class="c", person="p", office="president", from_date=D)  # type: ignore[arg-type]


def test_either_or_fields():
    steward = charter.Steward(org="meta", from_date=D)
    assert (steward.kind, steward.id, steward.org, steward.foundation) == ("org", "meta", "meta", None)
    moved = steward.replace(foundation="pytorch-foundation")
    assert (moved.kind, moved.org, moved.foundation) == ("foundation", None, "pytorch-foundation")
    with pytest.raises(TypeError, match="exactly one"):
        charter.Steward(from_date=D)
    with pytest.raises(TypeError, match="exactly one"):
        charter.Body(id="b", name="B", foundation="f", project="p")
    role = charter.Role(person="p", title="Lead Maintainer", project="pytorch", from_date=D)
    assert (role.scope, role.scope_kind, role.foundation) == ("pytorch", "project", None)
    assert role.replace(body="tac").scope_kind == "body"


def test_money_is_exact():
    fee = charter.Money(amount="1000000.50")
    assert fee.cents == 100000050 and fee.amount == decimal.Decimal("1000000.50") and fee.currency == "USD"
    assert str(fee) == "1000000.50 USD"
    assert charter.Money(amount=decimal.Decimal("0.10")) == charter.Money.from_cents(10)
    assert charter.Money(amount=12).cents == 1200
    assert charter.Money(amount=0.25).cents == 25
    with pytest.raises(charter.ParseError, match="more than two decimals"):
        charter.Money(amount="1.234")
    with pytest.raises(charter.ParseError):
        charter.Money(amount="ten")


def test_extra_holds_json_values():
    extra = {"note": "x", "list": [1, 2.5, None, False, {"deep": "yes"}], "big": 2**63}
    org = charter.Organization(id="x", name="X", extra=extra)
    assert org.extra == extra
    with pytest.raises(TypeError, match="JSON values only"):
        charter.Organization(id="x", name="X", extra={"when": D})


def test_extra_reads_back_as_json_would():
    # extra is kept as JSON text: what a JSON round trip gives back.
    org = charter.Organization(id="x", name="X", extra={"f": 2.0, "g": 0.5, "n": float("nan"), "i": -float("inf")})
    assert org.extra == {"f": 2, "g": 0.5, "n": None, "i": None}
    assert type(org.extra["f"]) is int
    assert list(org.extra) == ["f", "g", "n", "i"]  # in their order
    reg = charter.memory()
    reg.add(org)
    assert '"extra": {"f": 2, "g": 0.5, "n": null, "i": null}' in reg.to_json()


def test_body_helpers():
    board = RECORDS[13]
    assert board.owner == "pytorch-foundation" and board.project is None
    assert board.seat_class("premier").mode == "per-member"
    assert board.seat_class("nope") is None
    assert board.rules.max_per_family == 1
    assert charter.Body(id="tac", name="TAC", project="pytorch").rules == charter.BodyRules()
    assert charter.SeatClass(id="ed", mode="ex-officio", voting=False).is_voting is False
    foundation = charter.Foundation(id="f", name="F", tiers=[charter.Tier(id="gold", name="Gold")])
    assert foundation.tier("gold").name == "Gold" and foundation.tier("silver") is None


def test_module_helpers():
    assert charter.is_slug("pytorch-foundation") and not charter.is_slug("PyTorch")
    assert isinstance(charter.today(), datetime.date)
    assert charter.__version__.count(".") == 2
    assert "roster" in charter.REPORT_KINDS and "svg" in charter.REPORT_FORMATS
    assert charter.Registry.__module__ == "charter"
