"""The conventions every command follows (issue 14; git and sqlite3 are the
model): -q/--quiet and -v/--verbose, colour only on a terminal (NO_COLOR,
--color), md and csv for members and board, completion scripts and the man
page made from the commands, a report's format from its file's extension,
and messages that name records as people name them."""

from __future__ import annotations

import csv
import io
import json
import pathlib
import re
import shutil
import subprocess

import pytest

from conftest import EXAMPLE, FOUNDERS, Charter, on_terminal

ESCAPE = "\x1b["
ANSI = re.compile(r"\x1b\[[0-9;]*m")
GROUPS = ("org", "person", "seat", "role")


def commands(charter: Charter) -> list[str]:
    """Every command, as `charter --help` and its groups' help list them."""
    def listed(*args: str) -> list[str]:
        names, in_commands = [], False
        for line in charter.ok(*args, "--help").stdout.splitlines():
            if line and not line.startswith(" "):
                in_commands = line.endswith(":") and line not in ("Options:", "Examples:", "Example:")
            elif in_commands and line.startswith("  ") and not line.startswith("   "):
                names.append(line.split()[0])
        return names

    found = []
    for name in listed():
        found.append(name)
        if name in GROUPS:
            found += [f"{name} {sub}" for sub in listed(name)]
    return found


def seated(loaded: Charter) -> Charter:
    """The example with two seats: Brad McCredie for AMD (chair) from the
    launch, Ian Buck for Arm (a general member only) from 2023-06-01."""
    loaded.ok("org", "add", "arm", "--name", "Arm Ltd")
    loaded.ok("join", "arm", "pytorch-foundation", "--tier", "general", "--on", "2023-03-01")
    loaded.ok("seat", "add", "pytorch-board", "brad-mccredie", "--class", "premier", "--represents", "amd",
              "--office", "chair", "--from", "2022-09-12")
    loaded.ok("seat", "add", "pytorch-board", "ian-buck", "--class", "premier", "--represents", "arm",
              "--from", "2023-06-01")
    return loaded


# ---- -q/--quiet and -v/--verbose


def test_every_command_takes_quiet_verbose_and_color(charter: Charter) -> None:
    names = commands(charter)
    assert {"init", "join", "seat add", "members", "help", "completion", "man"} <= set(names), names
    for name in names:
        help_text = charter.ok(*name.split(), "--help").stdout
        for option in ("-q,--quiet", "-v,--verbose", "--color WHEN"):
            assert option in help_text, (name, option)


def test_quiet_says_nothing_on_success(charter: Charter) -> None:
    assert charter.ok("-q", "init").stdout == ""
    assert charter.ok("import", str(EXAMPLE), "--quiet").stdout == ""
    assert charter.ok("org", "add", "arm", "--name", "Arm", "-q").stdout == ""
    assert charter.ok("-q", "join", "arm", "pytorch-foundation", "--tier", "general", "--on", "2023-03-01").stdout == ""
    assert charter.ok("seat", "-q", "add", "pytorch-board", "ian-buck", "--class", "premier", "--represents", "arm",
                      "--from", "2023-06-01").stdout == ""
    # The changes were made, and logged.
    assert [e["summary"] for e in charter.json("log")][1:] == [
        "add organization arm", "join arm pytorch-foundation general 2023-03-01",
        "add seat of ian-buck on pytorch-board (class premier) from 2023-06-01"]


def test_quiet_corrections_say_nothing_but_their_previews(loaded: Charter) -> None:
    rename = ["update", "org", "amd", "--set", "name=AMD Inc"]
    preview = loaded.ok(*rename, "--dry-run", "-q").stdout
    assert "would update organization amd" in preview  # a preview is an answer
    as_json = json.loads(loaded.ok(*rename, "-q", "--format", "json").stdout)
    assert as_json["audit_id"] == 2 and as_json["changed"] == 1  # asked for: printed
    assert loaded.ok("update", "org", "amd", "--set", "name=AMD", "-q").stdout == ""
    assert loaded.ok("org", "add", "zz", "--name", "Z", "-q").stdout == ""
    assert loaded.ok("remove", "org", "zz", "-q").stdout == ""
    assert loaded.ok("revert", "5", "-q").stdout == ""
    assert loaded.ok("backup", "copy.db", "-q").stdout == ""
    assert (loaded.folder / "copy.db").exists()
    assert [e["summary"].split()[0] for e in loaded.json("log")] == [
        "import", "update", "update", "add", "remove", "revert"]


