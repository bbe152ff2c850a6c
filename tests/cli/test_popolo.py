"""`charter export --format popolo` (issue 18): Popolo JSON read back with
Python and every membership and post checked against the registry's own
document (docs/interchange.md, "Popolo")."""

from __future__ import annotations

import datetime
import json
import pathlib
import subprocess
from typing import Any

import pytest

from conftest import EXAMPLE, Charter
from test_site import generator


def last_day(to: str | None) -> str | None:
    if to is None:
        return None
    return (datetime.date.fromisoformat(to) - datetime.timedelta(days=1)).isoformat()


def expected_memberships(doc: dict[str, Any]) -> list[dict[str, Any]]:
    """Every membership the export must hold, worked out from the document."""
    tiers = {(f["id"], t["id"]): t["name"] for f in doc["foundations"] for t in f.get("tiers", [])}
    out = []
    for m in doc.get("memberships", []):
        out.append({"organization_id": "foundation/" + m["foundation"],
                    "member": {"@type": "Organization", "id": "organization/" + m["org"]},
                    "role": tiers[(m["foundation"], m["tier"])],
                    "start_date": m["from"], "end_date": last_day(m.get("to"))})
    for p in doc.get("people", []):
        for a in p.get("affiliations", []):
            out.append({"person_id": "person/" + p["id"], "organization_id": "organization/" + a["org"],
                        "role": a.get("title") or "affiliate",
                        "start_date": a["from"], "end_date": last_day(a.get("to"))})
    for s in doc.get("seats", []):
        seat = {"person_id": "person/" + s["person"], "organization_id": "body/" + s["body"],
                "post_id": f"post/{s['body']}/{s['class']}", "role": "member",
                "on_behalf_of_id": "organization/" + s["represents"] if s.get("represents") else None,
                "start_date": s["from"], "end_date": last_day(s.get("to"))}
        out.append(seat)
        if s.get("office"):
            out.append(dict(seat, post_id=f"post/{s['body']}/office/{s['office']}", role=s["office"]))
    for r in doc.get("roles", []):
        scope = next(k for k in ("foundation", "project", "body") if k in r)
        out.append({"person_id": "person/" + r["person"], "organization_id": f"{scope}/{r[scope]}",
                    "role": r["title"], "start_date": r["from"], "end_date": last_day(r.get("to"))})
    return out


def comparable(m: dict[str, Any]) -> str:
    keys = ("person_id", "member", "organization_id", "post_id", "on_behalf_of_id", "role", "start_date", "end_date")
    return json.dumps({k: m.get(k) for k in keys}, sort_keys=True)


def check_export(doc: dict[str, Any], popolo: dict[str, Any]) -> None:
    assert set(popolo) == {"persons", "organizations", "memberships", "posts"}
    assert sorted(p["id"] for p in popolo["persons"]) == sorted("person/" + p["id"] for p in doc.get("people", []))
    names = {p["id"]: p["name"] for p in popolo["persons"]}
    for p in doc.get("people", []):
        assert names["person/" + p["id"]] == p["name"]
    orgs = {o["id"]: o for o in popolo["organizations"]}
    assert len(orgs) == len(popolo["organizations"])
    for kind, prefix in (("organizations", "organization"), ("foundations", "foundation"),
                         ("projects", "project"), ("bodies", "body")):
        for r in doc.get(kind, []):
            assert orgs[f"{prefix}/{r['id']}"]["name"] == r["name"]
    for o in doc.get("organizations", []):
        if o.get("parent"):
            assert orgs["organization/" + o["id"]]["parent_id"] == "organization/" + o["parent"]
    # Every membership, exactly once.
    got = sorted(comparable(m) for m in popolo["memberships"])
    assert got == sorted(comparable(m) for m in expected_memberships(doc))
    assert len({m["id"] for m in popolo["memberships"]}) == len(popolo["memberships"])
    # Every post: one per seat class, one per office held; every post a
    # membership names exists, on the same body.
    posts = {p["id"]: p for p in popolo["posts"]}
    classes = {f"post/{b['id']}/{c['id']}" for b in doc.get("bodies", []) for c in b["seat_classes"]}
    offices = {f"post/{s['body']}/office/{s['office']}" for s in doc.get("seats", []) if s.get("office")}
    assert set(posts) == classes | offices
    for m in popolo["memberships"]:
        if "post_id" in m:
            assert posts[m["post_id"]]["organization_id"] == m["organization_id"]
        for ref in ("organization_id", "on_behalf_of_id"):
            if ref in m:
                assert m[ref] in orgs, m
        if "member" in m:
            assert m["member"]["id"] in orgs


def test_example_registry(charter: Charter) -> None:
    charter.ok("init")
    charter.ok("import", str(EXAMPLE))
    popolo = json.loads(charter.ok("export", "--format", "popolo").stdout)
    check_export(json.loads(EXAMPLE.read_text()), popolo)
    charter.ok("export", "--format", "popolo", "-o", "popolo.json")
    assert json.loads((charter.folder / "popolo.json").read_text()) == popolo


def test_generated_registry_with_seats_and_offices(charter: Charter) -> None:
    exe = generator()
    if exe is None:
        pytest.skip("charter_generate is not built (configure with -DCHARTER_BUILD_BENCH=ON, or set CHARTER_GENERATE)")
    document = charter.folder / "generated.json"
    subprocess.run([str(exe), "--scale", "0.002", "--seed", "7", "-o", str(document)], check=True,
                   capture_output=True, timeout=300)
    charter.ok("init")
    charter.ok("import", str(document))
    doc = json.loads(document.read_text())
    assert doc["seats"] and any(s.get("represents") for s in doc["seats"])
    check_export(doc, json.loads(charter.ok("export", "--format", "popolo").stdout))


def test_unknown_format_is_bad_usage(charter: Charter) -> None:
    charter.ok("init")
    charter.ok("import", str(EXAMPLE))
    assert charter("export", "--format", "yaml").returncode == 2
    assert pathlib.Path(charter.folder / "charter.db").exists()
