"""A whole session with the `charter` program, as foundation staff would
run it: create a registry, load the example, record changes, check,
report in every format, export, read the log."""

from __future__ import annotations

import csv
import io
import json
import subprocess

import pytest

from conftest import EXAMPLE, FOUNDERS, Charter, on_terminal

KINDS = ["roster", "board", "changes", "dues", "compliance", "timeline"]
FORMATS = ["text", "md", "csv", "json", "html", "svg"]
WITH_SVG = {"board", "timeline"}


def member_ids(doc: dict, tier: str) -> list[str]:
    return [m["org"] for t in doc["tiers"] if t["id"] == tier for m in t["members"]]


def test_full_session(charter: Charter) -> None:
    created = charter.ok("init")
    assert "Created an empty registry" in created.stdout
    assert charter.db.exists()
    assert charter.ok("export").stdout == charter.ok("export").stdout

    imported = charter.ok("import", str(EXAMPLE), "--reason", "example data")
    assert "10 organizations" in imported.stdout and "6 memberships" in imported.stdout

    # The six founding premier members.
    members = charter.json("members", "pytorch-foundation", "--at", "2022-09-12")
    assert members["total"] == 6
    assert member_ids(members, "premier") == FOUNDERS
    assert all(m["founding"] for t in members["tiers"] for m in t["members"])
    text = charter.ok("members", "pytorch-foundation", "--at", "2022-09-12").stdout
    lines = text.splitlines()
    assert lines[0] == "pytorch-foundation (PyTorch Foundation) on 2022-09-12: 6 members"
    assert lines[1].split() == ["TIER", "ORG", "NAME", "SINCE", "FOUNDING"]
    assert [line.split()[1] for line in lines[2:]] == FOUNDERS
    # Columns line up: every ORG cell starts where the header's does.
    column = lines[1].index("ORG")
    assert all(line[column - 2 : column] == "  " and line[column] != " " for line in lines[2:])
    assert charter.json("members", "pytorch-foundation", "--at", "2022-09-11")["total"] == 0

    # A new member joins, then moves up a tier.
    assert charter.ok("org", "add", "arm", "--name", "Arm Ltd").stdout.splitlines() == [
        "add organization arm", "+ organization arm",
        "Audit entry 2 (1 added, 0 removed, 0 changed; charter revert 2 undoes it)"]
    joined = charter.ok("join", "arm", "pytorch-foundation", "--tier", "general", "--on", "2023-03-01",
                        "--actor", "alice", "--reason", "board vote")
    assert joined.stdout.splitlines()[0] == "join arm pytorch-foundation general 2023-03-01"
    assert joined.stdout.splitlines()[-1].startswith("Audit entry 3 (1 added, 0 removed, 0 changed")
    charter.ok("change-tier", "arm", "pytorch-foundation", "--tier", "premier", "--on", "2024-01-01")
    in_2023 = charter.json("members", "pytorch-foundation", "--at", "2023-06-01")
    assert member_ids(in_2023, "general") == ["arm"] and "arm" not in member_ids(in_2023, "premier")
    in_2024 = charter.json("members", "pytorch-foundation", "--at", "2024-06-01")
    assert "arm" in member_ids(in_2024, "premier") and member_ids(in_2024, "general") == []
    arm = next(m for t in in_2024["tiers"] for m in t["members"] if m["org"] == "arm")
    assert arm["since"] == "2023-03-01" and arm["from"] == "2024-01-01" and not arm["founding"]

    # Seats on the board.
    charter.ok("seat", "add", "pytorch-board", "brad-mccredie", "--class", "premier", "--represents", "amd",
               "--office", "chair", "--from", "2022-09-12")
    board = charter.json("board", "pytorch-board", "--at", "2023-01-01")
    assert board["classes"] == [{"id": "premier", "mode": "per-member", "seats": 6, "filled": 1, "vacant": 5}]
    assert [(s["person"], s["represents"], s["office"], s["voting"]) for s in board["seats"]] == [
        ("brad-mccredie", "amd", "chair", True)]
    board_text = charter.ok("board", "pytorch-board", "--at", "2023-01-01").stdout
    assert "1 of 6 seats filled" in board_text and "Brad McCredie" in board_text

    # Vacancies are warnings: check passes.
    passed = charter("check", "--at", "2023-01-01")
    assert passed.returncode == 0, passed.stderr
    assert "seat-vacant" in passed.stdout and "0 errors" in passed.stdout

    # Ian Buck sits for Arm before Arm is a premier member: an error.
    charter.ok("seat", "add", "pytorch-board", "ian-buck", "--class", "premier", "--represents", "arm",
               "--from", "2023-01-01")
    failed = charter("check", "--at", "2023-06-01", "--foundation", "pytorch-foundation")
    assert failed.returncode == 1, failed.stderr
    assert "seat-without-membership" in failed.stdout and "1 error" in failed.stdout
    assert charter("check", "--at", "2024-06-01").returncode == 0  # arm is premier by then
    over_time = charter("check", "--all", "--body", "pytorch-board", "--format", "json")
    assert over_time.returncode == 1
    findings = json.loads(over_time.stdout)
    assert findings["errors"] >= 1 and findings["at"] is None
    wrong = [f for f in findings["findings"] if f["code"] == "seat-without-membership"]
    assert [(f["from"], f["to"], f["severity"]) for f in wrong] == [("2023-01-01", "2024-01-01", "error")]

    # Every report in every format it has.
    for kind in KINDS:
        for fmt in FORMATS:
            args = ["report", kind, "--foundation", "pytorch-foundation", "--body", "pytorch-board",
                    "--project", "pytorch", "--format", fmt]
            if kind == "changes":
                args += ["--from", "2022-01-01", "--to", "2025-01-01"]
            elif kind == "dues":
                args += ["--year", "2024"]
            elif kind == "timeline":
                args += ["--to", "2025-01-01"]
            else:
                args += ["--at", "2024-06-01"]
            if fmt == "svg" and kind not in WITH_SVG:
                charter.fails(*args, message="svg")
                continue
            out = charter.ok(*args).stdout
            assert out, (kind, fmt)
            if fmt == "json":
                json.loads(out)
            elif fmt == "csv":
                rows = list(csv.reader(io.StringIO(out, newline="")))
                assert len(rows) >= 2 and all(rows[0])
            elif fmt == "html":
                assert out.lstrip().lower().startswith("<!doctype html")
            elif fmt == "svg":
                assert out.lstrip().startswith("<svg") or out.lstrip().startswith("<?xml")
            elif fmt == "md":
                assert out.startswith("#")
    roster = json.loads(charter.ok("report", "roster", "--foundation", "pytorch-foundation", "--at", "2024-06-01",
                                   "--format", "json").stdout)
    assert roster["total"] == 7
    board_report = json.loads(charter.ok("report", "board", "--foundation", "pytorch-foundation",
                                         "--at", "2024-06-01", "--format", "json").stdout)
    assert board_report["body"] == "pytorch-board"  # the foundation's only body

    # Export: canonical, and it round-trips through a fresh registry.
    exported = charter.ok("export").stdout
    doc = json.loads(exported)
    assert [m["tier"] for m in doc["memberships"] if m["org"] == "arm"] == ["general", "premier"]
    charter.ok("export", "-o", "copy.json")
    assert (charter.folder / "copy.json").read_text() == exported
    charter.ok("export", "-o", "copy.json")  # replaces it, leaving no temporary file
    assert (charter.folder / "copy.json").read_text() == exported
    assert not [p.name for p in charter.folder.iterdir() if "tmp" in p.name]
    again = Charter(charter.exe, charter.folder)
    again.db = charter.folder / "again.db"
    again.env["CHARTER_DB"] = str(again.db)
    again.ok("init")
    again.ok("import", "copy.json")
    assert again.ok("export").stdout == exported

    # The audit log: one entry per change, with actor and reason.
    log = charter.json("log")
    summaries = [e["summary"] for e in log]
    assert summaries[0] == f"import {EXAMPLE}"
    assert "join arm pytorch-foundation general 2023-03-01" in summaries
    assert len(log) == 6 and [e["id"] for e in log] == sorted(e["id"] for e in log)
    join = next(e for e in log if e["summary"].startswith("join"))
    assert join["actor"] == "alice" and join["reason"] == "board vote" and "arm" in join["ids"]
    assert log[0]["actor"] == "tester" and log[0]["reason"] == "example data"
    assert [e["summary"] for e in charter.json("log", "--id", "arm")] == [
        "add organization arm", "join arm pytorch-foundation general 2023-03-01",
        "change-tier arm pytorch-foundation premier 2024-01-01",
        "add seat of ian-buck on pytorch-board (class premier) from 2023-01-01"]
    assert len(charter.json("log", "-n", "2")) == 2
    assert len(charter.json("log", "--since", "today")) == 6
    assert charter.json("log", "--since", "2999") == []
    log_text = charter.ok("log").stdout.splitlines()
    assert log_text[0].split() == ["ID", "TIME", "ACTOR", "SUMMARY", "REASON"] and len(log_text) == 7
    assert "board vote" in log_text[3]


