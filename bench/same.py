#!/usr/bin/env python3
"""Compare conftest's JSON report with
ladderctl's: the same findings, file by file and rule by rule, with the same messages.

   python3 bench/same.py conftest.json ladderctl.json
Prints "failures warnings" (conftest's counts) when they agree; exits 1 listing the first
differences otherwise.
"""
import collections
import json
import sys

conftest = json.load(open(sys.argv[1]))
ladderctl = json.load(open(sys.argv[2]))
ours = collections.Counter()
for f in ladderctl["findings"]:
    ours[(f["file"], f["rule"], f["severity"], f["message"])] += 1
theirs = collections.Counter()
counts = [0, 0]
for entry in conftest:
    for kind, severity, i in (("failures", "error", 0), ("warnings", "warning", 1)):
        for r in entry.get(kind) or []:
            rule = (r.get("metadata") or {}).get("rule", entry["namespace"])
            theirs[(entry["filename"], rule, severity, r["msg"])] += 1
            counts[i] += 1
if ours != theirs:
    for key in list((ours - theirs).keys())[:5]:
        print("only ladderctl:", key, file=sys.stderr)
    for key in list((theirs - ours).keys())[:5]:
        print("only conftest:", key, file=sys.stderr)
    sys.exit(1)
print(counts[0], counts[1])
