"""Governance records from Python: meetings, invoices and reports
(../shared/spec/governance-records.md, docs/python.md "Meetings, dues and
reports").

The registry is made up here: the Acme Foundation (fictional) with a board
of four directors and one alternate. Every expected value below is worked
out by hand from the spec's rules, as the comments say.
"""

import datetime
import json
from decimal import Decimal

import pytest

import charter

D = datetime.date
FDN = "acme-foundation"
BOARD = "acme-board"
COUNCIL = "acme-council"
USD = "USD"


def usd(amount):
    return charter.Money(amount=amount, currency=USD)


def present(person):
    return charter.Attendee(person=person)


def absent(person):
    return charter.Attendee(person=person, status="absent")


def represented(person, by):
    return charter.Attendee(person=person, status="represented", by=by)


MEETINGS = [
    # alice and carol present, bob represented by his alternate erin, dave
    # absent: 3 of 4 voting members counted, 3/4 = 0.75, exactly the quorum.
    charter.Meeting(id="board-2024-02", body=BOARD, date="2024-02-01",
                    attendance=[present("alice"), represented("bob", "erin"), present("carol"),
                                absent("dave")],
                    votes=[charter.MeetingVote(motion="Approve the 2024 budget", yes=3, abstain=1)]),
    # carol represented by alice, who is not her alternate (no proxies):
    # not counted, but no miss either. dave not listed: absent, his second
    # regular meeting missed in a row. Counted: alice, bob = 2/4 = 0.5.
    charter.Meeting(id="board-2024-03", body=BOARD, date="2024-03-01",
                    attendance=[present("alice"), present("bob"), represented("carol", "alice")]),
    # Special: dave's vote is suspended from this meeting on (2 misses), so
    # 3 voting members; alice and carol present: 2/3 < 0.75. bob absent, but
    # a special meeting is no miss.
    charter.Meeting(id="board-2024-04", body=BOARD, date="2024-04-01", kind="special",
                    attendance=[present("alice"), absent("bob"), present("carol")]),
    # The next regular meeting dave attends present ends his suspension: he
    # counts again here. All four present: 4/4.
    charter.Meeting(id="board-2024-05", body=BOARD, date="2024-05-01",
                    attendance=[present(p) for p in ("alice", "bob", "carol", "dave")]),
]

INVOICES = [
    # No due date: issued + the policy's due_days (30) = 2024-01-31. Paid
    # 4000 on 2024-01-20 and 6000 on 2024-02-10: in full on 2024-02-10.
    charter.Invoice(id="inv-2024-anvil", org="anvil-co", foundation=FDN, issued="2024-01-01",
                    amount=usd(10000),
                    payments=[charter.Payment(on="2024-01-20", amount=usd(4000)),
                              charter.Payment(on="2024-02-10", amount=usd(6000))]),
    # In euros, issued 2024-03-01 and due when it says; 500 of 2500.50 paid.
    charter.Invoice(id="inv-2024-anvil-eur", org="anvil-co", foundation=FDN, issued="2024-03-01",
                    due="2024-03-15", amount=charter.Money(amount="2500.50", currency="EUR"),
                    payments=[charter.Payment(on="2024-03-10",
                                              amount=charter.Money(amount=500, currency="EUR"))]),
]

REPORTS = [
    charter.SubmittedReport(body=BOARD, month="2024-01", submitted="2024-01-09"),  # on time
    charter.SubmittedReport(body=BOARD, month="2024-04", submitted="2024-05-03"),  # late
]