def test_quiet_keeps_the_answers_and_the_errors(loaded: Charter) -> None:
    members = loaded.ok("members", "pytorch-foundation", "--at", "2022-09-12").stdout
    assert loaded.ok("-q", "members", "pytorch-foundation", "--at", "2022-09-12").stdout == members
    assert loaded.ok("export", "-q").stdout == loaded.ok("export").stdout
    failed = loaded("-q", "join", "amdd", "pytorch-foundation", "--tier", "premier", "--on", "2024-01-01")
    assert failed.returncode == 2
    assert failed.stderr == "charter: join: no organization 'amdd' (did you mean 'amd'?)\n"
    # check still says what it found, and exits by it.
    seated(loaded)
    found = loaded("check", "--at", "2023-07-01", "-q")
    assert found.returncode == 1 and "seat-without-membership" in found.stdout and found.stderr == ""


def test_quiet_drops_the_note_of_an_alias(loaded: Charter) -> None:
    noted = loaded("whois", "AWS")
    assert noted.returncode == 0 and noted.stderr == "charter: 'AWS' is organization aws (an alias)\n"
    quiet = loaded("whois", "AWS", "-q")
    assert quiet.returncode == 0 and quiet.stderr == "" and quiet.stdout == noted.stdout


def test_verbose_says_the_database_the_entry_and_the_time(loaded: Charter) -> None:
    query = loaded("-v", "members", "pytorch-foundation", "--at", "2022-09-12")
    assert query.returncode == 0
    assert query.stdout == loaded.ok("members", "pytorch-foundation", "--at", "2022-09-12").stdout
    lines = query.stderr.splitlines()
    assert lines[0] == f"charter: database: {loaded.db} (SQLite, read-only, from $CHARTER_DB)"
    assert re.fullmatch(r"charter: members: exit 0 after \d+\.\d{3} s", lines[-1]), lines
    assert len(lines) == 2

    change = loaded("org", "add", "arm", "--name", "Arm", "--verbose")
    assert change.stdout.splitlines()[0] == "add organization arm"
    assert change.stderr.splitlines()[:2] == [f"charter: database: {loaded.db} (SQLite, from $CHARTER_DB)",
                                               "charter: audit log entry 2"]

    other = loaded.folder / "other.db"
    created = loaded("init", "--db", "other.db", "-v")
    assert created.stderr.splitlines()[0] == f"charter: database: {other} (a new SQLite database, from --db)"
    imported = loaded("import", str(EXAMPLE), "--db", "other.db", "-v")
    phases = [line for line in imported.stderr.splitlines() if line.startswith("charter: import: loading")]
    assert len(phases) == 1 and re.fullmatch(
        r"charter: import: loading \d+\.\d{3} s, reading \d+\.\d{3} s, validating \d+\.\d{3} s, "
        r"writing \d+\.\d{3} s", phases[0]), imported.stderr
    assert "charter: audit log entry 1" in imported.stderr.splitlines()

    del loaded.env["CHARTER_DB"]  # the fixture's database is ./charter.db, the default
    default = loaded("log", "-v")
    assert default.returncode == 0
    assert default.stderr.splitlines()[0] == f"charter: database: {loaded.db} (SQLite, read-only, the default)"
    (loaded.folder / "elsewhere").mkdir()
    loaded.folder = loaded.folder / "elsewhere"
    none = loaded("log", "-v")
    assert none.returncode == 2 and "charter: database:" not in none.stderr  # none was opened
    assert re.search(r"charter: log: exit 2 after", none.stderr)


def test_verbose_says_why_a_command_failed_and_how_long_it_took(loaded: Charter) -> None:
    result = loaded("leave", "amazon", "pytorch-foundation", "--on", "2024-01-01", "-v")
    assert result.returncode == 2
    lines = result.stderr.splitlines()
    assert lines[1] == "charter: leave: 'amazon' holds no membership of 'pytorch-foundation' on 2024-01-01"
    assert re.fullmatch(r"charter: leave: exit 2 after \d+\.\d{3} s", lines[-1])


