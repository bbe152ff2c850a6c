"""`pip install .` works offline in a fresh virtual environment.

Slow (it builds the library from scratch), so it runs only when
CHARTER_TEST_PIP_INSTALL=1: the ctest entry `python_pip_install` sets it.
"""

import os
import pathlib
import shutil
import subprocess
import sys

import pytest

from conftest import ROOT

pytestmark = pytest.mark.skipif(
    os.environ.get("CHARTER_TEST_PIP_INSTALL") != "1", reason="set CHARTER_TEST_PIP_INSTALL=1 to run"
)

CHECK = """
import datetime, pathlib, sys
import charter
here = pathlib.Path(charter.__file__).resolve().parent
assert pathlib.Path(sys.prefix).resolve() in here.parents, here
assert (here / "py.typed").is_file() and (here / "__init__.pyi").is_file()
reg = charter.load_json(sys.argv[1])
members = reg.members("pytorch-foundation", "premier", at=datetime.date(2022, 9, 12))
print(charter.__version__, len(members))
"""


def run(*args, **kwargs):
    result = subprocess.run(args, capture_output=True, text=True, **kwargs)
    assert result.returncode == 0, f"{args}\n{result.stdout[-4000:]}\n{result.stderr[-4000:]}"
    return result


def test_pip_install_in_a_fresh_venv(tmp_path):
    pytest.importorskip("ensurepip")  # Debian: python3-venv
    source = tmp_path / "src"
    # A copy of the checkout, so that the build leaves the real one untouched.
    shutil.copytree(
        ROOT,
        source,
        ignore=shutil.ignore_patterns(".git", "build", "__pycache__", "*.egg-info", "*.db", ".cache"),
    )
    venv = tmp_path / "venv"
    run(sys.executable, "-m", "venv", "--system-site-packages", str(venv))
    python = venv / "bin" / "python"

    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
    env["CHARTER_CMAKE_BUILD_DIR"] = str(tmp_path / "cmake-build")
    env.setdefault("CMAKE_BUILD_PARALLEL_LEVEL", "2")
    if os.environ.get("CHARTER_TEST_CMAKE"):
        env["CMAKE"] = os.environ["CHARTER_TEST_CMAKE"]
    run(str(python), "-m", "pip", "install", "--no-build-isolation", "--no-index", str(source), env=env, cwd=tmp_path)

    out = run(str(python), "-c", CHECK, str(ROOT / "examples" / "data" / "pytorch-foundation.json"), env=env, cwd=tmp_path)
    version, count = out.stdout.split()
    assert count == "6"
    assert version == (ROOT / "CMakeLists.txt").read_text().split("project(charter VERSION ")[1].split()[0]
