"""charter.import_source: what foundations publish, from Python (issue 15).

Files are the real ones of ../shared/data/real (SOURCES.md). The facts were
read from them: k8s-community/sigs.yaml lines 4104-4131 list the Steering
Committee's seven chairs; gitdm/developers_affiliations1-sample.txt holds
1,234 developer entries (SOURCES.md, counted with
``grep -c '^[^#[:space:]].*: '``).
"""

import dataclasses
import datetime

import pytest

import charter

from conftest import ROOT

REAL = ROOT.parent / "shared" / "data" / "real"
SIGS = REAL / "k8s-community" / "sigs.yaml"
AS_OF = datetime.date(2026, 1, 1)


def test_the_sources():
    assert charter.IMPORT_SOURCES == (
        "landscape", "k8s-sigs", "k8s-steering", "apache", "whimsy",
        "ossf-tac", "openjs-cpc", "pytorch-tac", "gitdm",
    )


def test_import_into_memory_returns_the_summary_as_a_dataclass():
    reg = charter.memory()
    s = charter.import_source(reg, "k8s-sigs", SIGS, as_of=AS_OF)
    assert isinstance(s, charter.ImportSummary) and dataclasses.is_dataclass(s)
    assert s.source == "k8s-sigs" and s.files == [str(SIGS)]
    assert s.read == s.mapped + s.skipped and s.added > 0
    assert s.audit_id is None and s.dry_run is False  # memory keeps no log
    assert all(isinstance(u, charter.UnmappedValue) for u in s.unmapped)
    assert s.to_dict()["source"] == "k8s-sigs"
    assert reg.body("steering-committee").name  # the Steering Committee, a body now
    # The same file again: matched, nothing added or changed.
    again = charter.import_source(reg, "k8s-sigs", [SIGS], as_of=AS_OF)
    assert (again.added, again.updated) == (0, 0)


def test_a_database_gets_one_audit_entry(tmp_path):
    reg = charter.open(tmp_path / "r.db", create=True)
    s = charter.import_source(reg, "k8s-sigs", SIGS, as_of=AS_OF, actor="ci", reason="sync")
    assert isinstance(s.audit_id, int)
    entry = reg.log(limit=1)[0]
    assert entry.summary == f"import --from k8s-sigs {SIGS} (merge)"
    assert entry.actor == "ci" and entry.reason == "sync"


def test_a_registry_that_holds_records_needs_merge_or_replace(tmp_path):
    reg = charter.memory()
    charter.import_source(reg, "k8s-sigs", SIGS, as_of=AS_OF)
    with pytest.raises(charter.Error, match="merge=True"):
        charter.import_source(reg, "k8s-sigs", SIGS, as_of=AS_OF, merge=False)
    with pytest.raises(ValueError, match="not both"):
        charter.import_source(reg, "k8s-sigs", SIGS, merge=True, replace=True)
    replaced = charter.import_source(reg, "k8s-sigs", SIGS, as_of=AS_OF, merge=False, replace=True)
    assert replaced.added > 0  # matched with nothing: every record is the import's


def test_dry_run_writes_nothing():
    reg = charter.memory()
    s = charter.import_source(reg, "k8s-sigs", SIGS, as_of=AS_OF, dry_run=True)
    assert s.dry_run and s.added > 0
    assert reg.people() == []


def test_bad_input_is_a_source_error_with_its_place(tmp_path):
    bad = tmp_path / "developers_affiliations1.txt"
    bad.write_text("jdoe: email-removed\n\tAcme until 2023-02-30\n", encoding="utf-8")
    reg = charter.memory()
    with pytest.raises(charter.SourceError) as caught:
        charter.import_source(reg, "gitdm", bad)
    e = caught.value
    assert isinstance(e, charter.ParseError)
    assert e.file == str(bad) and e.line == 2 and e.column > 0
    assert reg.people() == []
    with pytest.raises(charter.Error, match="unknown source 'nope'"):
        charter.import_source(reg, "nope", bad)
