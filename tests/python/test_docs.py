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


def test_readme_python_snippet(tmp_path, monkeypatch, capsys):
    """The README's Python example runs as written, in a fresh folder."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    start = readme.index("```python\n", readme.index("## Python")) + len("```python\n")
    snippet = readme[start : readme.index("```", start)]
    (tmp_path / "examples").symlink_to(ROOT / "examples")
    monkeypatch.chdir(tmp_path)
    exec(compile(snippet, "README.md", "exec"), {})
    out = capsys.readouterr().out
    assert "Premier ['amd', 'aws', 'google-cloud', 'meta', 'microsoft-azure', 'nvidia']" in out
    assert "IBM" in out  # in the roster of today, a general member since 2023-05-04
    assert (tmp_path / "pytorch.db").is_file()


def test_specification_copy_is_in_step():
    """docs/registry-format.md is the shared contract, verbatim, after its note."""
    import pytest

    shared = ROOT.parent / "shared" / "spec" / "registry-format.md"
    if not shared.exists():
        pytest.skip(f"{shared} is not here to compare with")
    ours = (ROOT / "docs" / "registry-format.md").read_text(encoding="utf-8")
    note_end = ours.index("-->\n\n") + len("-->\n\n")
    assert ours[note_end:] == shared.read_text(encoding="utf-8")
