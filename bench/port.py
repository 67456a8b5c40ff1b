#!/usr/bin/env python3
"""Write the built-in pack as plain Rego that conftest runs, for bench/run.sh.

   python3 bench/port.py OUT_DIR

The port is the pack itself, rewritten only where conftest cannot follow it, so that both
tools run the same rules and must report the same findings:
- each rule set (deny_*, warn_*) is renamed found_*, and a rule set of the old name adds the
  rule's id (from its METADATA) to every finding, so that the findings can be compared by
  file and rule id (conftest keeps an object's other keys as metadata);
- ladderctl.normalize and ladderctl.fold_confusables, ladderctl's own built-ins, become
  plain Rego: default-ignorable characters removed, and text returned as it is otherwise
  (NFKC and the confusables table are beyond plain Rego; the benchmark ladders are ASCII);
- data.params (the rules' defaults) and data.ladderctl.format come from data.json.
"""
import json
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
out = pathlib.Path(sys.argv[1])
out.mkdir(parents=True, exist_ok=True)

PLAIN = '''
# ladderctl's own built-ins, in plain Rego for conftest (see bench/port.py).
normalize(text) := regex.replace(text, `[\\x{00AD}\\x{034F}\\x{061C}\\x{115F}\\x{1160}\\x{17B4}\\x{17B5}\\x{180B}-\\x{180F}\\x{200B}-\\x{200F}\\x{202A}-\\x{202E}\\x{2060}-\\x{206F}\\x{3164}\\x{FE00}-\\x{FE0F}\\x{FEFF}\\x{FFA0}\\x{FFF0}-\\x{FFF8}]`, "")

fold_confusables(text) := text
'''

params = {}
for src in sorted((ROOT / "policies").glob("*.rego")):
    if src.name.endswith("_test.rego"):
        continue
    text = src.read_text()
    # Each rule set with the id its METADATA gives.
    ids = {}
    for m in re.finditer(r"# METADATA\n((?:#.*\n)*?)((?:deny|warn)_\w+) contains", text):
        meta = m.group(1)
        rid = re.search(r"^#\s+id: (\S+)", meta, re.M).group(1)
        ids[m.group(2)] = rid
        for p in re.finditer(r"^#     (\w+):\n#       default: (.+)$", meta, re.M):
            params[p.group(1)] = json.loads(p.group(2)) if p.group(2)[0] in "[{" else float(p.group(2)) if "." in p.group(2) else int(p.group(2))
    for name, rid in ids.items():
        text = re.sub(rf"^{name} contains", f"found_{name} contains", text, flags=re.M)
        text += f'\n{name} contains object.union(finding, {{"rule": "{rid}"}}) if {{\n\tsome finding in found_{name}\n}}\n'
    if src.name == "lib.rego":
        text += PLAIN
    else:
        text = text.replace("ladderctl.normalize(", "lib.normalize(").replace("ladderctl.fold_confusables(", "lib.fold_confusables(")
    (out / src.name).write_text(text)

scopes = re.search(r"var Scopes = \[\]string\{(.*)\}", (ROOT / "internal/ladder/schema.go").read_text()).group(1)
data = {"params": params, "ladderctl": {"format": {"scopes": json.loads("[" + scopes + "]")}}}
(out / "data").mkdir(exist_ok=True)
(out / "data" / "data.json").write_text(json.dumps(data, indent=2) + "\n")
