"""`charter find`, ids given as aliases, emails or handles, and `charter
diff`. Expected values are read from examples/data/pytorch-foundation.json
(EXAMPLE) itself where they come from it."""

from __future__ import annotations

import json
import pathlib

import pytest

from conftest import EXAMPLE, Charter

DOC = json.loads(EXAMPLE.read_text())


def stdout_lines(result) -> list[str]:
    return result.stdout.splitlines()


# ---- find


def test_find_ranks_an_exact_id_before_a_name_that_starts_with_it(loaded: Charter) -> None:
    # amazon is an id; "Amazon Web Services" is aws's name.
    names = {o["id"]: o["name"] for o in DOC["organizations"]}
    assert names["aws"].startswith("Amazon")
    out = loaded.json("find", "amazon")
    assert out["total"] == 2
    assert [(h["id"], h["field"], h["match"]) for h in out["hits"]] == [
        ("amazon", "id", "exact"), ("aws", "name", "prefix")]
    text = stdout_lines(loaded.ok("find", "AMAZON"))
    assert text[0].split() == ["KIND", "ID", "NAME", "FIELD", "MATCH", "TEXT"]
    assert text[1].split()[:2] == ["organization", "amazon"]
    assert len(text) == 3


def test_find_by_kind_and_limit(loaded: Charter) -> None:
    tiers = [t["id"] for f in DOC["foundations"] for t in f.get("tiers", [])]
    assert "premier" in tiers
    out = loaded.json("find", "Premier", "--kind", "tier")
    assert [(h["kind"], h["owner"], h["id"], h["name"]) for h in out["hits"]] == [
        ("tier", "pytorch-foundation", "premier", "Premier")]
    # Without --kind, the seat class of pytorch-board too.
    assert [h["kind"] for h in loaded.json("find", "premier")["hits"]] == ["tier", "seat-class"]
    # Every person whose id holds "an": counted from the document.
    people = [p["id"] for p in DOC["people"] if "an" in p["id"] or "an" in p["name"].lower()]
    out = loaded.json("find", "an", "--kind", "person", "--limit", "2")
    assert out["total"] == len(people)
    assert len(out["hits"]) == 2
    text = loaded.ok("find", "an", "--kind", "person", "-n", "2").stdout
    assert f"... and {len(people) - 2} more (--limit 0 shows all)" in text
    assert len(loaded.json("find", "an", "--kind", "person", "--limit", "0")["hits"]) == len(people)


def test_find_folds_accents(loaded: Charter) -> None:
    loaded.ok("person", "add", "jose-muller", "--name", "José Müller", "--email", "Jose@Example.org",
              "--handle", "github=jmuller")
    out = loaded.json("find", "JOSE MULLER")
    assert [(h["id"], h["field"], h["match"], h["text"]) for h in out["hits"]] == [
        ("jose-muller", "name", "exact", "José Müller")]
    assert loaded.json("find", "müll")["hits"][0]["id"] == "jose-muller"
    hit = loaded.json("find", "jmuller")["hits"][0]
    assert (hit["field"], hit["site"], hit["text"]) == ("handle", "github", "jmuller")


def test_find_nothing(loaded: Charter) -> None:
    assert loaded.ok("find", "zzz").stdout == "Nothing matches 'zzz'.\n"
    assert loaded.json("find", "zzz") == {"text": "zzz", "kind": None, "total": 0, "hits": []}


@pytest.mark.parametrize("args, message", [
    (["find", ""], "charter: find: nothing to find: the text is empty"),
    (["find", "x", "--kind", "org"], "--kind: 'org' is not one of organization, person"),
    (["find", "x", "--kind", "persn"], "(did you mean 'person'?)"),
    (["find", "x", "--limit", "-1"], "'-1' is not a whole number"),
])
def test_find_errors(loaded: Charter, args: list[str], message: str) -> None:
    loaded.fails(*args, message=message)


# ---- ids as aliases, emails and handles


def test_whois_takes_an_alias(loaded: Charter) -> None:
    aws = next(o for o in DOC["organizations"] if o["id"] == "aws")
    assert aws["aliases"] == ["AWS"]
    result = loaded("whois", "AWS")
    assert result.returncode == 0, result.stderr
    assert result.stderr == "charter: 'AWS' is organization aws (an alias)\n"
    assert result.stdout.startswith("organization aws: Amazon Web Services (company)\n")
    assert json.loads(loaded("whois", "aws", "--format", "json").stdout)["id"] == "aws"
    assert json.loads(loaded("whois", "AWS", "--format", "json").stdout)["id"] == "aws"


