"""Every as-of query of Registry, on the facts of the example registry
(the PyTorch Foundation's announcement of 2022-09-12)."""

import datetime

import pytest

import charter
from conftest import BEFORE_LAUNCH, FOUNDING_MEMBERS, LAUNCH


def test_records(reg):
    assert reg.organization("aws").name == "Amazon Web Services"
    assert reg.person("ibrahim-haddad").name == "Ibrahim Haddad"
    assert reg.foundation("pytorch-foundation").parent == "linux-foundation"
    assert reg.project("pytorch").founded == datetime.date(2016, 1, 1)
    assert reg.body("pytorch-board").name == "Governing Board"
    assert len(reg.organizations()) == 10 and len(reg.people()) == 10
    assert {f.id for f in reg.foundations()} == {"linux-foundation", "pytorch-foundation"}
    assert "pytorch" in {p.id for p in reg.projects()}
    assert [b.id for b in reg.bodies()] == ["pytorch-board"]
    assert sorted(m.org for m in reg.all_memberships()) == FOUNDING_MEMBERS
    assert reg.all_seats() == []
    assert len(reg.all_roles()) == 3


def test_members_grouped_by_tier(reg):
    groups = reg.members("pytorch-foundation", at=LAUNCH)
    assert [g.tier.id for g in groups] == ["premier", "general", "associate"]
    premier = groups[0]
    assert isinstance(premier, charter.TierMembers)
    assert [m.org for m in premier.members] == FOUNDING_MEMBERS
    assert len(premier) == 6 and [m.org for m in premier] == FOUNDING_MEMBERS
    assert all(m.founding and m.from_date == LAUNCH and m.to_date is None for m in premier.members)
    assert len(groups[1]) == 0 and len(groups[2]) == 0


def test_members_of_one_tier(reg):
    assert [m.org for m in reg.members("pytorch-foundation", "premier", at=LAUNCH)] == FOUNDING_MEMBERS
    assert reg.members("pytorch-foundation", "general", at=LAUNCH) == []
    assert reg.members("pytorch-foundation", "premier", at=BEFORE_LAUNCH) == []


def test_members_default_to_today(reg):
    # Nothing in the example data ends, so today looks like launch day.
    assert [m.org for m in reg.members("pytorch-foundation", "premier")] == FOUNDING_MEMBERS


def test_membership(reg):
    m = reg.membership("amd", "pytorch-foundation", at=LAUNCH)
    assert m == charter.Membership(
        org="amd", foundation="pytorch-foundation", tier="premier", from_date=LAUNCH, founding=True
    )
    assert reg.membership("amd", "pytorch-foundation", at=BEFORE_LAUNCH) is None
    assert [m.foundation for m in reg.memberships("meta", at=LAUNCH)] == ["pytorch-foundation"]
    assert reg.memberships("amazon", at=LAUNCH) == []
    assert [m.tier for m in reg.membership_history("nvidia", "pytorch-foundation")] == ["premier"]
    assert reg.member_since("aws", "pytorch-foundation", at=datetime.date(2023, 6, 1)) == LAUNCH
    assert reg.member_since("aws", "pytorch-foundation", at=BEFORE_LAUNCH) is None


def test_affiliations(reg):
    (tie,) = reg.affiliations("ibrahim-haddad", at=LAUNCH)
    assert tie.org == "linux-foundation" and tie.title == "Vice President of Strategic Programs"
    assert reg.affiliations("ibrahim-haddad", at=BEFORE_LAUNCH) == []
    assert [p.id for p in reg.affiliated_people("meta", at=LAUNCH)] == ["mark-zuckerberg", "soumith-chintala"]


def test_family(reg):
    assert reg.family("aws").id == "amazon"
    assert reg.family("amazon").id == "amazon"
    assert [o.id for o in reg.family_members("aws")] == ["amazon", "aws"]
    assert [o.id for o in reg.children("microsoft")] == ["microsoft-azure"]
    assert reg.children("amd") == []


def test_seats_and_entitlements(reg):
    assert reg.seats("pytorch-board", at=LAUNCH) == []
    (ent,) = reg.entitlements("pytorch-board", at=LAUNCH)
    assert ent.seat_class.id == "premier" and ent.seat_class.mode == "per-member"
    assert (ent.seats, ent.filled, ent.vacant) == (6, 0, 6)
    assert reg.entitlement("pytorch-board", "premier", at=BEFORE_LAUNCH).seats == 0
    assert reg.entitlement("pytorch-board", "premier", at=LAUNCH) == ent
    assert reg.seats_of("soumith-chintala", at=LAUNCH) == []


def test_roles(reg):
    (ed,) = reg.roles(foundation="pytorch-foundation", at=LAUNCH)
    assert (ed.person, ed.title, ed.foundation) == ("ibrahim-haddad", "Executive Director", "pytorch-foundation")
    assert reg.roles(foundation="pytorch-foundation", at=BEFORE_LAUNCH) == []
    assert [r.person for r in reg.roles(foundation="linux-foundation", at=LAUNCH)] == ["jim-zemlin"]
    assert [r.title for r in reg.roles(project="pytorch", at=LAUNCH)] == ["Lead Maintainer"]
    assert reg.roles(body="pytorch-board", at=LAUNCH) == []
    assert [r.title for r in reg.roles_of("ibrahim-haddad", at=LAUNCH)] == ["Executive Director"]
    with pytest.raises(TypeError, match="exactly one"):
        reg.roles(at=LAUNCH)


def test_steward_and_stage(reg):
    before = reg.steward("pytorch", at=BEFORE_LAUNCH)
    assert (before.kind, before.id, before.to_date) == ("org", "meta", LAUNCH)
    after = reg.steward("pytorch", at=LAUNCH)
    assert (after.kind, after.foundation, after.to_date) == ("foundation", "pytorch-foundation", None)
    assert reg.steward("pytorch", at=datetime.date(2015, 1, 1)) is None
    assert reg.stage("pytorch", at=LAUNCH).name == "active"
    assert reg.steward("kubernetes", at=LAUNCH) is None


def test_history(reg):
    entries = reg.history(org="meta")
    assert entries and all(isinstance(e, charter.HistoryEntry) for e in entries)
    assert any(e.kind == "membership" and "pytorch-foundation" in e.text for e in entries)
    assert [e.from_date for e in entries] == sorted(e.from_date for e in entries)
    project = reg.history(project="pytorch")
    assert {"steward", "stage"} <= {e.kind for e in project}
    assert any(e.kind == "role" for e in reg.history(person="ibrahim-haddad"))
    with pytest.raises(TypeError, match="exactly one"):
        reg.history(org="meta", person="ibrahim-haddad")


def test_results_are_copies(reg):
    before = reg.membership("amd", "pytorch-foundation", at=LAUNCH)
    reg.leave("amd", "pytorch-foundation", on=datetime.date(2024, 1, 1))
    assert before.to_date is None  # the copy did not change under us
    assert reg.membership("amd", "pytorch-foundation", at=LAUNCH).to_date == datetime.date(2024, 1, 1)


@pytest.mark.parametrize(
    "query",
    [
        lambda r: r.members("no-such-foundation", at=LAUNCH),
        lambda r: r.affiliations("nobody", at=LAUNCH),
        lambda r: r.family("nothing"),
        lambda r: r.seats("no-board", at=LAUNCH),
        lambda r: r.steward("no-project", at=LAUNCH),
        lambda r: r.history(person="nobody"),
        lambda r: r.organization("nothing"),
    ],
)
def test_unknown_ids(reg, query):
    with pytest.raises(charter.NotFoundError):
        query(reg)
