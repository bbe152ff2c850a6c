"""Long operations release the GIL; the registry stays consistent when
threads share it."""

import datetime
import sqlite3
import threading
import time

import charter
from conftest import LAUNCH

PF = "pytorch-foundation"


def test_a_commit_waiting_for_the_database_lets_python_run(db):
    # Another writer holds the database; the commit waits in C++ (up to the
    # busy timeout). Only if it released the GIL can this thread end the
    # other writer's transaction and let the commit through.
    other = sqlite3.connect(db.path, isolation_level=None, timeout=10)
    other.execute("BEGIN IMMEDIATE")
    outcome = []

    def commit():
        try:
            db.leave("amd", PF, on=datetime.date(2024, 1, 1))
            outcome.append("ok")
        except charter.Error as e:  # pragma: no cover - the failure being tested for
            outcome.append(e)

    worker = threading.Thread(target=commit)
    worker.start()
    time.sleep(0.3)  # the worker is now waiting for the lock
    other.execute("ROLLBACK")
    other.close()
    worker.join(30)
    assert outcome == ["ok"]
    assert db.membership("amd", PF, at=datetime.date(2024, 1, 1)) is None


def test_threads_share_a_registry(reg):
    failures = []

    def read():
        try:
            for _ in range(30):
                reg.check(all_dates=True)
                charter.report(reg, "roster", "json", foundation=PF, at=LAUNCH)
                reg.to_json()
                assert len(reg.members(PF, "premier", at=LAUNCH)) == 6
        except Exception as e:  # noqa: BLE001 - collected for the main thread
            failures.append(e)

    readers = [threading.Thread(target=read) for _ in range(3)]
    for t in readers:
        t.start()
    for i in range(30):
        with reg.batch() as b:
            b.add(charter.Organization(id=f"org-{i}", name=f"Org {i}"))
            b.join(f"org-{i}", PF, "general", on=LAUNCH)
    for t in readers:
        t.join()
    assert failures == []
    assert len(reg.members(PF, "general", at=LAUNCH)) == 30


def test_threads_read_a_database_log_at_once(db):
    # Reading the log is a transaction on the database's one connection:
    # two threads at once must take turns, not share it.
    expected = len(db.log())
    failures = []

    def read():
        try:
            for _ in range(200):
                assert len(db.log()) == expected
                assert len(db.log(id="amd")) >= 1
        except Exception as e:  # noqa: BLE001 - collected for the main thread
            failures.append(e)

    readers = [threading.Thread(target=read) for _ in range(4)]
    for t in readers:
        t.start()
    for t in readers:
        t.join()
    assert failures == []
