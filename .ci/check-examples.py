#!/usr/bin/env python3
"""check-examples.py ROTA_BINARY EXAMPLES_DIR: `rota validate` must agree with every expected/ verdict
(hard, soft and each breakdown term within 0.01, and the violation count per rule). Exit 1 on any disagreement."""
import collections, json, subprocess, sys
from pathlib import Path

rota, ex = sys.argv[1], Path(sys.argv[2])
bad = 0
checked = 0
for r in sorted(ex.glob("rota-*.json")):
    exp = json.loads((ex / "expected" / r.name).read_text())
    out = subprocess.run([rota, "validate", str(ex / "problem.json"), str(r)], capture_output=True, text=True, timeout=60)
    got = json.loads(out.stdout)
    per_rule = collections.Counter(str(v["rule"]) for v in got["violations"])
    problems = []
    if got["hard"] != exp["hard"]:
        problems.append(f"hard {got['hard']} vs {exp['hard']}")
    if abs(got["soft"] - exp["soft"]) > 0.01:
        problems.append(f"soft {got['soft']} vs {exp['soft']}")
    for k, v in exp["breakdown"].items():
        if abs(got["breakdown"].get(k, 0) - v) > 0.01:
            problems.append(f"{k} {got['breakdown'].get(k)} vs {v}")
    if dict(per_rule) != {k: v for k, v in exp["violationsPerRule"].items()}:
        problems.append(f"per rule {dict(per_rule)} vs {exp['violationsPerRule']}")
    if got["reportedScoreMatches"] != exp["reportedScoreMatches"]:
        problems.append("reportedScoreMatches differs")
    checked += 1
    if problems:
        bad += 1
        print(f"{r.name}: " + "; ".join(problems))
print(f"examples: {checked - bad} passed, {bad} failed")
sys.exit(1 if bad else 0)
