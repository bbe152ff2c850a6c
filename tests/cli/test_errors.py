"""Every way a command can be wrong: each exits 2, says what is wrong on
stderr (naming the id, field or place), prints nothing on stdout and leaves
the database as it was (`Charter.fails` checks all of that)."""

from __future__ import annotations

import json

import pytest

from conftest import EXAMPLE, Charter

JOIN = ["join", "amd", "pytorch-foundation", "--tier", "premier", "--on", "2022-09-12"]

CASES = {
    # unknown ids, with the closest valid one
    "unknown org": (["join", "amdd", "pytorch-foundation", "--tier", "premier", "--on", "2024-01-01"],
                    "charter: join: no organization 'amdd' (did you mean 'amd'?)"),
    "unknown foundation": (["members", "pytorch-foundatio"],
                           "no foundation 'pytorch-foundatio' (did you mean 'pytorch-foundation'?)"),
    "unknown tier": (["change-tier", "amd", "pytorch-foundation", "--tier", "premiere", "--on", "2024-01-01"],
                     "foundation 'pytorch-foundation' has no tier 'premiere' (did you mean 'premier'?)"),
    "unknown person": (["seat", "add", "pytorch-board", "nobody", "--class", "premier", "--represents", "amd",
                        "--from", "2024-01-01"], "no person 'nobody'"),
    "unknown body": (["board", "pytorch-bord"], "no body 'pytorch-bord' (did you mean 'pytorch-board'?)"),
    "unknown seat class": (["seat", "add", "pytorch-board", "ian-buck", "--class", "general", "--represents",
                            "nvidia", "--from", "2024-01-01"], "body 'pytorch-board' has no seat class 'general'"),
    "unknown id in whois": (["whois", "brad-mcredie"], "nothing has the id 'brad-mcredie' (did you mean "
                                                       "'brad-mccredie'?)"),
    "unknown project": (["transfer", "pytorh", "--to", "pytorch-foundation", "--on", "2024-01-01"],
                        "no project 'pytorh' (did you mean 'pytorch'?)"),
    "unknown check scope": (["check", "--body", "board"], "no body 'board'"),
    "unknown report scope": (["report", "roster", "--foundation", "pytorch"], "no foundation 'pytorch'"),
    "ambiguous steward": (["transfer", "pytorch", "--to", "linux-foundation", "--on", "2024-01-01"],
                          "'linux-foundation' names both a foundation and an organization"),
    "unknown steward": (["transfer", "pytorch", "--to", "nobody", "--on", "2024-01-01"],
                        "no foundation or organization 'nobody'"),
    # bad dates
    "bad date": (["join", "amd", "pytorch-foundation", "--tier", "general", "--on", "2023-02-30"],
                 "charter: join: --on: '2023-02-30' is not a date"),
    "bad date format": (["members", "pytorch-foundation", "--at", "12/09/2022"], "'12/09/2022' is not a date"),
    "bad date word": (["board", "pytorch-board", "--at", "yesterday"], "'yesterday' is not a date"),
    "to before from": (["affiliate", "ian-buck", "nvidia", "--from", "2024-01-01", "--to", "2023-01-01"],
                       "is not after"),
    "bad log time": (["log", "--since", "last week"], "'last week' is not a time"),
    # rules of the registry
    "overlapping membership": (["join", "amd", "pytorch-foundation", "--tier", "general", "--on", "2023-01-01"],
                               "overlaps"),
    "leave without membership": (["leave", "amazon", "pytorch-foundation", "--on", "2024-01-01"],
                                 "'amazon' holds no membership of 'pytorch-foundation' on 2024-01-01"),
    "duplicate id": (["org", "add", "amd", "--name", "AMD again"], "duplicate organization id 'amd'"),
    "id not a slug": (["person", "add", "Jane", "--name", "Jane"], "'Jane' is not a slug"),
    "seat without represents": (["seat", "add", "pytorch-board", "ian-buck", "--class", "premier", "--from",
                                 "2024-01-01"], "represents"),
    "seat end without seat": (["seat", "end", "pytorch-board", "ian-buck", "--on", "2024-01-01"],
                              "'ian-buck' holds no seat on 'pytorch-board'"),
    "seat end of an unknown class": (["seat", "end", "pytorch-board", "ian-buck", "--class", "gold", "--on", "2024-01-01"],
                                     "body 'pytorch-board' has no seat class 'gold'"),
    "role without scope": (["role", "add", "ian-buck", "Chair", "--from", "2024-01-01"],
                           "give --foundation, --project or --body"),
    # usage
    "unknown command": (["membrs", "pytorch-foundation"], "'membrs' is not a charter command (did you mean "
                                                          "'members'?)"),
    "unknown subcommand": (["seat", "ad"], "'ad' is not a 'charter seat' command (did you mean 'add'?)"),
    "unknown option": (["members", "pytorch-foundation", "--att", "2022-09-12"],
                       "charter: members: unknown option '--att' (did you mean '--at'?)"),
    "unknown option with value": (["check", "--formt=json"], "unknown option '--formt' (did you mean '--format'?)"),
    "missing option": (["join", "amd", "pytorch-foundation", "--tier", "premier"], "--on is required"),
    "missing argument": (["join", "amd"], "FOUNDATION is required"),
    "extra argument": (["members", "pytorch-foundation", "extra"], "unexpected argument 'extra'"),
    "missing subcommand": (["seat"], "expected a command: add, end"),
    "help on unknown command": (["help", "seat", "ad"], "'ad' is not a 'charter seat' command (did you mean 'add'?)"),
    "db option on a group": (["seat", "--db", "other.db", "end", "pytorch-board", "ian-buck", "--on", "2024-01-01"],
                             "no registry at 'other.db'"),
    "bad choice": (["members", "pytorch-foundation", "--format", "jsno"], "'jsno' is not one of text, json, md, csv "
                                                                        "(did you mean 'json'?)"),
    "exclusive options": (["check", "--at", "2024-01-01", "--all"], "excludes"),
    "unknown report": (["report", "rooster"], "'rooster' is not one of"),
    "report without svg": (["report", "roster", "--foundation", "pytorch-foundation", "--format", "svg"], "svg"),
    "report missing scope": (["report", "roster"], "foundation"),
    "bad year": (["report", "dues", "--foundation", "pytorch-foundation", "--year", "twenty"], "--year"),
    # files
    "missing file": (["import", "missing.json"], "charter: import: cannot read 'missing.json'"),
    "folder as file": (["import", "."], "cannot read '.'"),
    "init over a registry": (["init"], "already exists; nothing changed"),
}


