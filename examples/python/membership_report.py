#!/usr/bin/env python3
"""The PyTorch Foundation's members by tier, its Governing Board and its
compliance findings as of a date: the main job of charter, from Python.

    membership_report.py [DATE] [--format FORMAT] [--db FILE] [--data FILE]

DATE is YYYY-MM-DD or ``today`` (the default). FORMAT is text (the default),
md, csv, json or html. The registry lives in the SQLite file FILE (default:
membership-report.db in the current folder); on the first run it is created
from the example data (default: examples/data/pytorch-foundation.json).

The Python twin of examples/membership_report.cpp: same arguments, same
output.
"""

import argparse
import sys

import charter

FORMATS = ("text", "txt", "markdown", "md", "csv", "json", "html")


def main(argv=None):
    parser = argparse.ArgumentParser(prog="membership_report", description=__doc__.split("\n\n")[0])
    parser.add_argument("date", nargs="?", default="today", help="YYYY-MM-DD or 'today' (the default)")
    parser.add_argument("--format", default="text", help="text (the default), md, csv, json or html")
    parser.add_argument("--db", default="membership-report.db", help="the registry's SQLite file")
    parser.add_argument("--data", default="examples/data/pytorch-foundation.json", help="the data of a first run")
    args = parser.parse_args(argv)

    try:
        if args.format not in FORMATS:
            raise charter.ReportError(f"unknown format '{args.format}' (expected text, md, csv, json or html)")
        on = charter.today() if args.date == "today" else charter.parse_date(args.date)

        with charter.open(args.db, create=True) as reg:
            if not reg.foundations():
                reg.replace(
                    charter.load_json(args.data),
                    actor="membership_report",
                    reason="initial import",
                    summary=f"import {args.data}",
                )
                print(f"membership_report: created {args.db} from {args.data}", file=sys.stderr)
            text = charter.report(
                reg,
                ["roster", "board", "compliance"],
                args.format,
                foundation="pytorch-foundation",
                body="pytorch-board",
                at=on,
            )
        sys.stdout.write(text)
        return 0
    except charter.ValidationError as e:
        for problem in e.problems:
            print(f"membership_report: {problem.pointer}: {problem.message}", file=sys.stderr)
    except charter.Error as e:
        print(f"membership_report: {e}", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
