"""Correcting a registry: update, remove, merge, revert, and previews of them.

The tests build a small registry of their own, so that every expected value
can be worked out by hand:

* foundation ``open-fdn`` (tiers premier, general) with the board
  ``open-board``: five fixed at-large seats, at most one per organization
  family;
* organizations ``acme`` and its child ``acme-cloud``, ``globex`` and its
  duplicate ``globex-inc`` (entered twice by mistake), and ``typo-co``, which
  nothing refers to;
* ``acme`` a premier member from 2020-01-01, ``globex-inc`` a general member
  from 2021-03-01;
* people ``ann`` (of acme, on the board for it), ``bob`` (of globex-inc, on
  the board for it), ``cy`` (of acme-cloud) and ``rob``, who is ``bob``
  entered again;
* ``ann`` is the foundation's Treasurer from 2020-01-01.
"""

import datetime

import json

import pytest

import charter

D2020 = datetime.date(2020, 1, 1)
D2021 = datetime.date(2021, 3, 1)
D2022 = datetime.date(2022, 1, 1)
FDN = "open-fdn"
BOARD = "open-board"


def build() -> charter.Registry:
    reg = charter.memory()
    with reg.batch(actor="pytest", reason="seed") as b:
        b.add(
            charter.Foundation(
                id=FDN,
                name="Open Foundation",
                tiers=[
                    charter.Tier(id="premier", name="Premier", rank=1),
                    charter.Tier(id="general", name="General", rank=2),
                ],
            )
        )
        b.add(
            charter.Body(
                id=BOARD,
                name="Open Board",
                foundation=FDN,
                seat_classes=[charter.SeatClass(id="at-large", mode="fixed", count=5)],
                rules=charter.BodyRules(max_per_family=1),
            )
        )
        b.add(charter.Organization(id="acme", name="Acme Corp", domains=["acme.com"]))
        b.add(charter.Organization(id="acme-cloud", name="Acme Cloud", parent="acme"))
        b.add(charter.Organization(id="globex", name="Globex", domains=["globex.com"]))
        b.add(charter.Organization(id="globex-inc", name="Globex Inc", aliases=["GX"], domains=["globex.io"]))
        b.add(charter.Organization(id="typo-co", name="Typo Co"))
        b.join("acme", FDN, "premier", on=D2020)
        b.join("globex-inc", FDN, "general", on=D2021)
        b.add(charter.Person(id="ann", name="Ann", affiliations=[charter.Affiliation(org="acme", from_date=D2020)]))
        b.add(
            charter.Person(
                id="bob",
                name="Bob",
                emails=["bob@globex.com"],
                affiliations=[charter.Affiliation(org="globex-inc", from_date=D2021)],
            )
        )
        b.add(charter.Person(id="cy", name="Cy", affiliations=[charter.Affiliation(org="acme-cloud", from_date=D2020)]))
        b.add(charter.Person(id="rob", name="Bob", emails=["rob@globex.io"], handles={"github": "rob"}))
        b.add_seat(BOARD, "at-large", "ann", represents="acme", from_=D2020)
        b.add_seat(BOARD, "at-large", "bob", represents="globex-inc", from_=D2021)
        b.add_role("ann", "Treasurer", foundation=FDN, from_=D2020)
    return reg


@pytest.fixture
def small() -> charter.Registry:
    return build()


@pytest.fixture
def small_db(tmp_path):
    """The small registry in an SQLite database: audit entry 1 is its import."""
    db = charter.open(tmp_path / "small.db", create=True)
    db.replace(build(), actor="pytest", reason="seed")
    yield db
    db.close()


# ---- update


def test_update_an_organizations_name_and_a_memberships_tier(small):
    acme = small.organization("acme")
    membership = small.membership("acme", FDN, at=D2020)
    with small.batch(actor="pytest", reason="typos") as b:
        b.update(acme.replace(name="Acme Corporation"))
        b.update(membership.replace(tier="general"))
    assert small.organization("acme").name == "Acme Corporation"
    assert small.organization("acme").domains == ["acme.com"]
    assert small.membership("acme", FDN, at=D2020).tier == "general"
    assert small.membership_history("acme", FDN) == [membership.replace(tier="general")]
    # What the commit did: no audit entry in memory, the two records changed.
    assert b.audit_id is None
    assert b.changes == [
        charter.RecordDiff(
            kind="organization",
            key="organization acme",
            id="acme",
            change="changed",
            fields=[charter.FieldChange(field="/name", before='"Acme Corp"', after='"Acme Corporation"')],
        ),
        charter.RecordDiff(
            kind="membership",
            key="membership of acme in open-fdn from 2020-01-01",
            change="changed",
            fields=[charter.FieldChange(field="/tier", before='"premier"', after='"general"')],
        ),
    ]