@pytest.mark.parametrize("args,message", CASES.values(), ids=CASES.keys())
def test_error(loaded: Charter, args: list[str], message: str) -> None:
    loaded.fails(*args, message=message)


def test_usage_errors_point_to_help(loaded: Charter) -> None:
    result = loaded.fails("members", "pytorch-foundation", "--att", "2022-09-12", message="--at")
    assert "Run 'charter members --help' for usage." in result.stderr
    result = loaded.fails("xyzzy", message="'xyzzy' is not a charter command")
    assert "The commands are: init, import" in result.stderr


def test_no_command_prints_help(charter: Charter) -> None:
    result = charter()
    assert result.returncode == 2 and "Usage: charter" in result.stderr and result.stdout == ""


def write(charter: Charter, name: str, text: str) -> str:
    (charter.folder / name).write_text(text)
    return name


def test_malformed_json(loaded: Charter) -> None:
    bad = write(loaded, "bad.json", '{"format": "charter-registry",\n  "version": 1\n  "people": []}')
    result = loaded.fails("import", bad, message="charter: import: bad.json: line 3, column")
    assert len(result.stderr.splitlines()) == 1
    loaded.fails("import", "-", input="", message="standard input: line 1")
    loaded.fails("import", "-", "--merge", input="[1, 2", message="standard input: line 1")


def test_import_lists_every_problem_with_its_pointer(loaded: Charter) -> None:
    doc = json.loads(EXAMPLE.read_text())
    doc["memberships"][3]["tier"] = "gold"
    doc["memberships"][4]["org"] = "nobody"
    doc["organizations"][1]["parent"] = "nowhere"
    write(loaded, "broken.json", json.dumps(doc))
    result = loaded.fails("import", "broken.json", message="charter: import: /memberships/3/tier: ")
    lines = result.stderr.splitlines()
    assert sorted(line.split(": ")[2] for line in lines) == [
        "/memberships/3/tier", "/memberships/4/org", "/organizations/1/parent"], lines
    assert "'gold'" in result.stderr and "'nobody'" in result.stderr and "'nowhere'" in result.stderr
    loaded.fails("import", "broken.json", "--merge", message="/memberships/4/org: no organization 'nobody'")

    # The document's own shape is checked before its references: typos in
    # field names come first, all of them.
    doc["people"][0]["nmae"] = "typo"
    doc["people"][2]["emails"] = "not a list"
    write(loaded, "broken.json", json.dumps(doc))
    lines = loaded.fails("import", "broken.json", message="/people/0/nmae: ").stderr.splitlines()
    assert [line.split(": ")[2] for line in lines] == ["/people/0/nmae", "/people/2/emails"], lines


