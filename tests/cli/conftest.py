"""Fixtures for the tests of the `charter` program.

ctest sets CHARTER_EXE (the built program) and CHARTER_SOURCE_DIR (the
checkout, for the example data). Every test works in its own temporary
folder with its own database; nothing is shared between tests.
"""

from __future__ import annotations

import json
import os
import pathlib
import pty
import subprocess
import threading
import time
from typing import Any

import pytest

SOURCE_DIR = pathlib.Path(os.environ.get("CHARTER_SOURCE_DIR", pathlib.Path(__file__).resolve().parents[2]))
EXAMPLE = SOURCE_DIR / "examples" / "data" / "pytorch-foundation.json"
FOUNDERS = ["amd", "aws", "google-cloud", "meta", "microsoft-azure", "nvidia"]


class Charter:
    """Runs the program in one folder, against one database ($CHARTER_DB)."""

    def __init__(self, exe: str, folder: pathlib.Path) -> None:
        self.exe = exe
        self.folder = folder
        self.db = folder / "charter.db"
        self.env = {k: v for k, v in os.environ.items() if not k.startswith("CHARTER_")}
        self.env.update({"CHARTER_DB": str(self.db), "USER": "tester", "LC_ALL": "C.UTF-8"})

    def __call__(self, *args: str, input: str | None = None) -> subprocess.CompletedProcess[str]:
        result = subprocess.run(
            [self.exe, *args],
            cwd=self.folder,
            env=self.env,
            input=input if input is not None else "",
            capture_output=True,
            text=True,
            timeout=120,
        )
        # Never a crash, an abort or a stack trace, whatever the input.
        assert result.returncode in (0, 1, 2, 75), (args, result.returncode, result.stderr)
        for sign in ("terminate called", "Aborted", "what():", "Segmentation", "internal error"):
            assert sign not in result.stderr, (args, result.stderr)
        return result

    def ok(self, *args: str, input: str | None = None) -> subprocess.CompletedProcess[str]:
        """Runs a command that must succeed (exit 0), quietly on stderr."""
        result = self(*args, input=input)
        assert result.returncode == 0, (args, result.stderr)
        assert result.stderr == "", (args, result.stderr)
        return result

    def json(self, *args: str) -> Any:
        return json.loads(self.ok(*args, "--format", "json").stdout)

    def fails(self, *args: str, message: str, input: str | None = None) -> subprocess.CompletedProcess[str]:
        """Runs a command that must fail with exit 2, saying `message` on
        stderr, printing nothing on stdout and changing nothing."""
        before = self.state()
        result = self(*args, input=input)
        assert result.returncode == 2, (args, result.returncode, result.stdout, result.stderr)
        assert message in result.stderr, (args, result.stderr)
        assert result.stderr.startswith("charter: "), result.stderr
        assert result.stdout == "", (args, result.stdout)
        assert self.state() == before, f"{args} changed the database"
        return result

    def state(self) -> tuple[str, str] | bytes | None:
        """What the database holds: its export and its audit log (the bytes
        of the file when it is no registry)."""
        if not self.db.exists():
            return None
        exported = self("export")
        log = self("log", "--format", "json")
        if exported.returncode != 0 or log.returncode != 0:
            return self.db.read_bytes()
        return exported.stdout, log.stdout


def on_terminal(charter: Charter, *args: str, stream: str = "stdout", env: dict[str, str] | None = None,
                timeout: float = 300) -> tuple[subprocess.CompletedProcess[bytes], bytes, float]:
    """Runs the program with `stream` ("stdout" or "stderr") on a
    pseudo-terminal and the other on a pipe; returns the result, what it
    wrote on the terminal, and how long it took."""
    master, slave = pty.openpty()
    seen = bytearray()

    def drain() -> None:
        while True:
            try:
                chunk = os.read(master, 4096)
            except OSError:  # the terminal closed
                return
            if not chunk:
                return
            seen.extend(chunk)

    reader = threading.Thread(target=drain)
    reader.start()
    outputs = {"stdout": slave, "stderr": subprocess.PIPE} if stream == "stdout" else \
        {"stdout": subprocess.PIPE, "stderr": slave}
    start = time.monotonic()
    try:
        result = subprocess.run([charter.exe, *args], cwd=charter.folder, env=env or charter.env,
                                stdin=subprocess.DEVNULL, timeout=timeout, **outputs)
    finally:
        elapsed = time.monotonic() - start
        os.close(slave)
        reader.join(timeout=10)
        os.close(master)
    return result, bytes(seen), elapsed


@pytest.fixture
def charter(tmp_path: pathlib.Path) -> Charter:
    exe = os.environ.get("CHARTER_EXE")
    if not exe:
        pytest.fail("CHARTER_EXE must name the built charter program (ctest sets it)")
    return Charter(exe, tmp_path)


@pytest.fixture
def loaded(charter: Charter) -> Charter:
    """A database holding the example registry."""
    charter.ok("init")
    charter.ok("import", str(EXAMPLE), "--actor", "loader", "--reason", "example data")
    return charter
