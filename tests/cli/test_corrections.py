"""Correcting the registry from the command line: update, remove, merge,
revert, --dry-run, safe imports and backup (issue 14).

Expected values come from examples/data/pytorch-foundation.json (the
PyTorch Foundation's announcement of 2022-09-12): 10 organizations, 10
people, 2 foundations, 7 projects, 6 premier founding memberships from
2022-09-12, one board with a per-member premier class, 3 roles.
"""

from __future__ import annotations

import json

from conftest import EXAMPLE, Charter


def export(charter: Charter) -> dict:
    return json.loads(charter.ok("export").stdout)


def membership(doc: dict, org: str) -> list[dict]:
    return [m for m in doc["memberships"] if m["org"] == org]


def test_update_any_field(loaded: Charter) -> None:
    done = loaded.json("update", "org", "aws", "--set", "name=Amazon Web Services, Inc.",
                       "--add", "domains=aws.amazon.com", "--reason", "legal name")
    assert done["audit_id"] == 2 and done["changed"] == 1
    fields = {f["field"]: f for f in done["records"][0]["fields"]}
    assert fields["/name"] == {"field": "/name", "before": "Amazon Web Services",
                               "after": "Amazon Web Services, Inc."}
    org = next(o for o in export(loaded)["organizations"] if o["id"] == "aws")
    assert org["name"] == "Amazon Web Services, Inc." and org["domains"] == ["aws.amazon.com"]
    log = loaded.json("log", "--limit", "1")[0]
    assert log["id"] == 2 and log["summary"] == "update organization aws" and log["reason"] == "legal name"

    # A membership by its key fields: AMD entered as premier, but general.
    loaded.ok("update", "membership", "--org", "amd", "--foundation", "pytorch-foundation",
              "--set", "tier=general", "--set", "founding=false")
    amd = membership(export(loaded), "amd")
    assert [(m["tier"], m["from"], m.get("founding", False)) for m in amd] == [("general", "2022-09-12", False)]

    # A body's rules, by a dotted path and by a JSON Pointer.
    loaded.ok("update", "body", "pytorch-board", "--set", "rules.max_per_family=1",
              "--set", "/rules/quorum=0.5")
    board = export(loaded)["bodies"][0]
    assert board["rules"]["max_per_family"] == 1 and board["rules"]["quorum"] == 0.5


def test_update_a_key_field_and_an_id(loaded: Charter) -> None:
    # The wrong start date: removed and added anew, one audit entry.
    done = loaded.json("update", "membership", "--org", "nvidia", "--foundation", "pytorch-foundation",
                       "--set", "from=2022-10-01")
    assert (done["added"], done["removed"]) == (1, 1)
    assert [m["from"] for m in membership(export(loaded), "nvidia")] == ["2022-10-01"]
    # A new id: every reference moves (Ian Buck's affiliation, the membership).
    loaded.ok("update", "org", "nvidia", "--set", "id=nvidia-corp")
    doc = export(loaded)
    assert "nvidia" not in [o["id"] for o in doc["organizations"]]
    assert [m["from"] for m in membership(doc, "nvidia-corp")] == ["2022-10-01"]
    ian = next(p for p in doc["people"] if p["id"] == "ian-buck")
    assert [a["org"] for a in ian["affiliations"]] == ["nvidia-corp"]


