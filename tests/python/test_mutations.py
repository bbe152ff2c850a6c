"""Dated mutations (each committed at once) and batches (all or nothing)."""

import datetime

import pytest

import charter
from conftest import LAUNCH

IBM_JOINS = datetime.date(2023, 5, 4)
LATER = datetime.date(2024, 1, 1)
PF = "pytorch-foundation"


def test_add_and_join(reg):
    reg.add(charter.Organization(id="ibm", name="IBM"))
    assert reg.join("ibm", PF, "general", on=IBM_JOINS) is None
    assert reg.membership("ibm", PF, at=IBM_JOINS).tier == "general"
    assert reg.membership("ibm", PF, at=LAUNCH) is None


def test_leave(reg):
    reg.leave("nvidia", PF, on=LATER)
    assert reg.membership("nvidia", PF, at=LATER) is None
    assert reg.membership("nvidia", PF, at=LATER - datetime.timedelta(days=1)).to_date == LATER


def test_change_tier(reg):
    reg.change_tier("amd", PF, "general", on=LATER)
    assert reg.membership("amd", PF, at=LATER).tier == "general"
    assert reg.membership("amd", PF, at=LAUNCH).tier == "premier"
    assert reg.member_since("amd", PF, at=LATER) == LAUNCH
    assert [m.tier for m in reg.membership_history("amd", PF)] == ["premier", "general"]


def test_affiliate_and_end_affiliation(reg):
    reg.affiliate("soumith-chintala", "nvidia", from_=LATER, title="Advisor")
    assert {a.org for a in reg.affiliations("soumith-chintala", at=LATER)} == {"meta", "nvidia"}
    reg.end_affiliation("soumith-chintala", "meta", on=LATER)
    (tie,) = reg.affiliations("soumith-chintala", at=LATER)
    assert (tie.org, tie.title) == ("nvidia", "Advisor")


def test_add_seat_and_end_seat(reg):
    reg.add_seat("pytorch-board", "premier", "ian-buck", from_=LAUNCH, represents="nvidia", office="chair")
    (seat,) = reg.seats("pytorch-board", at=LAUNCH)
    assert (seat.person, seat.represents, seat.office, seat.to_date) == ("ian-buck", "nvidia", "chair", None)
    assert reg.entitlement("pytorch-board", "premier", at=LAUNCH).filled == 1
    reg.end_seat("pytorch-board", "ian-buck", on=LATER)
    assert reg.seats("pytorch-board", at=LATER) == []
    assert reg.seats_of("ian-buck", at=LAUNCH)[0].to_date == LATER


def test_end_seat_of_one_class(reg):
    # A council of two classes; ian-buck holds a seat of each, and only the
    # at-large one ends.
    classes = [charter.SeatClass(id="premier", mode="per-member", tier="premier"), charter.SeatClass(id="at-large", count=2)]
    reg.add(charter.Body(id="council", name="Council", foundation=PF, seat_classes=classes))
    reg.add_seat("council", "premier", "ian-buck", from_=LAUNCH, represents="nvidia")
    reg.add_seat("council", "at-large", "ian-buck", from_=LAUNCH)
    reg.end_seat("council", "ian-buck", on=LATER, seat_class="at-large")
    assert [s.seat_class for s in reg.seats("council", at=LATER)] == ["premier"]


def test_add_role_and_end_role(reg):
    reg.add_role("soumith-chintala", "Board Chair", body="pytorch-board", from_=LAUNCH, to=LATER)
    assert [r.title for r in reg.roles(body="pytorch-board", at=LAUNCH)] == ["Board Chair"]
    assert reg.roles(body="pytorch-board", at=LATER) == []
    reg.end_role("ibrahim-haddad", "Executive Director", foundation=PF, on=LATER)
    assert reg.roles(foundation=PF, at=LATER) == []
    with pytest.raises(TypeError, match="exactly one"):
        reg.add_role("x", "y", foundation=PF, project="pytorch", from_=LAUNCH)


