"""examples/python/membership_report.py, the Python twin of the C++ example."""

import json
import os
import subprocess
import sys

import charter
from conftest import EXAMPLE_DATA, ROOT

SCRIPT = ROOT / "examples" / "python" / "membership_report.py"


def run(*args, cwd):
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(
        [os.path.dirname(os.path.dirname(charter.__file__)), env.get("PYTHONPATH", "")]
    )
    return subprocess.run(
        [sys.executable, str(SCRIPT), *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=120
    )


def test_membership_report(tmp_path):
    db = tmp_path / "report.db"
    first = run("2022-09-12", "--db", str(db), "--data", str(EXAMPLE_DATA), cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    assert "created" in first.stderr
    for name in ("AMD", "Amazon Web Services", "Google Cloud", "Meta", "Microsoft Azure", "NVIDIA", "Governing Board"):
        assert name in first.stdout
    assert "seat-vacant" in first.stdout

    again = run("2022-09-12", "--db", str(db), "--format", "json", cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    assert again.stderr == ""
    doc = json.loads(again.stdout)
    assert set(doc) == {"roster", "board", "compliance"}
    assert doc["roster"]["total"] == 6
    assert [e.summary for e in charter.open(db).log()] == [f"import {EXAMPLE_DATA}"]


def test_membership_report_errors(tmp_path):
    bad_date = run("12/09/2022", "--db", str(tmp_path / "x.db"), "--data", str(EXAMPLE_DATA), cwd=tmp_path)
    assert bad_date.returncode == 2 and "not a date" in bad_date.stderr
    bad_format = run("--format", "pdf", "--db", str(tmp_path / "x.db"), cwd=tmp_path)
    assert bad_format.returncode == 2 and "unknown format" in bad_format.stderr
    missing = run("--db", str(tmp_path / "y.db"), "--data", str(tmp_path / "missing.json"), cwd=tmp_path)
    assert missing.returncode == 2 and "missing.json" in missing.stderr
