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
``change_tier``...), one at a time or together in a :meth:`Registry.batch`.
Errors are :class:`Error` and its subclasses.

The classes and functions are those of the compiled ``charter._charter``
module; this package re-exports them.
"""

from ._charter import (
    REPORT_FORMATS,
    REPORT_KINDS,
    Affiliation,
    AuditEntry,
    Batch,
    Body,
    BodyRules,
    BusyError,
    ConflictError,
    Entitlement,
    Error,
    Finding,
    Foundation,
    HistoryEntry,
    Membership,
    Money,
    NotFoundError,
    Organization,
    ParseError,
    Person,
    Problem,
    Project,
    Registry,
    ReportError,
    Role,
    Seat,
    SeatClass,
    Stage,
    StorageError,
    Steward,
    Tier,
    TierMembers,
    TierRequirement,
    ValidationError,
    __version__,
    from_json,
    has_errors,
    is_slug,
    load_json,
    memory,
    open,
    parse_date,
    report,
    today,
)

__all__ = [
    "REPORT_FORMATS",
    "REPORT_KINDS",
    "Affiliation",
    "AuditEntry",
    "Batch",
    "Body",
    "BodyRules",
    "BusyError",
    "ConflictError",
    "Entitlement",
    "Error",
    "Finding",
    "Foundation",
    "HistoryEntry",
    "Membership",
    "Money",
    "NotFoundError",
    "Organization",
    "ParseError",
    "Person",
    "Problem",
    "Project",
    "Registry",
    "ReportError",
    "Role",
    "Seat",
    "SeatClass",
    "Stage",
    "StorageError",
    "Steward",
    "Tier",
    "TierMembers",
    "TierRequirement",
    "ValidationError",
    "__version__",
    "from_json",
    "has_errors",
    "is_slug",
    "load_json",
    "memory",
    "open",
    "parse_date",
    "report",
    "today",
]

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