def test_quiet_and_verbose_exclude_each_other(loaded: Charter) -> None:
    loaded.fails("-q", "members", "pytorch-foundation", "-v", message="--quiet and --verbose exclude each other")
    loaded.fails("members", "pytorch-foundation", "--quiet", "--verbose",
                 message="charter: members: --quiet and --verbose exclude each other")


# ---- colour


def run_on_terminal(charter: Charter, *args: str, env: dict[str, str] | None = None) -> tuple[int, str]:
    """Runs the program with stdout on a pseudo-terminal; returns its exit
    status and what it wrote there."""
    result, seen, _ = on_terminal(charter, *args, env=env, timeout=120)
    return result.returncode, seen.decode().replace("\r\n", "\n")


def test_no_colour_in_pipes(loaded: Charter) -> None:
    seated(loaded)
    found = loaded("check", "--at", "2023-07-01")
    assert found.returncode == 1 and "error" in found.stdout
    failed = loaded("join", "amdd", "pytorch-foundation", "--tier", "premier", "--on", "2024-01-01")
    for text in (found.stdout, found.stderr, failed.stderr):
        assert ESCAPE not in text


def test_color_always_paints_severities_and_errors(loaded: Charter) -> None:
    seated(loaded)
    plain = loaded("check", "--at", "2023-07-01").stdout
    painted = loaded("check", "--at", "2023-07-01", "--color", "always")
    assert painted.returncode == 1
    assert "\x1b[1;31merror\x1b[0m" in painted.stdout and "\x1b[33mwarning\x1b[0m" in painted.stdout
    assert ANSI.sub("", painted.stdout) == plain  # the columns do not move
    assert loaded("check", "--at", "2023-07-01", "--color", "never").stdout == plain

    failed = loaded("--color", "always", "join", "amdd", "pytorch-foundation", "--tier", "premier", "--on",
                    "2024-01-01")
    assert failed.returncode == 2
    assert failed.stderr == "\x1b[1;31mcharter: join:\x1b[0m no organization 'amdd' (did you mean 'amd'?)\n"
    # Even when the mistake is in the command line itself.
    wrong = loaded("--color", "always", "members", "pytorch-foundation", "--att", "2022-09-12")
    assert wrong.stderr.startswith("\x1b[1;31mcharter: members:\x1b[0m unknown option '--att'")


def test_colour_on_a_terminal_unless_no_color(loaded: Charter) -> None:
    seated(loaded)
    args = ("check", "--at", "2023-07-01")
    env = {k: v for k, v in loaded.env.items() if k != "NO_COLOR"} | {"TERM": "xterm"}
    status, shown = run_on_terminal(loaded, *args, env=env)
    assert status == 1 and "\x1b[1;31merror\x1b[0m" in shown
    # https://no-color.org: set and not empty, no colour; empty counts as unset.
    assert ESCAPE not in run_on_terminal(loaded, *args, env=env | {"NO_COLOR": "1"})[1]
    assert "\x1b[1;31merror" in run_on_terminal(loaded, *args, env=env | {"NO_COLOR": ""})[1]
    # --color always is asked for on the command line: it wins over NO_COLOR.
    assert "\x1b[1;31merror" in run_on_terminal(loaded, *args, "--color", "always", env=env | {"NO_COLOR": "1"})[1]
    assert ESCAPE not in run_on_terminal(loaded, *args, "--color", "never", env=env)[1]
    assert ESCAPE not in run_on_terminal(loaded, *args, env=env | {"TERM": "dumb"})[1]


def test_diff_paints_what_was_added_removed_and_changed(charter: Charter) -> None:
    doc = json.loads(EXAMPLE.read_text())
    doc["organizations"] = [o for o in doc["organizations"] if o["id"] != "meta"] + [{"id": "arm", "name": "Arm"}]
    doc["projects"] = [p for p in doc["projects"] if p["id"] not in ("pytorch",)]
    doc["roles"] = [r for r in doc["roles"] if r.get("project") != "pytorch"]
    doc["memberships"] = [m for m in doc["memberships"] if m["org"] != "meta"]
    nvidia = next(o for o in doc["organizations"] if o["id"] == "nvidia")
    nvidia["name"] = "Nvidia"
    for p in doc["people"]:
        p["affiliations"] = [a for a in p.get("affiliations", []) if a["org"] != "meta"]
    (charter.folder / "new.json").write_text(json.dumps(doc))
    result = charter("diff", str(EXAMPLE), "new.json", "--color", "always")
    assert result.returncode == 1, result.stderr
    assert "\x1b[32m+ organization arm\x1b[0m\n" in result.stdout
    assert "\x1b[31m- organization meta\x1b[0m\n" in result.stdout
    assert "\x1b[33m~ organization nvidia\x1b[0m\n" in result.stdout