def test_a_committed_batch_in_a_database_names_its_audit_entry(small_db):
    with small_db.batch(actor="pytest") as b:
        assert b.audit_id is None and b.changes is None
        b.update(small_db.organization("acme").replace(name="Acme Corporation"))
    assert b.audit_id == 2
    assert [(e.id, e.summary) for e in small_db.log()][-1] == (2, "update organization acme")
    # An update to the record as it is changes nothing, and writes nothing.
    b2 = small_db.batch()
    b2.update(small_db.organization("acme"))
    assert b2.commit() is None and b2.changes == []
    # An empty batch writes nothing either.
    with small_db.batch() as b3:
        pass
    assert b3.audit_id is None and b3.changes == []
    assert len(small_db.log()) == 2


def test_update_of_a_record_that_is_not_there_is_refused(small):
    with pytest.raises(charter.ValidationError):
        small.update(charter.Organization(id="initech", name="Initech"))


# ---- remove


def test_remove_a_record_nothing_refers_to(small):
    assert small.referrers(org="typo-co") == []
    small.remove(org="typo-co")
    assert small.find_record(org="typo-co") is None
    with pytest.raises(charter.NotFoundError):
        small.organization("typo-co")


def test_remove_without_cascade_is_refused_naming_each_referrer(small):
    before = small.to_json()
    with pytest.raises(charter.ValidationError) as caught:
        small.remove(org="acme")
    messages = [p.message for p in caught.value.problems]
    assert messages == [
        "organization acme-cloud refers to it (its parent): remove that first, or remove with cascade",
        "person ann refers to it (its affiliations): remove that first, or remove with cascade",
        "membership of acme in open-fdn from 2020-01-01 refers to it (its org): remove that first, or remove with cascade",
        "seat of ann on open-board (class at-large) from 2020-01-01 refers to it (its represents): remove that first, or remove "
        "with cascade",
    ]
    assert {p.id for p in caught.value.problems} == {"acme"}
    assert small.to_json() == before


def test_referrers(small):
    refs = small.referrers(org="acme")
    assert [(r.kind, r.key, r.id, r.field, r.depends) for r in refs] == [
        ("organization", "organization acme-cloud", "acme-cloud", "parent", False),
        ("person", "person ann", "ann", "affiliations", False),
        ("membership", "membership of acme in open-fdn from 2020-01-01", None, "org", True),
        ("seat", "seat of ann on open-board (class at-large) from 2020-01-01", None, "represents", True),
    ]
    assert refs[2].record == small.membership("acme", FDN, at=D2020)
    assert refs[2] == charter.Reference(
        kind="membership",
        key="membership of acme in open-fdn from 2020-01-01",
        field="org",
        depends=True,
        record=small.membership("acme", FDN, at=D2020),
    )
    assert refs[0].to_dict()["record"] == {
        "id": "acme-cloud",
        "name": "Acme Cloud",
        "kind": "company",
        "parent": "acme",
    }
    # The same record named by itself.
    assert small.referrers(small.organization("acme")) == refs
    with pytest.raises(charter.NotFoundError):
        small.referrers(org="initech")


def test_remove_with_cascade(small):
    small.remove(org="acme", cascade=True)
    # Gone: acme, its membership and the seat that represented it.
    assert small.find_record(org="acme") is None
    assert [s.person for s in small.all_seats()] == ["bob"]
    # Kept, without the reference: acme-cloud's parent and ann's affiliation.
    assert small.organization("acme-cloud").parent is None
    assert small.person("ann").affiliations == []
    assert [m.org for m in small.all_memberships()] == ["globex-inc"]


