"""charter: the governance and membership registry of open-source foundations.

Which organization is a member of which foundation, at which tier, since
when; who sits on which board, for whom; who holds which role; which project
is hosted where. Every fact is dated, and every query is asked *as of* a
date::

    import datetime
    import charter

    reg = charter.load_json("examples/data/pytorch-foundation.json")
    for group in reg.members("pytorch-foundation", at=datetime.date(2022, 9, 12)):
        print(group.tier.name, [m.org for m in group.members])

Registries come from :func:`memory`, :func:`open` (an SQLite database),
:func:`from_json` and :func:`load_json`. Changes are made by the methods of
:class:`Registry` named after the command-line verbs (``join``, ``leave``,
``change_tier``...), one at a time or together in a :meth:`Registry.batch`;
mistakes are corrected with ``update``, ``remove``, ``merge`` and
:meth:`Registry.revert`, and :meth:`Batch.preview` says what a batch would
do before it is committed.
:func:`find` and :func:`resolve` look records up by what people call them;
:func:`diff` and :func:`compare` say what changed. Every value has
``to_dict()``, and :func:`table` makes rows of them for pandas or csv.
Errors are :class:`Error` and its subclasses.

The classes and functions are those of the compiled ``charter._charter``
module; this package re-exports them.
"""

import dataclasses as _dataclasses
import json as _json

from ._charter import (
    REPORT_FORMATS,
    REPORT_KINDS,
    IMPORT_SOURCES,
    Affiliation,
    Attendee,
    AuditEntry,
    BallotBox,
    Batch,
    Body,
    BodyRules,
    BusyError,
    ConflictError,
    CountResult,
    CountRound,
    DatedChange,
    DuesPolicy,
    Election,
    ElectionResult,
    Entitlement,
    Error,
    FieldChange,
    FindHit,
    Finding,
    Foundation,
    HistoryEntry,
    Invoice,
    Meeting,
    MeetingVote,
    Membership,
    Money,
    NotFoundError,
    Organization,
    ParseError,
    Payment,
    Person,
    Preview,
    Problem,
    Project,
    Quorum,
    RecordDiff,
    Reference,
    Registry,
    ReportDue,
    ReportError,
    ReportingSchedule,
    Resolved,
    Role,
    Seat,
    SeatClass,
    SourceError,
    Stage,
    Steward,
    StorageError,
    SubmittedReport,
    Suspension,
    Tier,
    TierMembers,
    TierRequirement,
    ValidationError,
    __version__,
    compare,
    count,
    diff,
    find,
    from_json,
    has_errors,
    is_slug,
    load_json,
    memory,
    open,
    parse_date,
    read_ballots,
    report,
    resolve,
    today,
)
from ._charter import _import_source


class _Record:
    """What the import summary's dataclasses share with charter's values."""

    def to_dict(self):
        return _dataclasses.asdict(self)


@_dataclasses.dataclass(frozen=True)
class UnmappedValue(_Record):
    """A value an import read and did not map, where it is and why."""

    file: str
    line: int
    column: int
    value: str
    reason: str


@_dataclasses.dataclass(frozen=True)
class ImportFinding(_Record):
    """What a person must resolve after an import (``affiliation-conflict``)."""

    code: str
    record: str
    message: str
    places: list


@_dataclasses.dataclass(frozen=True)
class ImportSummary(_Record):
    """What :func:`import_source` read and made of it, as
    ``charter import --from SOURCE --format json`` prints it.

    ``read`` entries of the files, of which ``mapped`` became records and
    ``skipped`` did not (each in ``unmapped``, with the other values not
    mapped); ``matched`` organizations and people found in the registry;
    ``added``, ``updated`` and ``unchanged`` records; values that said there
    is no organization, by spelling; ``audit_id`` the entry written (None
    for an in-memory registry, a dry run, or when nothing changed).
    """

    source: str
    files: list
    read: int
    mapped: int
    skipped: int
    matched: int
    added: int
    updated: int
    unchanged: int
    without_organization: dict
    unmapped: list
    findings: list
    audit_id: "int | None"
    dry_run: bool