def test_whois(loaded: Charter) -> None:
    brad = loaded.ok("whois", "brad-mccredie", "--at", "2023-01-01").stdout
    assert brad.startswith("person brad-mccredie: Brad McCredie\n")
    assert "amd (AMD)" in brad
    person = loaded.json("whois", "brad-mccredie")["person"]
    assert [a["org"] for a in person["affiliations"]] == ["amd"]

    aws = loaded.json("whois", "aws", "--at", "2022-09-12", "--history")["organization"]
    assert aws["family"] == "amazon" and aws["family_members"] == ["amazon", "aws"]
    assert [(m["foundation"], m["tier"]) for m in aws["memberships"]] == [("pytorch-foundation", "premier")]
    assert aws["people"] == [{"id": "brian-granger", "name": "Brian Granger"}]
    assert any(h["kind"] == "membership" for h in aws["history"])
    assert "family: amazon (amazon, aws)" in loaded.ok("whois", "aws").stdout
    assert "family: amazon (amazon, aws)" in loaded.ok("whois", "amazon").stdout
    assert "family: none" in loaded.ok("whois", "amd").stdout

    both = loaded.json("whois", "linux-foundation")
    assert "organization" in both and "foundation" in both
    assert loaded.json("whois", "pytorch", "--at", "2020-01-01")["project"]["steward"] == "meta"
    assert loaded.json("whois", "pytorch", "--at", "2023-01-01")["project"]["steward"] == "pytorch-foundation"


