"""The session in docs/python.md runs as written."""

import doctest

from conftest import ROOT


def test_python_tutorial(monkeypatch):
    monkeypatch.chdir(ROOT)  # the session reads examples/data/ by a relative path
    result = doctest.testfile(
        str(ROOT / "docs" / "python.md"),
        module_relative=False,
        optionflags=doctest.ELLIPSIS,
        raise_on_error=False,
        verbose=False,
        report=True,
    )
    assert result.attempted > 20
    assert result.failed == 0
