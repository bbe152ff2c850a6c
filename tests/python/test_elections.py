"""charter.read_ballots and charter.count over the real ballots of
../shared/data/ballots (SOURCES.md there gives each file's source and its
officially published result)."""

import decimal
import json

import pytest

import charter

from conftest import ROOT

BALLOTS = ROOT.parent / "shared" / "data" / "ballots"


def test_elekto_csv_read_and_counted_with_schulze():
    # k8s-steering/2025/ballots.csv: a header of the eight candidates' ids,
    # then 210 ballots (results.md: "Number of votes cast: 210"); four
    # seats (election.yaml no_winners: 4); results.md's winners in order:
    # soltysh, ritazh, pacoxu, katcosgrove.
    box = charter.read_ballots(BALLOTS / "k8s-steering" / "2025" / "ballots.csv")
    assert box.candidates[:2] == ["ritazh", "pacoxu"]
    assert len(box.candidates) == 8
    assert box.voters == 210
    # The first ballot: "5,7,6,No opinion,1,2,3,4".
    assert box.ballots[0] == ((5, 7, 6, 0, 1, 2, 3, 4), 1)
    result = charter.count(box, method="schulze", seats=4)
    assert result.winners == ["soltysh", "ritazh", "pacoxu", "katcosgrove"]
    assert result.voters == 210
    assert result.quota is None and result.rounds == []
    # results.md: the winners, then the rest as placed (lines 12-21).
    assert [c for tied in result.ranking for c in tied] == [
        "soltysh", "ritazh", "pacoxu", "katcosgrove", "priyankasaggu11929", "natalisucks",
        "xmudrii", "stmcginnis"]
    n = len(box.candidates)
    assert len(result.pairwise) == n and all(len(row) == n for row in result.pairwise)


def test_debian_counts_unranked_below():
    # leader2006_tally.txt: 421 "V:" lines; Anthony Towns won (SOURCES.md),
    # and ignoring unranked options elects someone else.
    path = BALLOTS / "debian" / "leader2006_tally.txt"
    below = charter.count(path, method="schulze", seats=1, unranked="below")
    assert below.voters == 421
    assert below.winners == ["Anthony Towns"]
    ignored = charter.count(path, method="schulze", seats=1)
    assert ignored.winners == ["Steve McIntyre"]


def test_scottish_stv_from_a_blt_file_with_its_seats():
    # Calton-2007.blt: "10 3" (ten candidates, three seats); elected, as the
    # council published: George Redmond, Alison E Thewliss, Ruth Simpson.
    result = charter.count(BALLOTS / "glasgow" / "Calton-2007.blt", method="scottish-stv")
    assert result.seats == 3
    assert sorted(result.winners) == ["Alison E Thewliss", "George Redmond", "Ruth Simpson"]
    assert isinstance(result.quota, decimal.Decimal)
    first = result.rounds[0]
    assert first.action == "first preferences"
    # Exact decimals to 5 places, and every vote accounted for at the start.
    assert all(v.as_tuple().exponent == -5 for v in first.tally.values())
    assert sum(first.tally.values()) + first.exhausted + first.lost == result.voters


def test_a_report_in_every_format():
    result = charter.count(BALLOTS / "glasgow" / "Calton-2007.blt", method="scottish-stv")
    assert "George Redmond" in result.report()
    data = json.loads(result.report("json"))
    assert data["method"] == "scottish-stv" and data["seats"] == 3
    assert data["quota"] == str(result.quota)
    assert result.report("html").startswith("<!DOCTYPE html>")
    assert result.report("csv").splitlines()[0] == "candidate,elected,seat,place"
    with pytest.raises(charter.ReportError):
        result.report("svg")


def test_bad_ballots_raise_source_error_with_the_place(tmp_path):
    bad = tmp_path / "ballots.csv"
    bad.write_text("a,b\n1,x\n")
    with pytest.raises(charter.SourceError) as e:
        charter.read_ballots(bad)
    assert (e.value.file, e.value.line, e.value.column) == (str(bad), 2, 3)
    with pytest.raises(ValueError):
        charter.count(BALLOTS / "glasgow" / "Calton-2007.blt", method="borda")
    with pytest.raises(charter.ValidationError, match="do not say how many seats"):
        charter.count(BALLOTS / "k8s-steering" / "2025" / "ballots.csv", method="schulze")


REAL = ROOT.parent / "shared" / "data" / "real"


def steering(tmp_path):
    """sigs.yaml as of 2025-09-01 and the 2024 election
    (real/k8s-steering-elections/2024: bentheelder, aojea, saschagrunert,
    seated 2024-09-27 for two years), in a database."""
    db = charter.open(tmp_path / "k8s.db", create=True)
    charter.import_source(db, "k8s-sigs", REAL / "k8s-community" / "sigs.yaml", as_of="2025-09-01")
    y2024 = REAL / "k8s-steering-elections" / "2024"
    charter.import_source(db, "k8s-steering", [y2024 / "election.yaml", y2024 / "results.md"], merge=True)
    return db


