"""Registries kept in an SQLite database: charter.open()."""

import datetime
import pathlib

import pytest

import charter
from conftest import LAUNCH

PF = "pytorch-foundation"
LATER = datetime.date(2024, 1, 1)


def test_open_creates_an_empty_registry(tmp_path):
    path = tmp_path / "new.db"
    with charter.open(path, create=True) as db:
        assert db.organizations() == []
        assert db.path == path and isinstance(db.path, pathlib.Path)
        assert str(path) in repr(db)
    assert db.closed and "closed" in repr(db)
    assert path.exists()


def test_changes_are_saved_as_committed(tmp_path, db):
    db.change_tier("amd", PF, "general", on=LATER)
    with db.batch(actor="alice", reason="dues unpaid") as b:
        b.leave("nvidia", PF, on=LATER)
    again = charter.open(db.path)
    assert again.membership("amd", PF, at=LATER).tier == "general"
    assert again.membership("nvidia", PF, at=LATER) is None
    assert again.to_json() == db.to_json()
    again.close()


def test_a_rejected_batch_writes_nothing(db):
    before = db.to_json()
    with pytest.raises(charter.ValidationError):
        with db.batch() as b:
            b.leave("amd", PF, on=LATER)
            b.leave("amazon", PF, on=LATER)
    db.reload()
    assert db.to_json() == before
    assert [e.summary for e in db.log()] == ["import"]


def test_log(db):
    with db.batch(actor="alice", reason="board seated") as b:
        b.add_seat("pytorch-board", "premier", "ian-buck", represents="nvidia", from_=LAUNCH)
    entries = db.log()
    assert [e.actor for e in entries] == ["pytest", "alice"]
    seated = entries[-1]
    assert isinstance(seated, charter.AuditEntry)
    assert seated.reason == "board seated" and "ian-buck" in seated.ids and "nvidia" in seated.ids
    assert seated.summary.startswith("add seat")
    assert entries[0].id < seated.id
    assert db.log(id="ian-buck") == entries  # the import touched every id
    assert db.log(id="nobody") == []
    assert db.log(limit=1) == [seated]
    assert db.log(since="2000") == entries
    assert charter.memory().log() == []


def test_reload_sees_other_writers(db):
    other = charter.open(db.path)
    other.leave("meta", PF, on=LATER)
    other.close()
    assert db.membership("meta", PF, at=LATER) is not None
    db.reload()
    assert db.membership("meta", PF, at=LATER) is None


def test_json_file_store(tmp_path, reg):
    path = tmp_path / "registry.json"
    store = charter.open(path, create=True)
    store.replace(reg)
    store.leave("amd", PF, on=LATER)
    store.close()
    assert charter.load_json(path).membership("amd", PF, at=LATER) is None
