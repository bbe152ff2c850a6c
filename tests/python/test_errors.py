"""Every charter error reaches Python as a charter exception, with its fields."""

import datetime
import pickle

import pytest

import charter
from conftest import LAUNCH


def test_hierarchy():
    for cls in (
        charter.ValidationError,
        charter.NotFoundError,
        charter.ParseError,
        charter.StorageError,
        charter.ConflictError,
        charter.BusyError,
        charter.ReportError,
    ):
        assert issubclass(cls, charter.Error)
        assert cls.__module__ == "charter"
    assert issubclass(charter.Error, Exception)
    assert issubclass(charter.ValidationError, ValueError)
    assert issubclass(charter.ParseError, ValueError)
    assert issubclass(charter.ReportError, ValueError)
    assert issubclass(charter.NotFoundError, LookupError)
    assert issubclass(charter.StorageError, OSError)
    assert issubclass(charter.ConflictError, charter.StorageError)
    assert issubclass(charter.BusyError, charter.StorageError)


def test_validation_error_lists_every_problem():
    text = """{"format": "charter-registry", "version": 1,
      "organizations": [{"id": "Bad Id", "name": "x"}, {"id": "ok"}],
      "memberships": [{"org": "ok", "foundation": "f", "tier": "gold", "from": "2022-13-01"}]}"""
    with pytest.raises(charter.ValidationError) as caught:
        charter.from_json(text)
    problems = caught.value.problems
    assert all(isinstance(p, charter.Problem) for p in problems)
    assert [p.pointer for p in problems] == ["/organizations/0/id", "/organizations/1/name", "/memberships/0/from"]
    assert problems[0].id == "Bad Id" and "not a valid id" in problems[0].message
    assert "missing required field" in problems[1].message
    assert "not a date" in problems[2].message
    assert str(caught.value)


def test_validation_error_from_a_change(reg):
    with pytest.raises(charter.ValidationError) as caught:
        reg.leave("amazon", "pytorch-foundation", on=LAUNCH)
    (problem,) = caught.value.problems
    assert problem.id == "amazon"
    # No membership is in force: the problem is the operation's, in no
    # record and at no place in a document.
    assert (problem.pointer, problem.record, problem.field) == ("", "", "")
    assert problem.message == "'amazon' holds no membership of 'pytorch-foundation' on 2022-09-12"
    assert str(problem) == problem.message


def test_validation_error_names_the_record(reg):
    with pytest.raises(charter.ValidationError) as caught:
        reg.add(charter.Organization(id="amd", name="AMD again"))
    (problem,) = caught.value.problems
    assert (problem.pointer, problem.record, problem.field) == ("", "organization amd", "/id")
    assert str(problem) == "organization amd: duplicate organization id 'amd'"


def test_syntax_error_is_placed_by_line_and_column():
    with pytest.raises(charter.ValidationError) as caught:
        charter.from_json('{"format": "charter-registry",\n "version": }')
    (problem,) = caught.value.problems
    assert problem.pointer == ""
    assert "line 2" in problem.message


def test_not_found_error(reg):
    with pytest.raises(charter.NotFoundError) as caught:
        reg.person("nobody")
    assert (caught.value.kind, caught.value.id) == ("person", "nobody")
    with pytest.raises(LookupError):
        reg.body("no-board")


def test_storage_error(tmp_path):
    with pytest.raises(charter.StorageError) as caught:
        charter.load_json(tmp_path / "missing.json")
    assert "missing.json" in str(caught.value)
    with pytest.raises(OSError):
        charter.open(tmp_path / "no" / "such" / "folder" / "x.db", create=True)
    not_a_db = tmp_path / "notes.db"
    not_a_db.write_text("these are not the droids\n" * 100)
    with pytest.raises(charter.StorageError):
        charter.open(not_a_db)
    assert not_a_db.read_text().startswith("these are not")


def test_parse_error():
    with pytest.raises(charter.ParseError):
        charter.Money(amount="1.001")


def test_report_error(reg):
    with pytest.raises(charter.ReportError, match="unknown report kind"):
        charter.report(reg, "horoscope")
    with pytest.raises(charter.ReportError):
        charter.report(reg, "roster", "svg", foundation="pytorch-foundation")


def test_plain_error_on_a_closed_registry(tmp_path):
    db = charter.open(tmp_path / "r.db", create=True)
    db.close()
    assert db.closed
    with pytest.raises(charter.Error, match="closed"):
        db.organizations()


def test_exceptions_pickle_with_their_fields():
    e = charter.ValidationError(
        "bad", [charter.Problem(pointer="/x", id="x", message="wrong", record="organization x", field="/id")]
    )
    back = pickle.loads(pickle.dumps(e))
    assert type(back) is charter.ValidationError and back.problems == e.problems and str(back) == "bad"
    n = pickle.loads(pickle.dumps(charter.NotFoundError("no body 'b'", "body", "b")))
    assert (n.kind, n.id) == ("body", "b")


def test_python_errors_stay_python_errors(reg):
    with pytest.raises(TypeError):
        reg.members(42)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        reg.members("pytorch-foundation", at=20220912)  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        reg.check(at=datetime.date(2022, 9, 12), all_dates=True)