def import_source(registry, source, paths, *, foundation="", as_of=None, aliases=(),
                  merge=True, replace=False, dry_run=False, actor="", reason=""):
    """Imports what a foundation publishes into ``registry`` (see
    ``IMPORT_SOURCES`` and docs/importers.md): ``paths`` are the source's
    files (a path or a list of them), ``foundation`` the foundation or
    project the data belongs to (each source has a default), ``as_of`` the
    start of what the files give no date for (default: today).

    With ``merge`` (the default) the import's records are added, and those
    the registry holds (matched by id, name, alias or handle)
    updated; ``replace=True`` replaces everything instead; with neither,
    a registry that holds records refuses it. All or nothing, one audit
    entry. ``dry_run`` reads and matches, and writes nothing.

    Returns an :class:`ImportSummary`. Raises SourceError (a file that is
    not what the source publishes: its place in ``file``, ``line``,
    ``column``), ValidationError, Error.
    """
    if isinstance(paths, (str, bytes)) or hasattr(paths, "__fspath__"):
        paths = [paths]
    if isinstance(aliases, (str, bytes)) or hasattr(aliases, "__fspath__"):
        aliases = [aliases]
    d = _import_source(registry, source, list(paths), foundation=foundation, as_of=as_of,
                       aliases=list(aliases), merge=merge, replace=replace, dry_run=dry_run,
                       actor=actor, reason=reason)
    d["unmapped"] = [UnmappedValue(**u) for u in d["unmapped"]]
    d["findings"] = [ImportFinding(**f) for f in d["findings"]]
    return ImportSummary(**d)

__all__ = [
    "REPORT_FORMATS",
    "REPORT_KINDS",
    "IMPORT_SOURCES",
    "Affiliation",
    "Attendee",
    "AuditEntry",
    "BallotBox",
    "Batch",
    "Body",
    "BodyRules",
    "BusyError",
    "ConflictError",
    "CountResult",
    "CountRound",
    "DatedChange",
    "DuesPolicy",
    "Election",
    "ElectionResult",
    "Entitlement",
    "Error",
    "FieldChange",
    "FindHit",
    "Finding",
    "Foundation",
    "HistoryEntry",
    "ImportFinding",
    "ImportSummary",
    "Invoice",
    "Meeting",
    "MeetingVote",
    "Membership",
    "Money",
    "NotFoundError",
    "Organization",
    "ParseError",
    "Payment",
    "Person",
    "Preview",
    "Problem",
    "Project",
    "Quorum",
    "RecordDiff",
    "Reference",
    "Registry",
    "ReportDue",
    "ReportError",
    "ReportingSchedule",
    "Resolved",
    "Role",
    "Seat",
    "SeatClass",
    "SourceError",
    "Stage",
    "Steward",
    "StorageError",
    "SubmittedReport",
    "Suspension",
    "Tier",
    "TierMembers",
    "TierRequirement",
    "UnmappedValue",
    "ValidationError",
    "__version__",
    "compare",
    "count",
    "diff",
    "find",
    "from_json",
    "has_errors",
    "import_source",
    "is_slug",
    "load_json",
    "memory",
    "open",
    "parse_date",
    "read_ballots",
    "report",
    "resolve",
    "table",
    "today",
]



def table(records):
    """Rows of plain values for ``pandas.DataFrame`` or ``csv.DictWriter``.

    ``records`` is any iterable of charter values (records, query results,
    find and diff results: anything with ``to_dict()``) or of dicts. Each
    becomes one flat dict: a nested dict's members become columns named
    with dots (``extra.note``, ``tier.name``), and a list becomes its JSON
    text (``'["AWS"]'``), so that every cell is None, a bool, an int, a
    float or a str, and ``json.loads`` gives the list back.

    Every row has the same keys, in the same order: the columns of all the
    rows, each where it first came (a column only some rows have follows
    the one before it in those rows). A row that lacks a column has None
    there.
    """
    rows, columns, known = [], [], set()
    for record in records:
        if isinstance(record, dict):
            data = record
        elif hasattr(record, "to_dict"):
            data = record.to_dict()
        else:
            raise TypeError(f"table() takes charter values or dicts, not {type(record).__name__}")
        row = {}
        _flatten(data, "", row)
        at = 0
        for key in row:
            if key in known:
                at = columns.index(key) + 1
            else:
                columns.insert(at, key)
                known.add(key)
                at += 1
        rows.append(row)
    return [{key: row.get(key) for key in columns} for row in rows]


def _flatten(data, prefix, row):
    for key, value in data.items():
        name = prefix + str(key)
        if isinstance(value, dict):
            _flatten(value, name + ".", row)
        elif isinstance(value, (list, tuple)):
            row[name] = _json.dumps(value, ensure_ascii=False)
        else:
            row[name] = value


# The classes are defined in the extension module; present them as charter's
# own (repr, pickle by reference and documentation tools use __module__).
for _name in __all__:
    _obj = globals()[_name]
    if isinstance(_obj, type) and _obj.__module__ == "charter._charter":
        try:
            _obj.__module__ = __name__
        except (AttributeError, TypeError):
            pass
del _name, _obj