def acme():
    reg = charter.memory()
    with reg.batch() as b:
        b.add(charter.Foundation(id=FDN, name="Acme Foundation",
                                 tiers=[charter.Tier(id="member", name="Member")],
                                 dues=charter.DuesPolicy(due_days=30, grace_days=60)))
        b.add(charter.Body(id=COUNCIL, name="Acme Council", kind="council", foundation=FDN,
                           seat_classes=[charter.SeatClass(id="member", mode="fixed", count=3)]))
        b.add(charter.Body(id=BOARD, name="Acme Board", foundation=FDN,
                           seat_classes=[charter.SeatClass(id="director", mode="fixed", count=4)],
                           rules=charter.BodyRules(quorum=0.75, suspend_after_missed=2),
                           reporting=charter.ReportingSchedule(to=COUNCIL, months=[1, 4, 7, 10],
                                                               from_month="2024-01")))
        b.add(charter.Organization(id="anvil-co", name="Anvil Co"))
        for person in ("alice", "bob", "carol", "dave", "erin"):
            b.add(charter.Person(id=person, name=person.title()))
            if person != "erin":
                b.add(charter.Seat(body=BOARD, seat_class="director", person=person,
                                   from_date="2024-01-01", appointed_by="election"))
        b.add(charter.Seat(body=BOARD, seat_class="director", person="erin", from_date="2024-01-01",
                           alternate_for="bob", appointed_by="appointment"))
        for record in MEETINGS + INVOICES + REPORTS:
            b.add(record)
    return reg


def test_the_new_fields_and_records_read_back():
    reg = acme()
    erin = [s for s in reg.all_seats() if s.person == "erin"][0]
    assert (erin.alternate_for, erin.appointed_by) == ("bob", "appointment")
    board = reg.body(BOARD)
    assert board.rules.suspend_after_missed == 2 and board.rules.proxies is False
    assert board.reporting == charter.ReportingSchedule(to=COUNCIL, months=[1, 4, 7, 10],
                                                        from_month="2024-01")
    assert reg.foundation(FDN).dues.to_dict() == {"due_days": 30, "grace_days": 60}
    assert reg.meeting("board-2024-02") == MEETINGS[0]
    assert reg.meeting("board-2024-02").attendance[1].by == "erin"
    assert reg.invoice("inv-2024-anvil").payments[1].amount == usd(6000)
    assert reg.all_meetings() == MEETINGS and reg.all_invoices() == INVOICES
    assert reg.all_reports() == REPORTS
    assert REPORTS[0].month == "2024-01"
    assert MEETINGS[2].to_dict()["kind"] == "special"
    assert repr(reg).endswith("5 seats, 0 roles, 4 meetings, 2 invoices, 2 reports>")
    # The alternate's seat is no filled seat: four directors of four.
    assert reg.entitlement(BOARD, "director", at="2024-02-01").filled == 4


def test_quorum_exactly_at_the_fraction_and_below():
    reg = acme()
    assert reg.voting_members("board-2024-02") == ["alice", "bob", "carol", "dave"]
    assert reg.may_represent("board-2024-02", "bob", "erin")
    assert not reg.may_represent("board-2024-03", "carol", "alice")
    # 3/4 = 0.75 >= 0.75: met, exactly at the fraction.
    assert reg.quorum("board-2024-02") == charter.Quorum(counted=3, voting=4, required=0.75, met=True)
    # 2/4: carol's stand-in may not act for her.
    assert reg.quorum("board-2024-03") == charter.Quorum(counted=2, voting=4, required=0.75, met=False)
    # dave suspended: 2/3 < 0.75.
    assert reg.voting_members("board-2024-04") == ["alice", "bob", "carol"]
    assert reg.quorum("board-2024-04") == charter.Quorum(counted=2, voting=3, required=0.75, met=False)
    q = reg.quorum("board-2024-05")
    assert (q.counted, q.voting, q.met) == (4, 4, True)
    with pytest.raises(charter.NotFoundError):
        reg.quorum("board-1999-01")