def test_other_changes(loaded: Charter) -> None:
    loaded.ok("person", "add", "jane-doe", "--name", "Jane Doe", "--email", "jane@example.org",
              "--handle", "github=jdoe")
    loaded.ok("affiliate", "jane-doe", "meta", "--from", "2020-01-01", "--title", "Engineer")
    loaded.ok("unaffiliate", "jane-doe", "meta", "--on", "2024-01-01")
    jane = loaded.json("whois", "jane-doe", "--at", "2023-01-01")["person"]
    assert jane["handles"] == {"github": "jdoe"} and jane["emails"] == ["jane@example.org"]
    assert [(a["org"], a["to"]) for a in jane["affiliations"]] == [("meta", "2024-01-01")]
    assert loaded.json("whois", "jane-doe", "--at", "2024-01-01")["person"]["affiliations"] == []

    loaded.ok("org", "add", "aws-ai", "--name", "AWS AI", "--parent", "aws", "--kind", "company")
    assert loaded.json("whois", "aws-ai")["organization"]["family"] == "amazon"

    loaded.ok("role", "add", "jane-doe", "Treasurer", "--foundation", "pytorch-foundation", "--from", "2023-01-01")
    assert [r["title"] for r in loaded.json("whois", "jane-doe", "--at", "2023-06-01")["person"]["roles"]] == [
        "Treasurer"]
    loaded.ok("role", "end", "jane-doe", "Treasurer", "--foundation", "pytorch-foundation", "--on", "2023-07-01")
    assert loaded.json("whois", "jane-doe", "--at", "2023-08-01")["person"]["roles"] == []

    loaded.ok("seat", "add", "pytorch-board", "soumith-chintala", "--class", "premier", "--represents", "meta",
              "--from", "2022-09-12")
    loaded.ok("seat", "end", "pytorch-board", "soumith-chintala", "--on", "2024-01-01")
    assert loaded.json("board", "pytorch-board", "--at", "2024-01-01")["seats"] == []

    loaded.ok("leave", "nvidia", "pytorch-foundation", "--on", "2025-01-01")
    assert "nvidia" not in member_ids(loaded.json("members", "pytorch-foundation", "--at", "2025-01-01"), "premier")

    loaded.ok("transfer", "linux", "--to", "pytorch-foundation", "--on", "2024-01-01")
    assert loaded.json("whois", "linux", "--at", "2024-02-01")["project"]["steward"] == "pytorch-foundation"
    loaded.ok("transfer", "pytorch", "--to-org", "linux-foundation", "--on", "2025-01-01")
    assert loaded.json("whois", "pytorch", "--at", "2025-02-01")["project"]["steward"] == "linux-foundation"


def test_dates_accept_today(loaded: Charter) -> None:
    assert loaded.json("members", "pytorch-foundation", "--at", "today")["total"] == 6
    loaded.ok("org", "add", "arm", "--name", "Arm")
    loaded.ok("join", "arm", "pytorch-foundation", "--tier", "general", "--on", "today")
    assert "arm" in member_ids(loaded.json("members", "pytorch-foundation"), "general")