def test_color_takes_three_values(loaded: Charter) -> None:
    loaded.fails("members", "pytorch-foundation", "--color", "sometimes",
                 message="'sometimes' is not one of auto, always, never")


# ---- members and board in md and csv


def rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


def test_members_as_csv(loaded: Charter) -> None:
    table = rows(loaded.ok("members", "pytorch-foundation", "--at", "2022-09-12", "--format", "csv").stdout)
    assert table[0] == ["foundation", "date", "tier", "tier_name", "rank", "org", "name", "family", "family_name",
                        "since", "founding", "annual_fee", "currency"]
    # The six founding premier members of the announcement, with their
    # corporate families (aws under amazon, google-cloud under google,
    # microsoft-azure under microsoft), and no fee in the example.
    assert table[1:] == [
        ["pytorch-foundation", "2022-09-12", "premier", "Premier", "1", "aws", "Amazon Web Services", "amazon",
         "Amazon", "2022-09-12", "true", "", ""],
        ["pytorch-foundation", "2022-09-12", "premier", "Premier", "1", "amd", "AMD", "amd", "AMD", "2022-09-12",
         "true", "", ""],
        ["pytorch-foundation", "2022-09-12", "premier", "Premier", "1", "google-cloud", "Google Cloud", "google",
         "Google", "2022-09-12", "true", "", ""],
        ["pytorch-foundation", "2022-09-12", "premier", "Premier", "1", "meta", "Meta", "meta", "Meta",
         "2022-09-12", "true", "", ""],
        ["pytorch-foundation", "2022-09-12", "premier", "Premier", "1", "microsoft-azure", "Microsoft Azure",
         "microsoft", "Microsoft", "2022-09-12", "true", "", ""],
        ["pytorch-foundation", "2022-09-12", "premier", "Premier", "1", "nvidia", "NVIDIA", "nvidia", "NVIDIA",
         "2022-09-12", "true", "", ""]]
    # By the name shown (case folded): Amazon Web Services before AMD.
    assert sorted(r[5] for r in table[1:]) == FOUNDERS
    # The day before the launch: no member, the header alone.
    assert rows(loaded.ok("members", "pytorch-foundation", "--at", "2022-09-11", "--format", "csv").stdout) == [
        table[0]]


def test_members_as_markdown(loaded: Charter) -> None:
    loaded.ok("org", "add", "arm", "--name", "Arm Ltd")
    loaded.ok("join", "arm", "pytorch-foundation", "--tier", "general", "--on", "2023-03-01")
    loaded.ok("change-tier", "arm", "pytorch-foundation", "--tier", "premier", "--on", "2024-01-01")
    md = loaded.ok("members", "pytorch-foundation", "--at", "2024-06-01", "--format", "md").stdout
    assert md.startswith("# PyTorch Foundation: members on 2024-06-01\n")
    assert "PyTorch Foundation (pytorch-foundation), 7 members in 3 tiers." in md
    assert "## Premier (rank 1): 7 members" in md
    assert "| Amazon Web Services | aws | Amazon | 2022-09-12 | yes |" in md
    # Arm is a member since it joined, across its change of tier; not
    # founding (the report leaves the cell blank).
    assert "| Arm Ltd | arm |  | 2023-03-01 |  |" in md
    assert "## General (rank 2): 0 members" in md
    assert "6 members are founding." in md
    # The roster report's own rendering, not another one.
    assert md == loaded.ok("report", "roster", "--foundation", "pytorch-foundation", "--at", "2024-06-01",
                           "--format", "md").stdout