def test_merge_conflict(loaded: Charter) -> None:
    # --merge is an upsert by id: the example again changes nothing...
    assert "Nothing changed" in loaded.ok("import", str(EXAMPLE), "--merge").stdout
    # ...but AMD's membership from 2023-01-01 as well as the one from
    # 2022-09-12 (still open) is an overlap, placed in the document.
    doc = json.loads(EXAMPLE.read_text())
    doc["memberships"][0]["from"] = "2023-01-01"
    (loaded.folder / "overlap.json").write_text(json.dumps(doc))
    result = loaded.fails("import", "overlap.json", "--merge", message="overlaps")
    assert "/memberships/0" in result.stderr


def test_no_database(charter: Charter) -> None:
    for args in (["members", "pytorch-foundation"], ["export"], ["log"], ["check"],
                 ["org", "add", "arm", "--name", "Arm"], ["import", str(EXAMPLE)]):
        charter.fails(*args, message=f"no registry at '{charter.db}'")
        assert not charter.db.exists()


def test_foreign_file_is_left_alone(charter: Charter) -> None:
    charter.db.write_bytes(b"not a database, just some notes\n")
    charter.fails("init", message="already exists")
    charter.fails("members", "pytorch-foundation", message="not a charter database")
    charter.fails("import", str(EXAMPLE), message="not a charter database")
    assert charter.db.read_bytes() == b"not a database, just some notes\n"


def test_unwritable_output(loaded: Charter) -> None:
    loaded.fails("export", "-o", "no/such/folder/out.json", message="no/such/folder/out.json")
    loaded.fails("report", "roster", "--foundation", "pytorch-foundation", "-o", "no/such/folder/r.txt",
                 message="cannot write 'no/such/folder/r.txt'")


# Issue 13: a busy database exited 2, like bad input, so that a script could
# not tell "retry" from "wrong". It now waits up to --busy-timeout (5 s by
# default) and then exits 75 (sysexits.h's EX_TEMPFAIL), changing nothing.
def test_busy_database_exits_75_after_the_timeout(loaded: Charter) -> None:
    import sqlite3
    import time

    before = loaded.state()
    other = sqlite3.connect(loaded.db, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another writer holds the lock
    try:
        started = time.monotonic()
        result = loaded("org", "add", "intel", "--name", "Intel", "--busy-timeout", "1")
        waited = time.monotonic() - started
        assert result.returncode == 75, (result.returncode, result.stderr)
        assert "database busy" in result.stderr, result.stderr
        assert "--busy-timeout" in result.stderr, result.stderr
        assert result.stdout == ""
        assert waited >= 0.9, waited  # it waited for the lock first
        result = loaded("org", "add", "intel", "--name", "Intel", "--busy-timeout", "0")
        assert result.returncode == 75, (result.returncode, result.stderr)
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert loaded.state() == before


def test_busy_database_is_waited_for(loaded: Charter) -> None:
    import sqlite3
    import threading

    other = sqlite3.connect(loaded.db, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")
    release = threading.Timer(0.5, lambda: other.execute("ROLLBACK"))
    release.start()
    try:
        loaded.ok("org", "add", "intel", "--name", "Intel")  # the default 5 s
    finally:
        release.join()
        other.close()
    assert "Intel" in loaded.ok("export").stdout


def test_busy_timeout_must_be_a_whole_number_of_seconds(loaded: Charter) -> None:
    loaded.fails("members", "pytorch-foundation", "--busy-timeout", "-1",
                 message="'-1' is not a whole number from 0 to 86400")
    loaded.fails("members", "pytorch-foundation", "--busy-timeout", "soon",
                 message="'soon' is not a whole number from 0 to 86400")


# Issue 13: --durable syncs every commit (synchronous = FULL; the library's
# test reads the pragma back), for those whom a power cut must not cost one.
def test_durable_commits(loaded: Charter) -> None:
    assert "--durable" in loaded.ok("--help").stdout
    loaded.ok("--durable", "org", "add", "intel", "--name", "Intel")
    loaded.ok("org", "add", "arm", "--name", "Arm", "--durable")
    exported = loaded.ok("export").stdout
    assert "Intel" in exported and "Arm" in exported


# Issue 13: a NUL inside a bad id was written raw to stderr. Control
# characters in messages are written as JSON escapes, so a terminal never
# receives them (an escape sequence in an id could recolour it, or worse).
def test_control_characters_in_messages_are_escaped(charter: Charter) -> None:
    charter.ok("init")
    document = charter.folder / "bad.json"
    document.write_text(json.dumps({
        "format": "charter-registry", "version": 1,
        "organizations": [{"id": "a\u0000b", "name": "A"},
                          {"id": "x\u001b[31my", "name": "X"}]}))
    result = charter.fails("import", str(document), message="is not a valid id")
    assert "\u0000" not in result.stderr and "\u001b" not in result.stderr
    assert '/organizations/0/id: "a\\u0000b" is not a valid id' in result.stderr, result.stderr
    assert '/organizations/1/id: "x\\u001b[31my" is not a valid id' in result.stderr, result.stderr