def test_import_from_stdin_and_merge(charter: Charter) -> None:
    charter.ok("init")
    charter.ok("import", "-", input=EXAMPLE.read_text())
    assert charter.json("log")[0]["summary"] == "import standard input"
    extra = {"format": "charter-registry", "version": 1,
             "organizations": [{"id": "arm", "name": "Arm"}],
             "memberships": [{"org": "arm", "foundation": "pytorch-foundation", "tier": "general",
                              "from": "2023-01-01"}]}
    charter.ok("import", "-", "--merge", input=json.dumps(extra))
    assert member_ids(charter.json("members", "pytorch-foundation", "--at", "2023-06-01"), "general") == ["arm"]
    assert charter.json("members", "pytorch-foundation", "--at", "2023-06-01")["total"] == 7


def test_json_database(charter: Charter) -> None:
    charter.env["CHARTER_DB"] = str(charter.folder / "registry.json")
    charter.db = charter.folder / "registry.json"
    charter.ok("init")
    assert json.loads(charter.db.read_text())["format"] == "charter-registry"
    charter.ok("import", str(EXAMPLE))
    charter.ok("org", "add", "arm", "--name", "Arm")
    assert any(o["id"] == "arm" for o in json.loads(charter.db.read_text())["organizations"])


def test_db_option_and_default(charter: Charter) -> None:
    del charter.env["CHARTER_DB"]
    charter.ok("init")  # ./charter.db
    assert (charter.folder / "charter.db").exists()
    charter.ok("--db", "other.db", "init")
    charter.ok("init", "--db", "third.db")
    assert (charter.folder / "other.db").exists() and (charter.folder / "third.db").exists()
    charter.ok("import", str(EXAMPLE), "--db", "other.db")
    assert charter.json("members", "pytorch-foundation", "--db", "other.db")["total"] == 6
    assert json.loads(charter.ok("export").stdout)["organizations"] == []  # ./charter.db is still empty


@pytest.mark.parametrize("command", [
    [], ["init"], ["import"], ["export"], ["check"], ["report"], ["org"], ["org", "add"], ["person"],
    ["person", "add"], ["affiliate"], ["unaffiliate"], ["join"], ["leave"], ["change-tier"], ["seat"],
    ["seat", "add"], ["seat", "end"], ["role"], ["role", "add"], ["role", "end"], ["transfer"], ["members"],
    ["board"], ["whois"], ["log"], ["help"]])
def test_help(charter: Charter, command: list[str]) -> None:
    out = charter.ok(*command, "--help").stdout
    assert "Usage: charter" in out
    assert "Example" in out
    assert not charter.db.exists()


def test_help_command(charter: Charter) -> None:
    assert charter.ok("help").stdout == charter.ok("--help").stdout
    assert charter.ok("help", "seat", "add").stdout == charter.ok("seat", "add", "--help").stdout
    assert "Usage: charter join [OPTIONS] ORG FOUNDATION" in charter.ok("help", "join").stdout


def test_version(charter: Charter) -> None:
    assert charter.ok("--version").stdout.startswith("charter ")


def test_quiet_when_not_a_terminal(charter: Charter) -> None:
    # stderr is a pipe here: no progress bar, nothing at all on success.
    charter.ok("init")
    result = charter.ok("import", str(EXAMPLE))
    assert "\r" not in result.stdout
    assert charter.ok("report", "timeline", "--project", "pytorch").stderr == ""


def run_with_terminal_stderr(charter: Charter, *args: str) -> tuple[subprocess.CompletedProcess[bytes], bytes, float]:
    """Runs the program with stderr on a pseudo-terminal (stdout a pipe)."""
    return on_terminal(charter, *args, stream="stderr")


def test_progress_on_a_terminal(charter: Charter) -> None:
    charter.ok("init")
    # Quick: nothing, even on a terminal.
    result, stderr, _ = run_with_terminal_stderr(charter, "import", str(EXAMPLE))
    assert result.returncode == 0 and stderr == b""

    doc = json.loads(EXAMPLE.read_text())
    for i in range(20000):
        doc["organizations"].append({"id": f"org-{i:05d}", "name": f"Org {i}"})
        doc["memberships"].append({"org": f"org-{i:05d}", "foundation": "pytorch-foundation", "tier": "general",
                                   "from": "2023-01-01"})
    (charter.folder / "big.json").write_text(json.dumps(doc))
    result, stderr, elapsed = run_with_terminal_stderr(charter, "import", "big.json", "--replace")
    assert result.returncode == 0
    assert result.stdout.startswith(b"Imported big.json")  # stdout is untouched
    if stderr:
        # Phases, then the line erased so that what follows starts clean.
        assert b"import [" in stderr and b"/4 " in stderr
        assert stderr.endswith(b"\r\x1b[K")
    elif elapsed > 3:
        pytest.fail(f"no progress shown on a terminal for an import of {elapsed:.1f}s")
