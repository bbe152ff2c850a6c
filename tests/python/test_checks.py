"""Governance checks at a date and over all dates."""

import datetime

import pytest

import charter
from conftest import LAUNCH


def test_check_at_a_date(reg):
    findings = reg.check(at=LAUNCH)
    (vacant,) = findings
    assert isinstance(vacant, charter.Finding)
    assert vacant.code == "seat-vacant" and vacant.severity == "warning" and not vacant.is_error
    assert vacant.subjects == ["pytorch-board", "premier"]
    assert (vacant.from_date, vacant.to_date) == (LAUNCH, LAUNCH + datetime.timedelta(days=1))
    assert "0 of 6" in vacant.message
    assert not charter.has_errors(findings)


def test_check_over_all_dates(reg):
    (vacant,) = reg.check(all_dates=True)
    assert vacant.code == "seat-vacant" and vacant.from_date == LAUNCH and vacant.to_date is None


def test_check_defaults_to_today(reg):
    assert [f.code for f in reg.check()] == ["seat-vacant"]


def test_check_scopes(reg):
    assert reg.check(at=LAUNCH, foundation="linux-foundation") == []
    assert [f.code for f in reg.check(at=LAUNCH, body="pytorch-board")] == ["seat-vacant"]
    with pytest.raises(charter.NotFoundError):
        reg.check(at=LAUNCH, body="no-board")


def test_errors_are_found(reg):
    with reg.batch() as b:
        b.add_seat("pytorch-board", "premier", "brad-mccredie", represents="amd", office="chair", from_=LAUNCH)
        b.add_seat("pytorch-board", "premier", "ian-buck", represents="nvidia", office="chair", from_=LAUNCH)
    findings = reg.check(at=LAUNCH)
    twice = [f for f in findings if f.code == "office-held-twice"]
    assert twice and twice[0].severity == "error"
    assert charter.has_errors(findings)
    over_time = reg.check(all_dates=True)
    assert any(f.code == "office-held-twice" and f.from_date == LAUNCH for f in over_time)
