"""`charter import --from SOURCE`: what foundations publish (issue 15).

The files are the real ones of ../shared/data/real (SOURCES.md says where
each came from). Expected values were read from the files:

- k8s-community/sigs.yaml lines 4104-4131: the Steering Committee's seven
  chairs (BenTheElder, aojea, katcosgrove, pacoxu, ritazh, saschagrunert,
  soltysh), with their companies;
- gitdm/developers_affiliations1-sample.txt: its header comments, then the
  entries;
- cncf-landscape/landscape.yml line 14188: the category "CNCF Members".
"""

from __future__ import annotations

import json
import pathlib

from conftest import SOURCE_DIR, Charter

REAL = SOURCE_DIR.parent / "shared" / "data" / "real"
SIGS = REAL / "k8s-community" / "sigs.yaml"
GITDM = REAL / "gitdm" / "developers_affiliations1-sample.txt"
LANDSCAPE = REAL / "cncf-landscape" / "landscape.yml"
STEERING = ["bentheelder", "aojea", "katcosgrove", "pacoxu", "ritazh", "saschagrunert", "soltysh"]


def imported(charter: Charter, *args: str) -> dict:
    return json.loads(charter.ok("import", "--from", *args, "--as-of", "2026-01-01",
                                 "--format", "json").stdout)


def test_an_import_is_one_audited_change_and_a_second_changes_nothing(charter: Charter) -> None:
    charter.ok("init")
    first = imported(charter, "k8s-sigs", str(SIGS))
    assert first["source"] == "k8s-sigs" and first["files"] == [str(SIGS)]
    assert first["read"] == first["mapped"] + first["skipped"]
    assert first["mapped"] >= 0.99 * first["read"]
    assert first["added"] > 0 and first["updated"] == 0
    assert isinstance(first["audit_id"], int)
    log = charter.json("log")
    assert len(log) == 1
    assert log[0]["summary"] == f"import --from k8s-sigs {SIGS}"

    # The registry holds records now: refused without --merge or --replace.
    charter.fails("import", "--from", "k8s-sigs", str(SIGS), message="--merge")

    again = imported(charter, "k8s-sigs", str(SIGS), "--merge")
    assert again["added"] == 0 and again["updated"] == 0
    assert again["audit_id"] is None
    assert len(charter.json("log")) == 1  # nothing written, no entry

    # The steering committee's seven, found by their GitHub handles in any case.
    for handle in STEERING:
        hits = charter.json("find", handle, "--kind", "person")["hits"]
        assert any(h["id"] == handle for h in hits), handle


def test_the_summary_in_text(charter: Charter) -> None:
    charter.ok("init")
    out = charter.ok("import", "--from", "gitdm", str(GITDM), "--as-of", "2026-01-01").stdout
    assert "Read " in out and "from gitdm" in out
    # gitdm's Independent periods say there is no organization.
    assert "said there is no organization (" in out and "Independent" in out
    assert "Audit entry 1" in out


def test_dry_run_writes_nothing(charter: Charter) -> None:
    charter.ok("init")
    out = json.loads(charter.ok("import", "--from", "landscape", str(LANDSCAPE), "--as-of",
                                "2026-01-01", "--dry-run", "--format", "json").stdout)
    assert out["dry_run"] is True and out["added"] > 0
    assert charter.json("log") == []
    assert json.loads(charter.ok("export").stdout)["organizations"] == []


def test_a_truncated_yaml_file_is_refused_with_its_place(charter: Charter) -> None:
    charter.ok("init")
    # The first 40 lines of sigs.yaml, then a list cut before its "]": the
    # file ends (line 42) with the list still open.
    lines = SIGS.read_text(encoding="utf-8").splitlines()[:40]
    broken = charter.folder / "sigs.yaml"
    broken.write_text("\n".join(lines) + "\n    tags: [a, b\n", encoding="utf-8")
    result = charter.fails("import", "--from", "k8s-sigs", str(broken), message=f"{broken}:42:1:")
    assert "YAML" in result.stderr


def test_a_landscape_without_members_is_refused(charter: Charter) -> None:
    charter.ok("init")
    lines = LANDSCAPE.read_text(encoding="utf-8").splitlines()
    # Up to the line before "  - category:" of "CNCF Members" (line 14188 is
    # its name, 14187 the category line).
    cut = charter.folder / "landscape.yml"
    cut.write_text("\n".join(lines[:14186]) + "\n", encoding="utf-8")
    charter.fails("import", "--from", "landscape", str(cut), message="members")


def test_a_gitdm_line_with_an_impossible_date_is_refused(charter: Charter) -> None:
    charter.ok("init")
    bad = charter.folder / "developers_affiliations1.txt"
    bad.write_text("jdoe: email-removed\n\tAcme until 2023-02-30\n", encoding="utf-8")
    charter.fails("import", "--from", "gitdm", str(bad), message=f"{bad}:2:")


def test_a_table_with_a_missing_column_is_refused(charter: Charter) -> None:
    charter.ok("init")
    readme = REAL / "ossf-tac" / "README.md"
    lines = readme.read_text(encoding="utf-8").splitlines()
    # Drop the last cell of the first row under the first table's delimiter.
    at = next(i for i, line in enumerate(lines) if set(line.strip()) <= set("|-: ") and "-" in line) + 1
    row = lines[at].rstrip().rstrip("|")
    lines[at] = row[: row.rfind("|") + 1]
    broken = charter.folder / "README.md"
    broken.write_text("\n".join(lines) + "\n", encoding="utf-8")
    charter.fails("import", "--from", "ossf-tac", str(broken), message=f"{broken}:{at + 1}:")


def test_unknown_sources_and_options_that_need_from(charter: Charter) -> None:
    charter.ok("init")
    charter.fails("import", "--from", "landscapes", str(LANDSCAPE), message="--from")
    charter.fails("import", "--foundation", "cncf", str(LANDSCAPE), message="--foundation requires --from")
    charter.fails("import", "a.json", "b.json", message="import reads one document, not 2")
    charter.fails("import", "--from", "gitdm", str(pathlib.Path("no-such-file.txt")), message="cannot be read")
