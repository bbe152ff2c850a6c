"""`charter election count`: a ballot file counted on its own (issue 16).

The ballots are the real ones of ../shared/data/ballots (SOURCES.md gives
each one's source and the officially published result):

- k8s-steering/2025: 210 ballots over eight candidates, four seats
  (election.yaml no_winners: 4); results.md's winners in order: soltysh,
  ritazh, pacoxu, katcosgrove;
- debian/leader2007_tally.txt: 482 voters; Sam Hocevar won, Steve McIntyre
  second;
- glasgow/Calton-2007.blt: first line "10 3" (ten candidates, three
  seats); elected George Redmond, Alison E Thewliss, Ruth Simpson.
"""

from __future__ import annotations

import json

from conftest import SOURCE_DIR, Charter

BALLOTS = SOURCE_DIR.parent / "shared" / "data" / "ballots"
K8S_2025 = BALLOTS / "k8s-steering" / "2025" / "ballots.csv"
CALTON = BALLOTS / "glasgow" / "Calton-2007.blt"
DEBIAN_2007 = BALLOTS / "debian" / "leader2007_tally.txt"


def test_schulze_needs_no_registry(charter: Charter) -> None:
    # No `charter init`: there is no database, and none is made.
    out = charter.ok("election", "count", str(K8S_2025), "--method", "schulze", "--seats", "4",
                     "--format", "json").stdout
    result = json.loads(out)
    assert result["elected"] == ["soltysh", "ritazh", "pacoxu", "katcosgrove"]
    assert result["voters"] == 210 and result["seats"] == 4
    assert [c for tied in result["ranking"] for c in tied][:4] == result["elected"]
    assert not charter.db.exists()


def test_debian_with_unranked_below(charter: Charter) -> None:
    result = json.loads(charter.ok("election", "count", str(DEBIAN_2007), "--method", "schulze",
                                   "--seats", "2", "--unranked", "below", "--format", "json").stdout)
    assert result["voters"] == 482
    assert result["elected"] == ["Sam Hocevar", "Steve McIntyre"]
    assert result["unranked"] == "below"


def test_stv_takes_its_seats_from_the_blt_file(charter: Charter) -> None:
    text = charter.ok("election", "count", str(CALTON), "--method", "scottish-stv").stdout
    assert "3 seats, 5199 voters" in text
    result = json.loads(charter.ok("election", "count", str(CALTON), "--method", "scottish-stv",
                                   "--format", "json").stdout)
    assert sorted(result["elected"]) == ["Alison E Thewliss", "George Redmond", "Ruth Simpson"]
    # Quota: floor(5199 / (3 + 1)) + 1 = 1300, to 5 decimal places.
    assert result["quota"] == "1300.00000"
    assert result["stages"][0]["action"] == "first preferences"


def test_standard_input_and_a_report_file(charter: Charter) -> None:
    out = charter.ok("election", "count", "-", "--method", "scottish-stv", "-o", "calton.html",
                     input=CALTON.read_text())
    assert out.stdout == ""
    page = (charter.folder / "calton.html").read_text()
    assert page.startswith("<!DOCTYPE html>") and "George Redmond" in page


def test_the_same_seed_draws_the_same(charter: Charter) -> None:
    # Two candidates, one ballot each way: a tie only a draw decides.
    tie = "a,b\n1,2\n2,1\n"
    runs = [json.loads(charter.ok("election", "count", "-", "--method", "schulze", "--seats", "1",
                                  "--seed", "7", "--format", "json", input=tie).stdout)
            for _ in range(2)]
    assert runs[0] == runs[1]
    assert len(runs[0]["draws"]) == 1
    assert runs[0]["draws"][0]["among"] == ["a", "b"]
    assert runs[0]["elected"] == [runs[0]["draws"][0]["chosen"]]


def test_bad_input_is_refused_with_its_place(charter: Charter) -> None:
    bad = charter.folder / "ballots.csv"
    bad.write_text("a,b\n1,x\n")
    charter.fails("election", "count", str(bad), "--method", "schulze", "--seats", "1",
                  message=f"{bad}:2:3:")
    charter.fails("election", "count", str(K8S_2025), "--method", "schulze",
                  message="give --seats")
    charter.fails("election", "count", str(K8S_2025), "--method", "borda", "--seats", "1",
                  message="borda")
    charter.fails("election", "count", str(CALTON), "--method", "scottish-stv", "--format", "svg",
                  message="svg")
