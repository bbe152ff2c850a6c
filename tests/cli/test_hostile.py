"""Hostile documents imported through the `charter` program (issue 13), as
tests/hostile.cpp imports them through the library: each is refused with
exit 2 and a message on stderr naming the place (the file's line and
column for a syntax error, else the JSON Pointer), whether imported whole or
merged, and the database keeps its registry: `charter export` gives the
same bytes afterwards as before."""

from __future__ import annotations

import subprocess

import pytest

from conftest import Charter

HEAD = b'{"format": "charter-registry", "version": 1, '
ORG = HEAD + b'"organizations": [{"id": "x", "name": '
ORG_EXTRA = HEAD + b'"organizations": [{"id": "x", "name": "X", "extra": '
TIER = HEAD + b'"foundations": [{"id": "f", "name": "F", "tiers": [{"id": "t", "name": "T", "rank": 1, '
MAX_TEXT_BYTES = 16 << 20


def place_after(before: bytes) -> str:
    """The place of a syntax error at the character after `before`: 1-based
    line and column, columns counting characters (UTF-8 sequences), not
    bytes."""
    line = 1 + before.count(b"\n")
    last = before[before.rfind(b"\n") + 1:]
    column = 1 + sum(1 for b in last if b & 0xC0 != 0x80)
    return f"line {line}, column {column}: "


def syntax(before: bytes, rest: bytes, message: str = "") -> tuple[bytes, str]:
    """A document broken at the character after `before`, and the message
    the program must give for it (after the file's name)."""
    return before + rest, "bad.json: " + place_after(before) + message


def nested(depth: int) -> bytes:
    return b'{"a": ' * depth + b"1" + b"}" * depth


CASES = {
    "overlong UTF-8 in a name": syntax(ORG + b'"ok ', b'\xc0\xaf"}]}'),
    "a surrogate encoded in UTF-8": syntax(ORG + b'"ok ', b'\xed\xa0\x80"}]}'),
    "a lone continuation byte in an extra key": syntax(ORG_EXTRA + b'{"k', b'\x80": 1}}]}'),
    "a truncated sequence": syntax(ORG + b'"ok ', b'\xe2\x82"}]}'),
    "a lone escaped surrogate": syntax(ORG + b'"a', b'\\ud800"}]}', "lone surrogate \\ud800"),
    "a UTF-8 BOM": syntax(b"", b"\xef\xbb\xbf" + ORG + b'"X"}]}'),
    "trailing garbage": syntax(ORG + b'"X"}]} ', b"x", "extra data (unexpected 'x')"),
    "an empty document": (b"", "bad.json: line 1, column 1: incomplete JSON (unexpected end of text)"),
    "a raw NUL in a name": syntax(ORG + b'"A', b'\x00B"}]}'),
    "a duplicate key in extra": (ORG_EXTRA + b'{"k": 1, "\\u006b": 2}}]}',
                                 '/organizations/0/extra/k: duplicate key "k"'),
    "a duplicate key in a record": (ORG + b'"X", "name": "Y"}]}',
                                    '/organizations/0/name: duplicate key "name"'),
    "an unknown top-level member": (HEAD + b'"junk": "\xff", "organizations": []}',
                                    '/junk: unknown field "junk"; the document is read no further'),
    "a known field's name with a NUL after it": (ORG + b'"X", "name\\u0000": "Y"}]}',
                                                 "/organizations/0/name\\u0000: unknown field"),
    "extra one level too deep": (ORG_EXTRA + nested(65) + b"}]}",
                                 "/organizations/0/extra: nested 65 levels deep, deeper than the limit of 64"),
    "1e400 in extra": (ORG_EXTRA + b'{"x": [1e400]}}]}',
                       "/organizations/0/extra/x/0: 1e400 cannot be kept exactly"),
    "an amount with 3 decimals": (TIER + b'"annual_fee": {"amount": 1.234, "currency": "USD"}}]}]}',
                                  "/foundations/0/tiers/0/annual_fee/amount: amount has more than two decimals"),
    "an impossible date": (HEAD + b'"foundations": [{"id": "f", "name": "F", "founded": "2023-02-29"}]}',
                           '/foundations/0/founded: "2023-02-29" is not a date (expected YYYY-MM-DD)'),
    "an id with an RTL override": (HEAD + b'"organizations": [{"id": "x\\u202e", "name": "X"}]}',
                                   "/organizations/0/id: "),
}


def export_bytes(charter: Charter) -> bytes:
    result = subprocess.run([charter.exe, "export"], cwd=charter.folder, env=charter.env,
                            capture_output=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return result.stdout


def refuse(charter: Charter, document: bytes, message: str) -> None:
    (charter.folder / "bad.json").write_bytes(document)
    before = export_bytes(charter)
    for merge in ([], ["--merge"]):
        # Charter.fails: exit 2, nothing on stdout, the export and the log
        # as they were.
        result = charter.fails("import", "bad.json", *merge, message="charter: import: " + message)
        assert len(result.stderr.splitlines()) == 1, result.stderr
        assert export_bytes(charter) == before


@pytest.mark.parametrize("document,message", CASES.values(), ids=CASES.keys())
def test_hostile_document_is_refused(loaded: Charter, document: bytes, message: str) -> None:
    refuse(loaded, document, message)


def test_text_one_byte_over_the_limit_is_refused(loaded: Charter) -> None:
    # max_text_bytes characters, but one byte more: the last is two bytes.
    name = b'"' + b"n" * (MAX_TEXT_BYTES - 1) + "\u00e9".encode() + b'"'
    refuse(loaded, ORG + name + b"}]}",
           "/organizations/0/name: 'name' is 16777217 bytes long, longer than the limit of 16777216 bytes")


def test_document_deeper_than_69_levels_is_refused(loaded: Charter) -> None:
    # A tier's extra stands six levels down: 65 levels of it make 70.
    before = TIER + b'"extra": ' + b'{"a": ' * 64
    document, message = syntax(before, b'{"a": 1' + b"}" * 65 + b"}]}]}")
    refuse(loaded, document, message)
    # A million brackets: refused at the 70th level, never recursed into.
    document, message = syntax(HEAD + b'"organizations": ' + b"[" * 68, b"[" * 1_000_000)
    refuse(loaded, document, message)


def test_hostile_document_on_standard_input(loaded: Charter) -> None:
    before = export_bytes(loaded)
    document = ORG.decode() + '"a\\udc00"}]}'
    loaded.fails("import", "-", input=document,
                 message="charter: import: standard input: " + place_after(ORG + b'"a') + "lone surrogate \\udc00")
    assert export_bytes(loaded) == before


# Known defect (issue 13, open): docs/cli.md says control characters in a
# message are written as JSON escapes, never raw. C0 controls and DEL are,
# but the C1 controls (U+0080 to U+009F) are written raw: U+009B is CSI, the
# one-character form of ESC [, which some terminals act on.
def test_c1_control_characters_in_messages_are_escaped(loaded: Charter) -> None:
    (loaded.folder / "bad.json").write_bytes(HEAD + b'"organizations": [{"id": "x\\u009b31m", "name": "X"}]}')
    result = loaded.fails("import", "bad.json", message="/organizations/0/id: ")
    assert "\u009b" not in result.stderr, result.stderr
    assert '"x\\u009b31m" is not a valid id' in result.stderr, result.stderr
