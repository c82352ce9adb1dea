#!/usr/bin/env python3
"""CP-SAT baseline for docs/BENCHMARKS.md: the same candidate model the Swift search uses
(`rota export-model`), one Boolean per (person, candidate session) and per (starter, group),
warm-started from the greedy day-by-day fill, solved by OR-Tools CP-SAT.

Modelled exactly: capacity, one session a day, the weekly maximum, a sufficient form of the
no-superfluous-session rule (A - shortest candidate < R), non-association, group seats, and the
cost of shortfall, travel, continuity, interests and unplaced starters. Interpreter bookings are
costed, with at most as many bookings of a language on a day as it has interpreters free that
day (a relaxation of the interval scheduling); the repair step (`rota repair`, which keeps what
can stand and books real interpreters first-fit) settles the rest. Isolation is not modelled. The repaired rota is scored by
`rota validate`, like every other figure.

usage: cpsat_baseline.py ROTA_BINARY PROBLEM.json [--seconds 60] [--workers 2]
needs: pip install ortools (PyPI)
"""
import argparse, json, math, subprocess, sys, tempfile, time
from collections import defaultdict
from ortools.sat.python import cp_model

ap = argparse.ArgumentParser()
ap.add_argument("rota"); ap.add_argument("problem")
ap.add_argument("--seconds", type=float, default=60); ap.add_argument("--workers", type=int, default=2)
a = ap.parse_args()

m = json.loads(subprocess.run([a.rota, "export-model", a.problem], capture_output=True, text=True, check=True).stdout)
w = m["weights"]
people, sessions = m["people"], m["sessions"]
candP, candS, candC = m["candPerson"], m["candSession"], m["candCost"]
model = cp_model.CpModel()
x = [model.NewBoolVar(f"x{c}") for c in range(len(candP))]
byPerson, bySession, byPersonDay = defaultdict(list), defaultdict(list), defaultdict(list)
for c, (p, s) in enumerate(zip(candP, candS)):
    byPerson[p].append(c); bySession[s].append(c); byPersonDay[(p, sessions[s]["day"])].append(c)
for s, cs in bySession.items():
    model.Add(sum(x[c] for c in cs) <= sessions[s]["capacity"])
for cs in byPersonDay.values():
    if len(cs) > 1: model.AddAtMostOne(x[c] for c in cs)
H = lambda s: int(round(sessions[s]["hours"] * 100))  # hundredths of an hour
objective = []
for p, cs in byPerson.items():
    A = sum(H(candS[c]) * x[c] for c in cs)
    model.Add(A <= int(math.floor(people[p]["maxHours"] * 100 + 1e-6)))
    hmin = min(H(candS[c]) for c in cs)
    model.Add(A <= int(math.ceil(people[p]["remaining"] * 100 - 1e-6)) + hmin - 1)
    T = int(round(people[p]["target"] * 100))
    short = model.NewIntVar(0, max(0, T), f"short{p}")
    model.Add(short >= T - A)
    objective.append(int(w["hoursShortfall"]) * short)  # currency per hundredth-hour x 100
    objective += [int(round(candC[c] * 100)) * x[c] for c in cs]
fixedShort = sum(int(round(pp["target"] * 100)) * int(w["hoursShortfall"]) for i, pp in enumerate(people) if pp["order"] and i not in byPerson)
for p, q in m["nonAssociated"]:
    common = set(candS[c] for c in byPerson.get(p, [])) & set(candS[c] for c in byPerson.get(q, []))
    for s in common:
        cp_ = [c for c in byPerson[p] if candS[c] == s][0]; cq = [c for c in byPerson[q] if candS[c] == s][0]
        model.Add(x[cp_] + x[cq] <= 1)
# Interpreters: one booking per (session, language) needed, costed; on one day the daytime
# placement sessions all overlap, so a language's bookings that day are at most its interpreters
# free that day (a relaxation: the repair step books real interpreters).
needs, book = defaultdict(list), {}
for c, (p, s) in enumerate(zip(candP, candS)):
    if m["candNeedsBooking"][c]: needs[(s, m["language"][p])].append(c)
byLangDay = defaultdict(list)
for (s, l), cs in needs.items():
    b = model.NewBoolVar(f"b{s}_{l}"); book[(s, l)] = b
    for c in cs: model.Add(x[c] <= b)
    objective.append(int(w["interpreterBooking"] * 100) * b)
    byLangDay[(l, sessions[s]["day"])].append(b)
for (l, d), bs in byLangDay.items():
    model.Add(sum(bs) <= m["interpretersPerLanguageDay"][l][d])
y, byGroup = {}, defaultdict(list)
for st in m["starters"]:
    p = st["person"]
    vs = []
    for g, cost in zip(st["groups"], st["costs"]):
        v = model.NewBoolVar(f"y{p}_{g}"); y[(p, g)] = v; vs.append(v); byGroup[g].append(v)
        objective.append(int(round(cost * 100)) * v)
    unplaced = model.NewBoolVar(f"u{p}")
    model.Add(sum(vs) + unplaced == 1)
    objective.append(int(w["starterUnplaced"] * 100) * unplaced)
for g, vs in byGroup.items():
    model.Add(sum(vs) <= m["groups"][g]["seats"])
model.Minimize(sum(objective))
# Warm start: the greedy day-by-day fill.
greedy = set((p, s) for p, s in m["greedyAssignments"])
for c, (p, s) in enumerate(zip(candP, candS)):
    model.AddHint(x[c], 1 if (p, s) in greedy else 0)
galloc = set((p, g) for p, g in m["greedyAllocations"])
for (p, g), v in y.items():
    model.AddHint(v, 1 if (p, g) in galloc else 0)

solver = cp_model.CpSolver()
solver.parameters.max_time_in_seconds = a.seconds
solver.parameters.num_workers = a.workers
# The greedy fill may break the model's conservative hours rule; let CP-SAT repair the hint.
solver.parameters.repair_hint = True
solver.parameters.hint_conflict_limit = 100000
t0 = time.time()
status = solver.Solve(model)
elapsed = time.time() - t0
if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
    print(json.dumps({"status": solver.StatusName(status)})); sys.exit(1)
rota = {"weekStart": json.load(open(a.problem))["weekStart"], "assignments": [], "programmeAllocations": [], "interpreterBookings": []}
for c, (p, s) in enumerate(zip(candP, candS)):
    if solver.Value(x[c]): rota["assignments"].append({"personId": people[p]["id"], "sessionId": sessions[s]["id"]})
for (p, g), v in y.items():
    if solver.Value(v): rota["programmeAllocations"].append({"personId": people[p]["id"], "groupId": m["groups"][g]["id"]})
with tempfile.TemporaryDirectory() as d:
    raw = f"{d}/raw.json"; fixed = f"{d}/fixed.json"
    json.dump(rota, open(raw, "w"))
    out = subprocess.run([a.rota, "repair", a.problem, raw], capture_output=True, text=True, check=True)
    open(fixed, "w").write(out.stdout)
    v = json.loads(subprocess.run([a.rota, "validate", a.problem, fixed], capture_output=True, text=True, check=True).stdout)
print(json.dumps({"status": solver.StatusName(status), "seconds": round(elapsed, 1),
                  "modelObjective": (solver.ObjectiveValue() / 100 + m["fixedCost"] + fixedShort / 100),
                  "cpsatBound": (solver.BestObjectiveBound() / 100 + m["fixedCost"] + fixedShort / 100),
                  "hard": v["hard"], "soft": round(v["soft"], 2), "repair": out.stderr.strip()}))