def test_update_refused(loaded: Charter) -> None:
    typo = loaded.fails("update", "org", "aws", "--set", "nmae=x", message="unknown field")
    # Named by the record, not by a place in a document made for the edit.
    assert typo.stderr == 'charter: update: organization aws: unknown field "nmae" (did you mean "name"?)\n'
    # A bad value in a nested field: the field of the record.
    loaded.fails("update", "body", "pytorch-board", "--set", "rules.quorum=2", message="pytorch-board")
    loaded.fails("update", "org", "aws", "--set", "kind=bank", message="unknown kind")
    loaded.fails("update", "org", "aws", "--set", "parent=aws", message="aws")
    loaded.fails("update", "org", "aws", "--drop", "aliases=Nope", message="the list holds no \"Nope\"")
    loaded.fails("update", "org", "aws", "--add", "aliases=AWS", message="holds \"AWS\" already")
    loaded.fails("update", "org", "aws", "--set", "noequals", message="expected FIELD=VALUE")
    loaded.fails("update", "org", "aws", message="what to change?")
    loaded.fails("update", "org", "amazn", "--set", "name=x", message="did you mean 'amazon'")
    loaded.fails("update", "membership", "--org", "amd", "--foundation", "pytorch-foundation",
                 "--from", "2022-09-13", "--set", "tier=general",
                 message="no membership of amd in pytorch-foundation from 2022-09-13")
    loaded.fails("update", "membership", "--org", "amd", "--set", "tier=x", message="--org and --foundation")
    # The tier must belong to the foundation.
    loaded.fails("update", "membership", "--org", "amd", "--foundation", "pytorch-foundation",
                 "--set", "tier=gold", message="gold")
    loaded.fails("update", "foundation", "pytorch-foundation", "--set", "id=ptf", message="cannot be changed")


def test_ambiguous_alias(loaded: Charter) -> None:
    loaded.ok("org", "add", "amazon-2", "--name", "Amazon Two", "--alias", "AWS")
    loaded.fails("update", "org", "AWS", "--set", "name=x", message="AWS")


def test_remove(loaded: Charter) -> None:
    loaded.ok("org", "add", "typo-co", "--name", "Typo Co")
    loaded.ok("join", "typo-co", "pytorch-foundation", "--tier", "general", "--on", "2023-01-01")
    result = loaded.fails("remove", "org", "typo-co",
                          message="membership of typo-co in pytorch-foundation from 2023-01-01 refers to it (its org)")
    assert "cascade" in result.stderr
    done = loaded.json("remove", "org", "typo-co", "--cascade", "--reason", "entered in error")
    assert done["removed"] == 2 and {r["kind"] for r in done["records"]} == {"organization", "membership"}
    doc = export(loaded)
    assert len(doc["organizations"]) == 10 and len(doc["memberships"]) == 6
    assert loaded.json("log", "--limit", "1")[0]["summary"] == "remove organization typo-co cascade"


def test_merge(loaded: Charter) -> None:
    loaded.ok("org", "add", "amd-inc", "--name", "Advanced Micro Devices, Inc.", "--domain", "amd.com")
    loaded.ok("affiliate", "brad-mccredie", "amd-inc", "--from", "2010-01-01", "--to", "2020-01-01")
    done = loaded.json("merge", "org", "amd-inc", "amd", "--reason", "entered twice")
    assert done["operations"] == ["merge organization amd-inc into organization amd"]
    doc = export(loaded)
    amd = next(o for o in doc["organizations"] if o["id"] == "amd")
    assert amd["aliases"] == ["Advanced Micro Devices, Inc."] and amd["domains"] == ["amd.com"]
    brad = next(p for p in doc["people"] if p["id"] == "brad-mccredie")
    assert [a["org"] for a in brad["affiliations"]] == ["amd", "amd"]
    loaded.fails("merge", "org", "amd", "amd", message="cannot merge organization amd into itself")
    loaded.fails("merge", "org", "amd", "nobody", message="no organization 'nobody'")
    # Two founding members cannot be one: both have a membership from
    # 2022-09-12.
    loaded.fails("merge", "org", "aws", "amd",
                 message="cannot merge organization aws into organization amd: both have a membership")


def test_revert(loaded: Charter) -> None:
    before = loaded.ok("export").stdout
    loaded.ok("join", "amazon", "pytorch-foundation", "--tier", "general", "--on", "2023-01-01")
    assert loaded.json("revert", "2")["audit_id"] == 3
    assert loaded.ok("export").stdout == before
    log = loaded.json("log")
    assert [e["summary"] for e in log][-1] == "revert 2"

    # A revert that later changes depend on is refused, naming them.
    loaded.ok("org", "add", "arm", "--name", "Arm")
    loaded.ok("join", "arm", "pytorch-foundation", "--tier", "general", "--on", "2023-01-01")
    loaded.fails("revert", "4", message="later changes depend on it: audit entry 5 (join arm")
    loaded.fails("revert", "99", message="99")
    loaded.fails("revert", "x", message="not a whole number")