def test_suspension_after_two_missed_regular_meetings():
    reg = acme()
    # dave missed the regular meetings of 2024-02-01 (absent) and 2024-03-01
    # (not listed): suspended from the next meeting (2024-04-01) to the next
    # regular one he attends present (2024-05-01, exclusive).
    assert reg.suspensions(BOARD) == [
        charter.Suspension(person="dave", from_date="2024-04-01", to_date="2024-05-01")]
    assert reg.suspended(BOARD, at="2024-03-15") == []
    assert reg.suspended(BOARD, at="2024-04-01") == ["dave"]
    assert reg.suspended(BOARD, at=D(2024, 4, 30)) == ["dave"]
    assert reg.suspended(BOARD, at="2024-05-01") == []
    # The meetings of a span, by date: from_ included, to excluded.
    assert [m.id for m in reg.meetings(BOARD, from_="2024-03-01", to="2024-05-01")] == [
        "board-2024-03", "board-2024-04"]
    assert len(reg.meetings(BOARD)) == 4


def test_invoices_due_paid_and_balance():
    reg = acme()
    assert [i.id for i in reg.invoices_of("anvil-co")] == ["inv-2024-anvil", "inv-2024-anvil-eur"]
    assert reg.invoices_of("anvil-co", FDN) == reg.invoices_of("anvil-co")
    # issued 2024-01-01 + due_days 30.
    assert reg.due_date("inv-2024-anvil") == D(2024, 1, 31)
    assert reg.due_date("inv-2024-anvil-eur") == D(2024, 3, 15)
    # 4000 + 6000 = 10000 on 2024-02-10, the day the payments add up.
    assert reg.paid_in_full_on("inv-2024-anvil") == D(2024, 2, 10)
    assert reg.paid_in_full_on("inv-2024-anvil-eur") is None
    # 2024-01-25: 10000 billed less 4000 paid; the EUR invoice not issued yet.
    assert reg.balance("anvil-co", at="2024-01-25") == {"USD": Decimal("6000")}
    # 2024-03-15: USD paid off (listed at zero); EUR 2500.50 - 500.
    owed = reg.balance("anvil-co", at="2024-03-15")
    assert owed == {"EUR": Decimal("2000.50"), "USD": Decimal("0")}
    assert all(isinstance(v, Decimal) for v in owed.values())
    assert list(owed) == ["EUR", "USD"]


def test_reports_due():
    reg = acme()
    due = reg.reports_due(BOARD, from_="2024-01-01", to="2024-08-01")
    # Months 1, 4, 7 of the schedule fall in January..July 2024.
    assert [d.month for d in due] == ["2024-01", "2024-04", "2024-07"]
    # 2024-01 by 2024-01-09 (on time), 2024-04 on 2024-05-03 (after the end
    # of April: late), 2024-07 not submitted.
    assert [d.on_time for d in due] == [True, False, False]
    assert due[0].submitted == REPORTS[0] and due[2].submitted is None
    # No `to`: the month of from_ only.
    assert [d.month for d in reg.reports_due(BOARD, from_="2024-04-20")] == ["2024-04"]
    assert reg.reports_due(COUNCIL, from_="2024-01-01", to="2025-01-01") == []


def test_records_are_named_like_the_others():
    reg = acme()
    assert reg.find_record(meeting="board-2024-02") == MEETINGS[0]
    assert reg.find_record(invoice="inv-2024-anvil") == INVOICES[0]
    assert reg.find_record(report=(BOARD, "2024-04")) == REPORTS[1]
    assert reg.find_record(REPORTS[0]) == REPORTS[0]
    assert reg.find_record(meeting="board-1999-01") is None
    refs = reg.referrers(body=COUNCIL)
    assert any(r.kind == "body" and r.id == BOARD for r in refs)
    assert {r.kind for r in reg.referrers(org="anvil-co")} == {"invoice"}
    reg.remove(invoice="inv-2024-anvil-eur")
    reg.remove(report=(BOARD, "2024-04"))
    reg.remove(MEETINGS[3])
    assert [i.id for i in reg.all_invoices()] == ["inv-2024-anvil"]
    assert reg.all_reports() == REPORTS[:1]
    assert len(reg.all_meetings()) == 3
    with pytest.raises(charter.ParseError):
        reg.find_record(report=(BOARD, "2024-13"))
    with pytest.raises(TypeError):
        reg.find_record(meeting="board-2024-02", invoice="inv-2024-anvil")