def test_the_ways_to_name_a_record(small):
    membership = small.membership("acme", FDN, at=D2020)
    (seat,) = small.seats_of("ann", at=D2020)
    (role,) = small.roles_of("ann", at=D2020)
    assert small.find_record(membership=("acme", FDN, "2020-01-01")) == membership
    assert small.find_record(membership=["acme", FDN, D2020]) == membership
    assert small.find_record(membership=("acme", FDN, "2020-01-02")) is None
    assert small.find_record(seat=(BOARD, "at-large", "ann", D2020)) == seat
    assert small.find_record(role=("ann", "Treasurer", FDN, D2020)) == role
    assert small.find_record(foundation=FDN).name == "Open Foundation"
    assert small.find_record(body=BOARD).rules.max_per_family == 1
    assert small.find_record(person="ann") == small.person("ann")
    assert small.find_record(role) == role

    with small.batch() as b:
        b.remove(seat)
        b.remove(role=("ann", "Treasurer", FDN, "2020-01-01"))
        b.remove(membership=("acme", FDN, D2020))
    assert small.all_roles() == []
    assert [s.person for s in small.all_seats()] == ["bob"]
    assert [m.org for m in small.all_memberships()] == ["globex-inc"]


def test_naming_a_record_wrongly(small):
    with pytest.raises(TypeError, match="exactly one of org="):
        small.remove()
    with pytest.raises(TypeError, match="exactly one of org="):
        small.remove(org="acme", person="ann")
    with pytest.raises(TypeError, match="exactly one of org="):
        small.find_record(small.organization("acme"), org="acme")
    with pytest.raises(TypeError, match=r"membership= takes a tuple \(org, foundation, from_date\)"):
        small.remove(membership=("acme", FDN))
    with pytest.raises(TypeError, match="membership= takes a tuple"):
        small.remove(membership="acme")
    with pytest.raises(TypeError, match="org= takes a str"):
        small.remove(org=3)
    with pytest.raises(TypeError, match="expected an Organization"):
        small.remove("acme")
    with pytest.raises(charter.ParseError):
        small.remove(membership=("acme", FDN, "1/1/2020"))
    with pytest.raises(charter.NotFoundError):
        small.find_record(role=("ann", "Treasurer", "no-such-scope", D2020))
    with pytest.raises(charter.ValidationError, match="no organization initech to remove"):
        small.remove(org="initech")


# ---- merge


def test_merge_two_organizations(small):
    with small.batch(actor="pytest", reason="one company") as b:
        b.merge(org="globex-inc", into="globex")
    assert small.find_record(org="globex-inc") is None
    # The duplicate's name became an alias, its aliases and domains joined.
    assert small.organization("globex") == charter.Organization(
        id="globex", name="Globex", aliases=["Globex Inc", "GX"], domains=["globex.com", "globex.io"]
    )
    # Every reference moved: the membership, bob's affiliation, his seat.
    assert small.all_memberships()[1] == charter.Membership(org="globex", foundation=FDN, tier="general", from_date=D2021)
    assert small.person("bob").affiliations == [charter.Affiliation(org="globex", from_date=D2021)]
    assert small.seats_of("bob", at=D2021)[0].represents == "globex"
    assert [(r.kind, r.field) for r in small.referrers(org="globex")] == [
        ("person", "affiliations"),
        ("membership", "org"),
        ("seat", "represents"),
    ]
    assert charter.find(small, "Globex Inc", kind="organization")[0].id == "globex"


def test_merge_two_people_by_record(small):
    small.merge(small.person("rob"), into=small.person("bob"))
    assert small.find_record(person="rob") is None
    bob = small.person("bob")
    assert bob.emails == ["bob@globex.com", "rob@globex.io"]
    assert bob.handles == {"github": "rob"}
    assert bob.name == "Bob"


def test_merge_into_itself_is_refused(small):
    before = small.to_json()
    with pytest.raises(charter.ValidationError, match="cannot merge organization globex into itself"):
        small.merge(org="globex", into="globex")
    assert small.to_json() == before


def test_merge_is_for_organizations_and_people(small):
    with pytest.raises(TypeError, match="only organizations and people"):
        small.merge(small.foundation(FDN), into=FDN)
    with pytest.raises(TypeError, match="exactly one of org= or person="):
        small.merge(org="globex-inc", person="rob", into="globex")
    with pytest.raises(TypeError, match="into= takes the id or the Organization"):
        small.merge(org="globex-inc", into=small.person("bob"))
    with pytest.raises(charter.ValidationError, match="no organization initech to merge"):
        small.merge(org="globex-inc", into="initech")


# ---- revert


def test_revert_an_update_restores_the_export_byte_for_byte(small_db, tmp_path):
    before = small_db.to_json()
    with small_db.batch(actor="pytest") as b:
        b.update(small_db.organization("acme").replace(name="Acme Corporation", domains=[]))
        b.update(small_db.membership("acme", FDN, at=D2020).replace(tier="general"))
    assert small_db.to_json() != before
    reverted = small_db.revert(b.audit_id, actor="pytest", reason="wrong record")
    assert reverted == b.audit_id + 1
    assert small_db.to_json() == before
    last = small_db.log()[-1]
    assert (last.id, last.actor, last.summary, last.reason) == (reverted, "pytest", f"revert {b.audit_id}", "wrong record")
    small_db.close()
    assert charter.open(tmp_path / "small.db").to_json() == before