def steering_2025(**fields):
    """The 2025 election of ballots/k8s-steering/2025: four seats
    (election.yaml no_winners: 4) from 2025-10-25 for two years."""
    return charter.Election(id="steering-2025", body="steering-committee", seat_class="member",
                            seats=4, method="schulze", seated="2025-10-25", term_end="2027-10-25",
                            **fields)


def test_run_election_by_id(tmp_path):
    db = steering(tmp_path)
    db.add(steering_2025())
    assert db.election("steering-2025") == steering_2025()
    assert db.elections() == [steering_2025()]
    ballots = BALLOTS / "k8s-steering" / "2025" / "ballots.csv"
    entries = len(db.log())
    counted = db.run_election("steering-2025", ballots)
    # results.md, 2025: soltysh, ritazh, pacoxu, katcosgrove.
    assert counted.count.winners == ["soltysh", "ritazh", "pacoxu", "katcosgrove"]
    assert counted.audit_id is None and len(db.log()) == entries
    applied = db.run_election("steering-2025", ballots, apply=True, actor="returning officer")
    assert [s.person for s in applied.seats] == applied.count.winners
    assert db.log()[-1].summary == "election run steering-2025"
    assert db.log()[-1].actor == "returning officer"
    with pytest.raises(charter.ValidationError, match="seated before"):
        db.run_election("steering-2025", ballots, apply=True)
    assert len(db.log()) == entries + 1
    with pytest.raises(charter.NotFoundError):
        db.run_election("steering-2052", ballots)
    db.close()


def test_run_election_with_a_cap(tmp_path):
    # One seat per family, and (as if) pacoxu declared Microsoft as ritazh
    # does: results.md's ranking soltysh, ritazh, pacoxu, katcosgrove,
    # priyankasaggu11929... gives pacoxu's seat to priyankasaggu11929.
    db = steering(tmp_path)
    db.update(db.body("steering-committee").replace(rules=charter.BodyRules(max_per_family=1)))
    candidates = [("soltysh", "defense-unicorns"), ("ritazh", "microsoft"), ("pacoxu", "microsoft"),
                  "katcosgrove", "priyankasaggu11929", "natalisucks", "xmudrii", "stmcginnis"]
    election = steering_2025(candidates=candidates)
    assert election.candidates[2] == ("pacoxu", "microsoft")
    assert election.candidates[3] == ("katcosgrove", None)
    entries = len(db.log())
    # An Election value need not be in the registry to be counted.
    result = db.run_election(election, BALLOTS / "k8s-steering" / "2025" / "ballots.csv",
                             apply=True)
    assert result.count.winners == ["soltysh", "ritazh", "katcosgrove", "priyankasaggu11929"]
    assert [c for c, _ in result.count.skipped] == ["pacoxu"]
    assert [s.person for s in result.seats] == result.count.winners
    assert result.seats[1].represents == "microsoft"
    assert isinstance(result.audit_id, int) and len(db.log()) == entries + 1
    assert db.log()[-1].summary == "election run steering-2025"
    held = {s.person for s in db.seats("steering-committee", at="2025-10-25")}
    assert set(result.count.winners) <= held
    db.close()


def test_an_election_is_a_record(tmp_path):
    db = steering(tmp_path)
    with pytest.raises(charter.ValidationError, match="no seat class 'chair'"):
        db.add(steering_2025().replace(seat_class="chair"))
    with pytest.raises(charter.ValidationError, match="'term_end'"):
        db.add(steering_2025().replace(term_end="2025-10-25"))
    db.add(steering_2025(eligibility="Contributors"))
    assert db.election("steering-2025").to_dict()["eligibility"] == "Contributors"
    assert db.find_record(election="steering-2025") == db.election("steering-2025")
    db.remove(election="steering-2025")
    assert db.elections() == []
    db.close()


def test_count_report_csv_guards_candidate_names(tmp_path):
    ballots = tmp_path / "ballots.csv"
    ballots.write_text("=cmd,@ann,bob\n1,2,3\n2,1,3\n1,3,2\n")
    result = charter.count(charter.read_ballots(ballots), method="schulze", seats=1)
    guarded = result.report("csv").splitlines()
    raw = result.report("csv", csv_raw=True).splitlines()
    assert guarded[1].startswith("'=cmd,") and raw[1].startswith("=cmd,")
    assert any(line.startswith("'@ann,") for line in guarded)
    assert result.report("text") == result.report("text", csv_raw=True)