def test_transfer(reg):
    reg.add(charter.Project(id="newproj", name="New", stewards=[charter.Steward(org="meta", from_date=LAUNCH)]))
    reg.transfer("newproj", foundation=PF, on=LATER)
    assert reg.steward("newproj", at=LAUNCH).org == "meta"
    assert reg.steward("newproj", at=LATER).foundation == PF
    with pytest.raises(TypeError, match="exactly one"):
        reg.transfer("newproj", on=LATER)


def test_update(reg):
    aws = reg.organization("aws")
    reg.update(aws.replace(name="AWS", domains=["aws.amazon.com"]))
    assert reg.organization("aws").domains == ["aws.amazon.com"]
    with pytest.raises(TypeError, match="expected an Organization"):
        reg.add("aws")  # type: ignore[arg-type]


def test_a_rejected_change_changes_nothing(reg):
    before = reg.to_json()
    with pytest.raises(charter.ValidationError):
        reg.join("meta", PF, "general", on=LATER)  # overlaps its premier membership
    with pytest.raises(charter.ValidationError):
        reg.join("amd", PF, "gold", on=LATER)  # no such tier
    assert reg.to_json() == before


def test_batch_commits_on_exit(reg):
    with reg.batch(actor="pytest", reason="new members") as b:
        assert isinstance(b, charter.Batch) and b.state == "open"
        assert b.add(charter.Organization(id="ibm", name="IBM")) is None
        b.join("ibm", PF, "general", on=IBM_JOINS)
        b.add(charter.Organization(id="intel", name="Intel"))
        b.join("intel", PF, "general", on=IBM_JOINS)
        assert len(b) == 4
        assert b.describe()[1] == "join ibm pytorch-foundation general 2023-05-04"
        # Nothing is applied before the block ends: there is no ibm yet.
        with pytest.raises(charter.NotFoundError):
            reg.organization("ibm")
    assert b.state == "committed" and (b.actor, b.reason) == ("pytest", "new members")
    assert [m.org for m in reg.members(PF, "general", at=IBM_JOINS)] == ["ibm", "intel"]
    with pytest.raises(charter.Error, match="already committed"):
        b.join("ibm", PF, "premier", on=LATER)


def test_batch_rolls_back_on_exception(reg):
    before = reg.to_json()
    with pytest.raises(RuntimeError, match="changed my mind"):
        with reg.batch() as b:
            b.leave("meta", PF, on=LATER)
            raise RuntimeError("changed my mind")
    assert b.state == "discarded"
    assert reg.to_json() == before


def test_batch_is_all_or_nothing(reg):
    before = reg.to_json()
    with pytest.raises(charter.ValidationError) as caught:
        with reg.batch() as b:
            b.add(charter.Organization(id="ibm", name="IBM"))
            b.join("ibm", PF, "premier", on=IBM_JOINS)
            b.leave("no-such-org", PF, on=LATER)  # fails: everything is undone
    assert caught.value.problems
    assert b.state == "discarded"
    assert reg.to_json() == before
    with pytest.raises(charter.NotFoundError):
        reg.organization("ibm")


def test_batch_explicit_commit_and_discard(reg):
    b = reg.batch()
    b.leave("amd", PF, on=LATER)
    b.discard()
    assert b.state == "discarded"
    with pytest.raises(charter.Error, match="discarded"):
        b.commit()
    assert reg.membership("amd", PF, at=LATER) is not None

    b = reg.batch()
    b.leave("amd", PF, on=LATER)
    b.commit()
    assert reg.membership("amd", PF, at=LATER) is None
    with reg.batch() as empty:
        pass
    assert empty.state == "committed"


def test_dates_are_required_keywords(reg):
    with pytest.raises(TypeError):
        reg.join("amd", PF, "premier")  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        reg.join("amd", PF, "premier", LATER)  # type: ignore[misc]
    with pytest.raises(TypeError):
        reg.join("amd", PF, "premier", on=20240101)  # type: ignore[arg-type]