def test_revert_a_removal_restores_the_export_byte_for_byte(small_db):
    before = small_db.to_json()
    with small_db.batch() as b:
        b.remove(org="acme", cascade=True)
    assert small_db.find_record(org="acme") is None
    small_db.revert(b.audit_id)
    assert small_db.to_json() == before


def test_revert_of_a_merge_and_of_an_import(small_db):
    before = small_db.to_json()
    with small_db.batch() as b:
        b.merge(org="globex-inc", into="globex")
    small_db.revert(b.audit_id)
    assert small_db.to_json() == before
    # Entry 1 is the import. The merge and its revert undo each other, so
    # they do not block it: reverting it empties the registry again.
    small_db.revert(1)
    assert json.loads(small_db.to_json()).get("organizations", []) == []
    # A later change does block it.
    with small_db.batch() as b:
        b.add(charter.Organization(id="initech", name="Initech"))
    with pytest.raises(charter.ValidationError, match="cannot revert audit entry 1"):
        small_db.revert(1)


def test_a_revert_blocked_by_later_changes_names_them(small_db):
    with small_db.batch() as first:
        first.update(small_db.organization("acme").replace(name="Acme Corporation"))
    with small_db.batch() as second:
        second.update(small_db.organization("acme").replace(domains=["acme.org"]))
    during = small_db.to_json()
    with pytest.raises(charter.ValidationError) as caught:
        small_db.revert(first.audit_id)
    message = str(caught.value)
    assert f"cannot revert audit entry {first.audit_id}" in message
    assert f"later changes depend on it: audit entry {second.audit_id} (update organization acme)" in message
    with pytest.raises(charter.ValidationError, match=f"audit entry {second.audit_id}"):
        small_db.preview_revert(first.audit_id)
    assert small_db.to_json() == during
    # Once the later entry is reverted, it and its revert undo each other:
    # the first can be reverted.
    small_db.revert(second.audit_id)
    assert small_db.organization("acme").domains == ["acme.com"]
    small_db.revert(first.audit_id)
    assert small_db.organization("acme").name != "Acme Corporation"


def test_preview_revert_changes_nothing(small_db, tmp_path):
    small_db.remove(org="typo-co")
    audit_id = small_db.log()[-1].id
    before = small_db.to_json()
    file_before = (tmp_path / "small.db").read_bytes()
    preview = small_db.preview_revert(audit_id)
    assert preview.changes == [charter.RecordDiff(kind="organization", key="organization typo-co", id="typo-co", change="added")]
    assert preview.introduced == [] and preview.resolved == []
    assert small_db.to_json() == before
    assert (tmp_path / "small.db").read_bytes() == file_before


def test_revert_needs_a_database(small_db, small):
    with pytest.raises(charter.NotFoundError, match="no audit entry '99'"):
        small_db.revert(99)
    with pytest.raises(charter.Error, match="in-memory registry keeps no audit log"):
        small.revert(1)
    with pytest.raises(charter.Error, match="in-memory registry keeps no audit log"):
        small.preview_revert(1)


# ---- preview


def family_cap_batch(reg):
    """acme-cloud joins, and cy takes a seat for it: acme's family would
    hold two seats on a board that allows one per family."""
    b = reg.batch(actor="pytest")
    b.join("acme-cloud", FDN, "general", on=D2022)
    b.add_seat(BOARD, "at-large", "cy", represents="acme-cloud", from_=D2022)
    return b