def test_dry_run_writes_nothing(loaded: Charter) -> None:
    # One seat per family on the board; Brian Granger holds AWS's.
    loaded.ok("update", "body", "pytorch-board", "--set", "rules.max_per_family=1")
    loaded.ok("seat", "add", "pytorch-board", "brian-granger", "--class", "premier",
              "--represents", "aws", "--from", "2023-01-01")
    loaded.ok("affiliate", "andrew-moore", "amazon", "--from", "2023-01-01")
    before = loaded.db.read_bytes()
    # A second seat for the Amazon family (amazon is aws's parent) from
    # 2024-01-01: two seats of one family, over the cap of one.
    preview = loaded.json("seat", "add", "pytorch-board", "andrew-moore", "--class", "premier",
                          "--represents", "amazon", "--from", "2024-01-01", "--dry-run")
    assert loaded.db.read_bytes() == before
    assert preview["dry_run"] is True and preview["added"] == 1
    cap = [f for f in preview["introduced"] if f["code"] == "family-cap-exceeded"]
    assert len(cap) == 1, preview
    assert cap[0]["from"] == "2024-01-01" and cap[0]["severity"] == "error"
    assert cap[0]["subjects"][:2] == ["pytorch-board", "amazon"]

    text = loaded.ok("remove", "org", "amazon", "--cascade", "--dry-run").stdout
    assert text.startswith("Dry run: nothing was written.\n")
    assert "- organization amazon" in text and "~ organization aws" in text
    for args in (["merge", "org", "aws", "amazon"], ["revert", "2"], ["org", "add", "x", "--name", "X"],
                 ["update", "org", "aws", "--set", "name=A"], ["join", "amazon", "pytorch-foundation",
                                                              "--tier", "general", "--on", "2023-01-01"],
                 ["import", str(EXAMPLE), "--replace"], ["import", str(EXAMPLE), "--merge"]):
        result = loaded(*args, "--dry-run")
        assert result.returncode == 0, (args, result.stderr)
        assert result.stdout.startswith("Dry run: nothing was written.\n"), args
        assert loaded.db.read_bytes() == before, args


def test_safe_imports(loaded: Charter) -> None:
    loaded.fails("import", str(EXAMPLE), message="the registry holds records already")
    small = {"format": "charter-registry", "version": 1,
             "organizations": [{"id": "solo", "name": "Solo"}]}
    (loaded.folder / "small.json").write_text(json.dumps(small))
    before = loaded.ok("export").stdout
    preview = loaded.json("import", "small.json", "--replace", "--dry-run")
    # 10 organizations, 10 people, 2 foundations, 7 projects, 1 body, 6
    # memberships, 3 roles go; solo comes.
    assert preview["added"] == 1 and preview["removed"] == 39
    done = loaded.json("import", "small.json", "--replace")
    assert done["replaced"] is True and done["records"] == 1
    assert [o["id"] for o in export(loaded)["organizations"]] == ["solo"]
    # --replace stays recoverable.
    loaded.ok("revert", str(done["audit_id"]))
    assert loaded.ok("export").stdout == before

    # --merge: an upsert by id, with the diff shown.
    doc = json.loads(EXAMPLE.read_text())
    doc["organizations"].append({"id": "arm", "name": "Arm"})
    next(o for o in doc["organizations"] if o["id"] == "meta")["name"] = "Meta Platforms"
    (loaded.folder / "more.json").write_text(json.dumps(doc))
    text = loaded.ok("import", "more.json", "--merge").stdout
    assert "+ organization arm" in text and '/name: "Meta" -> "Meta Platforms"' in text
    assert "(1 added, 0 removed, 1 changed;" in text


def test_backup(loaded: Charter) -> None:
    result = loaded.ok("backup", "copy.db")
    assert result.stdout.startswith(f"Backed up {loaded.db} to copy.db")
    copy = Charter(loaded.exe, loaded.folder)
    copy.env["CHARTER_DB"] = str(loaded.folder / "copy.db")
    assert copy.ok("export").stdout == loaded.ok("export").stdout
    loaded.fails("backup", "copy.db", message="already exists")