def test_json_round_trip_keeps_them():
    reg = acme()
    again = charter.from_json(reg.to_json())
    assert again.all_meetings() == MEETINGS
    assert again.all_invoices() == INVOICES
    assert again.all_reports() == REPORTS
    assert again.body(BOARD) == reg.body(BOARD)
    assert again.foundation(FDN).dues == charter.DuesPolicy(due_days=30, grace_days=60)
    assert again.to_json() == reg.to_json()
    doc = json.loads(reg.to_json())
    assert [m["id"] for m in doc["meetings"]] == [m.id for m in MEETINGS]
    assert doc["reports"][0] == {"body": BOARD, "month": "2024-01", "submitted": "2024-01-09"}


def test_attendance_naming_someone_twice_is_a_validation_error():
    reg = acme()
    twice = charter.Meeting(id="board-2024-06", body=BOARD, date="2024-06-01",
                            attendance=[present("alice"), absent("alice")])
    with pytest.raises(charter.ValidationError) as caught:
        reg.add(twice)
    (problem,) = caught.value.problems
    # From a change: the record named, the field a pointer within it.
    assert (problem.record, problem.field) == ("meeting board-2024-06", "/attendance/1/person")
    assert "listed twice" in problem.message
    # From a document: the pointer into it.
    doc = json.loads(reg.to_json())
    doc["meetings"][0]["attendance"].append({"person": "alice", "status": "absent"})
    with pytest.raises(charter.ValidationError) as caught:
        charter.from_json(json.dumps(doc))
    assert [p.pointer for p in caught.value.problems] == ["/meetings/0/attendance/4/person"]
    with pytest.raises(charter.ParseError):
        charter.Attendee(person="alice", status="late")
    with pytest.raises(charter.ParseError):
        charter.SubmittedReport(body=BOARD, month="2024-1", submitted="2024-01-09")


def test_records_are_values_and_update_like_the_others():
    import pickle

    reg = acme()
    invoice = reg.invoice("inv-2024-anvil-eur")
    assert pickle.loads(pickle.dumps(invoice)) == invoice
    assert pickle.loads(pickle.dumps(MEETINGS[0])) == MEETINGS[0]
    assert repr(REPORTS[0]) == ("SubmittedReport(body='acme-board', month='2024-01', "
                                "submitted=datetime.date(2024, 1, 9))")
    assert hash(charter.Attendee(person="bob")) == hash(present("bob"))
    # Paying the rest (2000.50 EUR) on 2024-04-02 pays it in full that day.
    rest = charter.Payment(on="2024-04-02", amount=charter.Money(amount="2000.50", currency="EUR"))
    reg.update(invoice.replace(payments=invoice.payments + [rest]))
    assert reg.paid_in_full_on("inv-2024-anvil-eur") == D(2024, 4, 2)
    assert reg.balance("anvil-co", at="2024-04-02") == {"EUR": Decimal("0"), "USD": Decimal("0")}
    # replace() clears the new optional fields as any other.
    erin = [s for s in reg.all_seats() if s.person == "erin"][0]
    assert erin.replace(alternate_for=None).alternate_for is None
    assert charter.BodyRules(proxies=True).to_dict() == {"proxies": True}


def test_a_database_keeps_them(tmp_path):
    db = charter.open(tmp_path / "acme.db", create=True)
    db.replace(acme(), actor="pytest", reason="seed")
    db.add(charter.SubmittedReport(body=BOARD, month="2024-07", submitted="2024-07-30"))
    db.close()
    again = charter.open(tmp_path / "acme.db")
    assert again.all_meetings() == MEETINGS and again.all_invoices() == INVOICES
    assert [r.month for r in again.all_reports()] == ["2024-01", "2024-04", "2024-07"]
    assert again.quorum("board-2024-02").met
    again.close()