def test_preview_of_a_change_that_breaks_a_family_cap(small_db, tmp_path):
    path = tmp_path / "small.db"
    before = small_db.to_json()
    log_before = small_db.log()
    file_before = path.read_bytes()
    b = family_cap_batch(small_db)
    preview = b.preview()
    assert isinstance(preview, charter.Preview)
    assert [f.code for f in preview.introduced] == ["seat-vacant", "family-cap-exceeded", "seat-vacant"]
    (cap,) = [f for f in preview.introduced if f.is_error]
    assert cap.severity == "error" and cap.subjects == [BOARD, "acme"]
    assert (cap.from_date, cap.to_date) == (D2022, None)
    assert cap.message == "acme holds 2 seats on open-board, more than the cap of 1 per family"
    # The seat-vacant warning holds before and after, but its figures move
    # from 2022 (cy's seat fills a third of five): over all dates a finding
    # is one range per figure, so the range of 2021 on is resolved and two
    # ranges, each with its figures, are introduced.
    assert [(f.from_date, f.to_date, f.message) for f in preview.introduced if f.code == "seat-vacant"] == [
        (D2021, D2022, "class at-large of open-board has 2 of 5 seats filled"),
        (D2022, None, "class at-large of open-board has 3 of 5 seats filled")]
    assert [(f.code, f.from_date, f.to_date, f.message) for f in preview.resolved] == [
        ("seat-vacant", D2021, None, "class at-large of open-board has 2 of 5 seats filled")]
    assert preview.changes == [
        charter.RecordDiff(kind="membership", key="membership of acme-cloud in open-fdn from 2022-01-01", change="added"),
        charter.RecordDiff(kind="seat", key="seat of cy on open-board (class at-large) from 2022-01-01", change="added"),
    ]
    assert not preview.empty
    # Nothing was done: not in the registry, not in the file, not in the log.
    assert b.state == "open" and len(b) == 2
    assert small_db.to_json() == before
    assert small_db.log() == log_before
    assert path.read_bytes() == file_before
    assert small_db.membership("acme-cloud", FDN, at=D2022) is None
    # The batch can still be committed, and then the finding is there.
    b.commit()
    assert "family-cap-exceeded" in [f.code for f in small_db.check(at=D2022)]


def test_preview_in_memory(small):
    before = small.to_json()
    with small.batch() as b:
        b.merge(org="globex-inc", into="globex")
        preview = b.preview()
        assert small.to_json() == before
    assert [(d.kind, d.id, d.change) for d in preview.changes if d.kind == "organization"] == [
        ("organization", "globex", "changed"),
        ("organization", "globex-inc", "removed"),
    ]
    assert b.changes == preview.changes


def test_preview_value(small):
    b = family_cap_batch(small)
    preview = b.preview()
    b.discard()
    data = preview.to_dict()
    assert list(data) == ["changes", "introduced", "resolved"]
    assert [f["code"] for f in data["introduced"]] == ["seat-vacant", "family-cap-exceeded", "seat-vacant"]
    assert data["changes"][0] == {
        "kind": "membership",
        "key": "membership of acme-cloud in open-fdn from 2022-01-01",
        "id": None,
        "change": "added",
        "fields": [],
    }
    assert repr(preview).startswith("Preview(changes=[RecordDiff(kind='membership'")
    assert preview == preview.replace() and hash(preview) == hash(preview.replace())
    assert repr(charter.Preview()) == "Preview()" and charter.Preview().empty
    # An empty batch previews as nothing.
    assert small.batch().preview() == charter.Preview()


def test_preview_of_a_batch_that_does_not_apply(small):
    b = small.batch()
    b.join("acme", FDN, "general", on=D2021)  # overlaps its premier membership
    with pytest.raises(charter.ValidationError):
        b.preview()
    assert b.state == "open"
    b.discard()
    with pytest.raises(charter.Error, match="discarded"):
        b.preview()


def test_preview_replace(small_db):
    other = small_db.copy()
    other.remove(org="typo-co")
    preview = small_db.preview_replace(other)
    assert preview.changes == [charter.RecordDiff(kind="organization", key="organization typo-co", id="typo-co", change="removed")]
    assert small_db.find_record(org="typo-co") is not None


def test_preview_of_a_correction_that_resolves_a_finding(small):
    family_cap_batch(small).commit()
    with small.batch() as b:
        b.remove(seat=(BOARD, "at-large", "cy", D2022))
        preview = b.preview()
    # The seat-vacant warning's figures go back to 2 of 5 from 2022: its two
    # ranges since 2021 are one again.
    assert [(f.code, f.from_date, f.to_date) for f in preview.introduced] == [("seat-vacant", D2021, None)]
    assert [(f.code, f.subjects) for f in preview.resolved] == [
        ("seat-vacant", [BOARD, "at-large"]), ("family-cap-exceeded", [BOARD, "acme"]),
        ("seat-vacant", [BOARD, "at-large"])]
    assert preview.changes == [charter.RecordDiff(kind="seat", key="seat of cy on open-board (class at-large) from 2022-01-01", change="removed")]
    assert "family-cap-exceeded" not in [f.code for f in small.check(at=D2022)]