def test_commands_take_aliases_emails_and_handles(loaded: Charter) -> None:
    loaded.ok("person", "add", "jane-doe", "--name", "Jane Doe", "--email", "Jane@Example.org",
              "--handle", "github=jdoe")
    result = loaded("affiliate", "jane@example.org", "AWS", "--from", "2024-01-01")
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines() == [
        "charter: 'AWS' is organization aws (an alias)",
        "charter: 'jane@example.org' is person jane-doe (an email)"]
    assert result.stdout.splitlines()[0] == "affiliate jane-doe aws 2024-01-01.."
    result = loaded("role", "add", "@jdoe", "Treasurer", "--foundation", "pytorch-foundation",
                    "--from", "2024-01-01")
    assert result.returncode == 0, result.stderr
    assert result.stderr == "charter: '@jdoe' is person jane-doe (a handle: github=jdoe)\n"
    exported = json.loads(loaded.ok("export").stdout)
    jane = next(p for p in exported["people"] if p["id"] == "jane-doe")
    assert jane["affiliations"] == [{"org": "aws", "from": "2024-01-01"}]
    assert {"person": "jane-doe", "title": "Treasurer", "foundation": "pytorch-foundation",
            "from": "2024-01-01"} in exported["roles"]
    # log --id and transfer --to resolve too.
    assert "affiliate jane-doe aws" in loaded("log", "--id", "jdoe").stdout
    result = loaded("transfer", "linux", "--to", "AWS", "--on", "2024-01-01")
    assert result.returncode == 0, result.stderr
    assert result.stderr == "charter: 'AWS' is organization aws (an alias)\n"
    assert result.stdout.splitlines()[0] == "transfer linux aws 2024-01-01"


def test_an_ambiguous_alias_names_every_candidate(loaded: Charter) -> None:
    loaded.ok("org", "add", "ibm", "--name", "IBM", "--alias", "Big Blue")
    loaded.ok("org", "add", "ibm-research", "--name", "IBM Research", "--alias", "big blue")
    message = ("'Big Blue' is ambiguous: it names organization ibm (alias Big Blue), "
               "organization ibm-research (alias big blue); give an id")
    loaded.fails("whois", "Big Blue", message=message)
    loaded.fails("join", "Big Blue", "pytorch-foundation", "--tier", "general", "--on", "2024-01-01",
                 message=message)


def test_an_unknown_id_suggests_an_id_or_alias(loaded: Charter) -> None:
    loaded.fails("join", "amz", "pytorch-foundation", "--tier", "general", "--on", "2024-01-01",
                 message="charter: join: no organization 'amz' (did you mean 'amd'?)")
    loaded.fails("whois", "AWZ", message="nothing has the id 'AWZ' (did you mean 'AWS'?)")
    loaded.fails("members", "PyTorch-Foundation", message="no foundation 'PyTorch-Foundation'")


# ---- diff between dates


def test_diff_between_dates_counts_what_the_example_dates(loaded: Charter) -> None:
    def began(records: list[dict], lo: str, hi: str) -> int:
        return sum(lo <= r["from"] < hi for r in records)

    lo, hi = "2016-01-01", "2023-01-01"
    affiliations = [a for p in DOC["people"] for a in p.get("affiliations", [])]
    out = loaded.json("diff", "--from", lo, "--to", hi)
    assert (out["from"], out["to"], out["foundation"]) == (lo, hi, None)
    kinds: dict[str, int] = {}
    for c in out["changes"]:
        kinds[c["kind"]] = kinds.get(c["kind"], 0) + 1
    # pytorch: stewarded by meta from 2016-01-01, by pytorch-foundation from
    # 2022-09-12; in stage active from 2016-01-01.
    assert kinds == {"joined": began(DOC["memberships"], lo, hi),
                     "affiliated": began(affiliations, lo, hi),
                     "role-started": began(DOC["roles"], lo, hi),
                     "steward-began": 1, "transferred": 1, "stage-began": 1}
    days = [c["on"] for c in out["changes"]]
    assert days == sorted(days)
    transfer = out["changes"][-1]
    assert transfer == {"on": "2022-09-12", "kind": "transferred",
                        "subject": {"kind": "project", "key": "project pytorch", "id": "pytorch"},
                        "object": {"kind": "foundation", "key": "foundation pytorch-foundation",
                                   "id": "pytorch-foundation"},
                        "before": "organization meta", "after": "foundation pytorch-foundation",
                        "represents": None,
                        "text": "pytorch moved from organization meta to foundation pytorch-foundation"}
    text = stdout_lines(loaded.ok("diff", "--from", lo, "--to", hi))
    assert text[0] == f"{len(out['changes'])} changes from {lo} up to {hi}"
    assert text[1].split() == ["DATE", "CHANGE", "WHAT"]
    assert text[2].split(None, 2) == ["2016-01-01", "steward-began", "pytorch stewarded by organization meta"]