def test_board_as_csv_and_markdown(loaded: Charter) -> None:
    seated(loaded)
    table = rows(loaded.ok("board", "pytorch-board", "--at", "2023-01-01", "--format", "csv").stdout)
    assert table[0] == ["body", "date", "class", "mode", "status", "person", "name", "represents",
                        "represents_name", "office", "voting", "since"]
    # Six premier seats, one per premier member; Brad McCredie holds AMD's.
    assert table[1] == ["pytorch-board", "2023-01-01", "premier", "per-member", "filled", "brad-mccredie",
                        "Brad McCredie", "amd", "AMD", "chair", "true", "2022-09-12"]
    assert table[2:] == [["pytorch-board", "2023-01-01", "premier", "per-member", "vacant"] + [""] * 7] * 5
    md = loaded.ok("board", "pytorch-board", "--at", "2023-07-01", "--format", "md").stdout
    assert md.startswith("# Governing Board: seats on 2023-07-01\n")
    assert "Governing Board (pytorch-board): 6 seats owed, 2 filled, 4 vacant." in md
    assert md == loaded.ok("report", "board", "--body", "pytorch-board", "--at", "2023-07-01", "--format",
                           "md").stdout


def test_csv_raw_on_every_command_that_writes_csv(loaded: Charter) -> None:
    # Names a spreadsheet would run as formulas: quoted by default, exact
    # with --csv-raw, in report, members and board alike.
    loaded.ok("org", "add", "evil", "--name", "=HYPERLINK(\"http://x.example\")")
    loaded.ok("join", "evil", "pytorch-foundation", "--tier", "premier", "--on", "2023-01-01")
    loaded.ok("person", "add", "mal", "--name", "@SUM(A1)")
    loaded.ok("seat", "add", "pytorch-board", "mal", "--class", "premier", "--represents", "evil",
              "--from", "2023-01-01")
    at = ["--at", "2023-06-01"]
    for args in (["report", "roster", "--foundation", "pytorch-foundation", *at, "--format", "csv"],
                 ["members", "pytorch-foundation", *at, "--format", "csv"],
                 ["report", "board", "--body", "pytorch-board", *at, "--format", "csv"],
                 ["board", "pytorch-board", *at, "--format", "csv"],
                 ["report", "roster", "board", "--foundation", "pytorch-foundation", *at, "--format", "csv"]):
        guarded = [c for r in rows(loaded.ok(*args).stdout) for c in r]
        raw = [c for r in rows(loaded.ok(*args, "--csv-raw").stdout) for c in r]
        assert len(guarded) == len(raw), args
        assert not any(c[:1] in ("=", "+", "-", "@") for c in guarded), args
        assert [c for c in raw if c[:1] in ("=", "@")], args
        assert all(g == ("'" + r if r[:1] in ("=", "+", "-", "@", "\t", "\r") else r) for g, r in zip(guarded, raw))
    out = loaded.ok("members", "pytorch-foundation", *at, "--format", "csv").stdout
    assert "\"'=HYPERLINK(\"\"http://x.example\"\")\"" in out
    # A count's candidates, from a ballot file.
    (loaded.folder / "ballots.csv").write_text("=cmd,@ann,bob\n1,2,3\n2,1,3\n1,3,2\n")
    count = ["election", "count", "ballots.csv", "--method", "schulze", "--seats", "1", "--format", "csv"]
    assert rows(loaded.ok(*count).stdout)[1][0] == "'=cmd"
    assert rows(loaded.ok(*count, "--csv-raw").stdout)[1][0] == "=cmd"


def test_members_and_board_formats_are_checked(loaded: Charter) -> None:
    loaded.fails("members", "pytorch-foundation", "--format", "html",
                 message="'html' is not one of text, json, md, csv")
    loaded.fails("board", "pytorch-board", "--format", "svg", message="'svg' is not one of text, json, md, csv")


# ---- completion


