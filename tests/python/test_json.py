"""The interchange document in and out."""

import datetime
import json

import charter


def test_round_trip_is_byte_identical(reg, data_path):
    text = reg.to_json()
    again = charter.from_json(text)
    assert again.to_json() == text
    document = json.loads(text)
    assert document["format"] == "charter-registry" and document["version"] == 1
    source = json.loads(data_path.read_text())
    assert [o["id"] for o in document["organizations"]] == sorted(o["id"] for o in source["organizations"])
    assert len(document["memberships"]) == len(source["memberships"]) == 6


def test_load_json_takes_str_and_pathlike(data_path):
    a = charter.load_json(str(data_path))
    b = charter.load_json(data_path)
    assert a.to_json() == b.to_json()


def test_save_json(reg, tmp_path):
    target = tmp_path / "out.json"
    reg.save_json(target)
    assert target.read_text() == reg.to_json()
    assert charter.load_json(target).to_json() == reg.to_json()


def test_extra_survives(reg):
    lf = reg.foundation("linux-foundation")
    assert lf.extra["founded_year"] == 2000
    assert "founding year" in lf.extra["note"]


def test_memory_and_copy(reg):
    empty = charter.memory()
    assert empty.organizations() == [] and empty.path is None
    assert charter.Registry().to_json() == empty.to_json()
    copy = reg.copy()
    copy.leave("amd", "pytorch-foundation", on=datetime.date(2024, 1, 1))
    assert copy.to_json() != reg.to_json()
    empty.replace(reg)
    assert empty.to_json() == reg.to_json()
    assert "in memory" in repr(empty) and "6 memberships" in repr(empty)