def test_diff_between_dates_of_one_foundation(loaded: Charter) -> None:
    out = loaded.json("diff", "--from", "2022-09-12", "--to", "2022-09-13", "--foundation",
                      "pytorch-foundation")
    members = {m["org"] for m in DOC["memberships"] if m["foundation"] == "pytorch-foundation"}
    joined = {c["subject"]["id"] for c in out["changes"] if c["kind"] == "joined"}
    assert joined == members
    affiliated = {c["object"]["id"] for c in out["changes"] if c["kind"] == "affiliated"}
    assert affiliated <= members
    assert "linux-foundation" not in {c["object"]["id"] for c in out["changes"] if c["object"]}
    # Nothing happens the day after.
    assert loaded.ok("diff", "--from", "2022-09-13", "--to", "2030-01-01").stdout == (
        "0 changes from 2022-09-13 up to 2030-01-01\n")


@pytest.mark.parametrize("args, message", [
    (["diff", "--from", "2023-01-01", "--to", "2022-01-01"],
     "charter: diff: --from (2023-01-01) must be before --to (2022-01-01)"),
    (["diff", "--from", "2023-01-01", "--to", "2023-01-01"], "must be before --to"),
    (["diff", "--from", "2023-02-30"], "--from: '2023-02-30' is not a date"),
    (["diff", "--to", "2023-01-01"], "--to requires --from"),
    (["diff", "--from", "2022-01-01", "--foundation", "pytorch"],
     "no foundation 'pytorch' (did you mean 'pytorch-foundation'?)"),
    (["diff"], "what to compare? give two documents (A.json B.json) or --from DATE"),
    (["diff", str(EXAMPLE)], "FILES"),
    (["diff", str(EXAMPLE), str(EXAMPLE), "--from", "2022-01-01"], "two documents or two dates, not both"),
])
def test_diff_errors(loaded: Charter, args: list[str], message: str) -> None:
    loaded.fails(*args, message=message)


# ---- diff between documents


def changed_copy(folder: pathlib.Path) -> pathlib.Path:
    doc = json.loads(EXAMPLE.read_text())
    aws = next(o for o in doc["organizations"] if o["id"] == "aws")
    aws["name"] = "AWS"
    doc["organizations"].append({"id": "arm", "name": "Arm Ltd", "kind": "company"})
    doc["memberships"].append({"org": "arm", "foundation": "pytorch-foundation", "tier": "general",
                               "from": "2023-03-01"})
    doc["people"] = [p for p in doc["people"] if p["id"] != "dan-whiting"]
    path = folder / "b.json"
    path.write_text(json.dumps(doc, indent=1, ensure_ascii=False))
    return path


def test_diff_of_equal_documents_exits_0(charter: Charter) -> None:
    copy = charter.folder / "a.json"
    copy.write_text(json.dumps(json.loads(EXAMPLE.read_text())))  # other layout, same records
    assert charter.ok("diff", str(EXAMPLE), str(copy)).stdout == (
        f"No differences between {EXAMPLE} and {copy}.\n")
    out = charter.json("diff", str(EXAMPLE), str(copy))
    assert (out["equal"], out["added"], out["removed"], out["changed"], out["records"]) == (True, 0, 0, 0, [])


def test_diff_of_documents_exits_1_and_lists_each_record(charter: Charter) -> None:
    b = changed_copy(charter.folder)
    result = charter("diff", str(EXAMPLE), str(b))
    assert result.returncode == 1, result.stderr
    assert result.stderr == ""
    assert result.stdout.splitlines() == [
        "+ organization arm",
        "~ organization aws",
        '    /name: "Amazon Web Services" -> "AWS"',
        "- person dan-whiting",
        "+ membership of arm in pytorch-foundation from 2023-03-01",
        "2 added, 1 removed, 1 changed",
    ]
    result = charter("diff", str(EXAMPLE), str(b), "--format", "json")
    assert result.returncode == 1
    out = json.loads(result.stdout)
    assert (out["equal"], out["added"], out["removed"], out["changed"]) == (False, 2, 1, 1)
    aws = next(r for r in out["records"] if r.get("id") == "aws")
    assert aws == {"kind": "organization", "key": "organization aws", "id": "aws", "change": "changed",
                   "fields": [{"field": "/name", "before": "Amazon Web Services", "after": "AWS"}]}
    assert {"kind": "person", "key": "person dan-whiting", "id": "dan-whiting",
            "change": "removed"} in out["records"]


def test_diff_of_bad_documents_exits_2_naming_the_place(charter: Charter) -> None:
    bad = charter.folder / "bad.json"
    bad.write_text('{"format": "charter",\n "version": 1,\n "organizations": [}')
    charter.fails("diff", str(bad), str(EXAMPLE), message=f"charter: diff: {bad}: line 3, column 20:")
    invalid = charter.folder / "invalid.json"
    doc = json.loads(EXAMPLE.read_text())
    doc["memberships"][0]["tier"] = "platinum"
    invalid.write_text(json.dumps(doc))
    charter.fails("diff", str(EXAMPLE), str(invalid), message=f"{invalid}: /memberships/0/tier:")
    charter.fails("diff", str(EXAMPLE), str(charter.folder / "missing.json"),
                  message="cannot read")
    charter.fails("diff", str(charter.folder), str(EXAMPLE), message="is a folder")