def bash_complete(charter: Charter, words: list[str]) -> list[str]:
    """What the bash completion offers for `words` (the last one being
    completed), as bash would call it."""
    script = charter.ok("completion", "bash").stdout
    (charter.folder / "completion.bash").write_text(script)
    result = subprocess.run(
        ["bash", "--noprofile", "--norc", "-c",
         'source ./completion.bash; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _charter; '
         'printf "%s\\n" "${COMPREPLY[@]}"', "bash", *words],
        cwd=charter.folder, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return [line for line in result.stdout.splitlines() if line]


def test_bash_completion_is_registered(charter: Charter) -> None:
    # As a user loads it: `bash -c` with the program as $0.
    result = subprocess.run(
        ["bash", "--noprofile", "--norc", "-c", 'source <("$0" completion bash); complete -p charter', charter.exe],
        cwd=charter.folder, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "complete -F _charter charter\n"


def test_bash_completes_commands_options_and_values(charter: Charter) -> None:
    names = commands(charter)
    top = [n for n in names if " " not in n]
    assert bash_complete(charter, ["charter", ""]) == top
    assert bash_complete(charter, ["charter", "mem"]) == ["members"]
    assert bash_complete(charter, ["charter", "ch"]) == ["check", "change-tier"]
    assert bash_complete(charter, ["charter", "seat", "a"]) == ["add"]
    assert bash_complete(charter, ["charter", "role", ""]) == ["add", "end"]
    # Past the options before it and their values.
    assert bash_complete(charter, ["charter", "--db", "x.db", "-v", "seat", "--busy-timeout", "3", "e"]) == ["end"]
    assert bash_complete(charter, ["charter", "members", "--fo"]) == ["--format"]
    assert bash_complete(charter, ["charter", "join", "--t"]) == ["--tier"]
    assert bash_complete(charter, ["charter", "members", "--format", ""]) == ["text", "json", "md", "csv"]
    assert bash_complete(charter, ["charter", "members", "--format", "=", "c"]) == ["csv"]  # --format=c
    assert bash_complete(charter, ["charter", "report", "--format", "h"]) == ["html"]
    assert bash_complete(charter, ["charter", "check", "--color", "a"]) == ["auto", "always"]
    assert bash_complete(charter, ["charter", "report", "ro"]) == ["roster"]
    assert bash_complete(charter, ["charter", "completion", ""]) == ["bash", "zsh"]
    assert bash_complete(charter, ["charter", "help", "se"]) == ["seat"]
    (charter.folder / "members.json").write_text("{}")
    assert bash_complete(charter, ["charter", "import", "mem"]) == ["members.json"]
    assert bash_complete(charter, ["charter", "export", "-o", "mem"]) == ["members.json"]
    assert bash_complete(charter, ["charter", "members", "pytorch-foundation", "--at", "2"]) == []  # a date


def test_zsh_completion_names_every_command(charter: Charter) -> None:
    script = charter.ok("completion", "zsh").stdout
    assert script.startswith("#compdef charter\n")
    for name in commands(charter):
        word = name.split()[-1]
        assert f"'{word}:" in script, name  # with its description
        assert f"    '{name}')\n" in script, name  # its own options
    assert "'--format:Output format (default: text)'" in script
    assert "'members|--format') compadd -- 'text' 'json' 'md' 'csv' ;;" in script


@pytest.mark.skipif(shutil.which("zsh") is None, reason="zsh is not installed")
def test_zsh_completion_runs(charter: Charter) -> None:
    (charter.folder / "_charter").write_text(charter.ok("completion", "zsh").stdout)
    assert subprocess.run(["zsh", "-n", "_charter"], cwd=charter.folder, timeout=60).returncode == 0
    # zsh's completion functions, stubbed to print what they are given.
    (charter.folder / "run.zsh").write_text(
        "compdef() { :; }\n"
        "_describe() { local -a a; a=(\"${(@P)4}\"); print -l -- \"${(@)a%%:*}\"; }\n"
        "compadd() { [[ $1 == -- ]] && shift; print -l -- \"$@\"; }\n"
        "_files() { print -- '(files)'; }\n"
        "source ./_charter\n"
        "words=(\"$@\"); CURRENT=$#; PREFIX=${words[CURRENT]}\n"
        "_charter\n")

    def offered(*words: str) -> list[str]:
        result = subprocess.run(["zsh", "-f", "run.zsh", *words], cwd=charter.folder, capture_output=True,
                                text=True, timeout=60)
        assert result.returncode == 0, result.stderr
        return result.stdout.splitlines()

    assert offered("charter", "") == [n for n in commands(charter) if " " not in n]
    assert offered("charter", "--db", "x.db", "seat", "") == ["add", "end"]
    assert offered("charter", "members", "--format", "") == ["text", "json", "md", "csv"]
    assert offered("charter", "import", "") == ["(files)"]
    assert "--tier" in offered("charter", "join", "--")


def test_completion_knows_two_shells(charter: Charter) -> None:
    charter.fails("completion", "fish", message="'fish' is not one of bash, zsh")


# ---- the man page


def test_man_page_has_every_command(charter: Charter) -> None:
    page = charter.ok("man").stdout
    assert page.startswith(".\\\" The manual page of charter")
    assert '\n.TH CHARTER 1 "" "charter ' in page
    for section in (".SH NAME", ".SH SYNOPSIS", ".SH DESCRIPTION", ".SH OPTIONS", ".SH COMMANDS",
                    ".SH EXIT STATUS", ".SH ENVIRONMENT"):
        assert f"\n{section}\n" in page, section
    for name in commands(charter):
        assert f'\n.SS "charter {name.replace("-", chr(92) + "-")}' in page, name
    assert '\n.SS "charter join [OPTIONS] ORG FOUNDATION"\n' in page
    assert '\n.SS "charter seat [OPTIONS] COMMAND"\n' in page
    assert "\\fB\\-\\-tier\\fR \\fITIER\\fR\n" in page
    assert "One of: text, json, md, csv." in page
    assert "\n.B NO_COLOR\n" in page
    charter.ok("man", "-o", "charter.1")
    assert (charter.folder / "charter.1").read_text() == page


def test_the_build_makes_the_man_page(charter: Charter) -> None:
    built = pathlib.Path(charter.exe).parent / "charter.1"
    assert built.read_text() == charter.ok("man").stdout


@pytest.mark.skipif(shutil.which("groff") is None, reason="groff is not installed")
def test_man_page_renders_without_warnings(charter: Charter) -> None:
    (charter.folder / "charter.1").write_text(charter.ok("man").stdout)
    result = subprocess.run(["groff", "-man", "-Tutf8", "-ww", "-z", "charter.1"], cwd=charter.folder,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and result.stderr == "", result.stderr


# ---- a report's format from its file


REPORT = ["report", "roster", "--foundation", "pytorch-foundation", "--at", "2022-09-12"]


@pytest.mark.parametrize("name,start", [
    ("roster.html", "<!doctype html"), ("roster.HTM", "<!doctype html"), ("roster.md", "# PyTorch Foundation"),
    ("roster.csv", "foundation,date,tier"), ("roster.json", "{"), ("roster.txt", "PyTorch Foundation"),
    ("roster", "PyTorch Foundation")])
def test_report_format_from_the_extension(loaded: Charter, name: str, start: str) -> None:
    assert loaded.ok(*REPORT, "-o", name).stdout == ""
    written = (loaded.folder / name).read_text()
    assert written.lower().startswith(start.lower()), written[:80]
    if name.endswith((".txt", "roster")):
        assert written == loaded.ok(*REPORT).stdout
    if name.endswith(".json"):
        assert json.loads(written)["total"] == 6


def test_report_svg_from_the_extension(loaded: Charter) -> None:
    loaded.ok("report", "board", "--body", "pytorch-board", "--at", "2022-09-12", "-o", "board.svg")
    assert (loaded.folder / "board.svg").read_text().lstrip().startswith(("<svg", "<?xml"))
    loaded.fails(*REPORT, "-o", "roster.svg", message="svg")
    assert not (loaded.folder / "roster.svg").exists()


def test_report_unknown_extension(loaded: Charter) -> None:
    result = loaded.fails(*REPORT, "-o", "roster.pdf",
                          message="charter: report: -o: cannot tell the format from 'roster.pdf': its extension "
                                  "'.pdf' is none of .txt, .md, .csv, .json, .html, .svg; give --format")
    assert len(result.stderr.splitlines()) == 1
    assert not (loaded.folder / "roster.pdf").exists()


def test_report_explicit_format_wins(loaded: Charter) -> None:
    loaded.ok(*REPORT, "-o", "roster.pdf", "--format", "md")
    assert (loaded.folder / "roster.pdf").read_text().startswith("# PyTorch Foundation")
    loaded.ok(*REPORT, "-o", "roster.html", "--format", "csv")
    assert (loaded.folder / "roster.html").read_text().startswith("foundation,date,tier")


# ---- records named as people name them


def test_changes_name_their_records(loaded: Charter) -> None:
    seat = loaded.ok("seat", "add", "pytorch-board", "brad-mccredie", "--class", "premier", "--represents", "amd",
                     "--from", "2022-09-12")
    assert seat.stdout.splitlines()[0] == "add seat of brad-mccredie on pytorch-board (class premier) from 2022-09-12"
    role = loaded.ok("role", "add", "brad-mccredie", "Treasurer", "--foundation", "pytorch-foundation", "--from",
                     "2024-01-01")
    assert role.stdout.splitlines()[0] == ("add role 'Treasurer' of brad-mccredie in foundation "
                                           "pytorch-foundation from 2024-01-01")
    board_role = loaded.ok("role", "add", "ian-buck", "Secretary", "--body", "pytorch-board", "--from", "2024-01-01")
    assert board_role.stdout.splitlines()[0] == "add role 'Secretary' of ian-buck on body pytorch-board from 2024-01-01"
    assert [e["summary"] for e in loaded.json("log")][-3:] == [r.stdout.splitlines()[0]
                                                               for r in (seat, role, board_role)]


NAMED = {
    "overlap": (["join", "amd", "pytorch-foundation", "--tier", "general", "--on", "2023-01-01"],
                "charter: join: membership of amd in pytorch-foundation from 2023-01-01: membership of 'amd' in "
                "'pytorch-foundation' (2023-01-01..) overlaps its membership 2022-09-12..\n"),
    "duplicate id": (["org", "add", "amd", "--name", "AMD again"],
                     "charter: org add: organization amd: duplicate organization id 'amd'\n"),
    "empty name": (["org", "add", "arm", "--name", ""], "charter: org add: organization arm: 'name' must not be "
                                                         "empty\n"),
    "duplicate role": (["role", "add", "ibrahim-haddad", "Executive Director", "--foundation", "pytorch-foundation",
                        "--from", "2022-09-12"],
                       "charter: role add: role 'Executive Director' of ibrahim-haddad in foundation "
                       "pytorch-foundation from 2022-09-12: duplicate role 'Executive Director' of ibrahim-haddad "
                       "in foundation pytorch-foundation from 2022-09-12\n"),
    # Nothing is in force: the operation's own problem, in no record.
    "no seat": (["seat", "end", "pytorch-board", "ian-buck", "--on", "2024-01-01"],
                "charter: seat end: 'ian-buck' holds no seat on 'pytorch-board' on 2024-01-01\n"),
    "no membership": (["leave", "amazon", "pytorch-foundation", "--on", "2024-01-01"],
                      "charter: leave: 'amazon' holds no membership of 'pytorch-foundation' on 2024-01-01\n"),
    "already in tier": (["change-tier", "amd", "pytorch-foundation", "--tier", "premier", "--on", "2024-01-01"],
                        "charter: change-tier: membership of amd in pytorch-foundation from 2022-09-12: 'amd' is "
                        "already in tier 'premier' of 'pytorch-foundation' on 2024-01-01\n"),
    "already steward": (["transfer", "pytorch", "--to-foundation", "pytorch-foundation", "--on", "2024-01-01"],
                        "charter: transfer: project pytorch: 'pytorch-foundation' is already the steward of "
                        "'pytorch' on 2024-01-01\n"),
}

# The shapes of the internal keys and of a pointer after a record's name.
INTERNAL = re.compile(r"@|:/|\b(organization|person|foundation|project|body|membership|seat|role) \S+ /")


@pytest.mark.parametrize("args,stderr", NAMED.values(), ids=NAMED.keys())
def test_problems_name_their_records(loaded: Charter, args: list[str], stderr: str) -> None:
    result = loaded.fails(*args, message=stderr.split(": ", 2)[-1].strip())
    assert result.stderr == stderr
    assert not INTERNAL.search(result.stderr), result.stderr


def test_a_document_places_its_problems_by_pointer(loaded: Charter) -> None:
    # A problem of a record of the document is placed in the document, not
    # named as a record of the registry.
    doc = {"format": "charter-registry", "version": 1,
           "memberships": [{"org": "amd", "foundation": "pytorch-foundation", "tier": "general",
                            "from": "2023-01-01"}]}
    (loaded.folder / "more.json").write_text(json.dumps(doc))
    result = loaded.fails("import", "more.json", "--merge", message="/memberships/0/from")
    assert result.stderr == ("charter: import: /memberships/0/from: membership of 'amd' in 'pytorch-foundation' "
                             "(2023-01-01..) overlaps its membership 2022-09-12..\n")
