"""Fixtures shared by the tests of the charter Python package.

The package is imported from the build tree (ctest puts
CHARTER_PYTHON_BUILD_DIR on PYTHONPATH). Databases go to pytest's per-test
temporary folders, never to the working directory.
"""

import datetime
import pathlib

import pytest

import charter

ROOT = pathlib.Path(__file__).resolve().parents[2]
EXAMPLE_DATA = ROOT / "examples" / "data" / "pytorch-foundation.json"

#: The day the PyTorch Foundation was announced, with its six premier members.
LAUNCH = datetime.date(2022, 9, 12)
BEFORE_LAUNCH = datetime.date(2022, 9, 11)

FOUNDING_MEMBERS = ["amd", "aws", "google-cloud", "meta", "microsoft-azure", "nvidia"]


@pytest.fixture
def data_path() -> pathlib.Path:
    return EXAMPLE_DATA


@pytest.fixture
def reg() -> charter.Registry:
    """The example registry, in memory (a fresh one for each test)."""
    return charter.load_json(EXAMPLE_DATA)


@pytest.fixture
def db(tmp_path, reg) -> charter.Registry:
    """An SQLite registry holding the example data."""
    database = charter.open(tmp_path / "registry.db", create=True)
    database.replace(reg, actor="pytest", reason="seed")
    yield database
    database.close()
