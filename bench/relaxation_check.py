#!/usr/bin/env python3
"""How strong is the solver's printed lower bound? An independent check with exact solvers.

Builds, over the candidate pairs of `rota export-model`, a relaxation of the week's problem:
capacity, one session a day, the weekly maximum, shortfall, every static cost, one booking per
(session, language) that someone needs, starters and group seats. It leaves out isolation, the
"no superfluous session" rule, non-association and when interpreters are free, so its optimum is
a valid lower bound on the soft cost of every hard-feasible rota. Prints:

- the LP relaxation (GLOP), which the Lagrangian bound of docs/SOLVER.md can at best reach and
  slightly exceed (its per-person problems are solved in integers);
- the mixed-integer optimum or best bound SCIP proves in the time given, a tighter bound that
  shows how much of the printed gap is the bound's and how much the search's.

usage: relaxation_check.py ROTA_BINARY PROBLEM.json [--mip-seconds 60]
needs: pip install ortools (PyPI)
"""
import argparse, json, subprocess, time
from collections import defaultdict
from ortools.linear_solver import pywraplp

ap = argparse.ArgumentParser()
ap.add_argument("rota"); ap.add_argument("problem")
ap.add_argument("--mip-seconds", type=int, default=60)
a = ap.parse_args()
m = json.loads(subprocess.run([a.rota, "export-model", a.problem], capture_output=True,
                              text=True, check=True).stdout)
w, S, P = m["weights"], m["sessions"], m["people"]
candP, candS, candC = m["candPerson"], m["candSession"], m["candCost"]


def relaxation(integer):
    solver = pywraplp.Solver.CreateSolver("SCIP" if integer else "GLOP")
    var = (lambda: solver.BoolVar("")) if integer else (lambda: solver.NumVar(0, 1, ""))
    x = [var() for _ in candP]
    byP, byS, byPD = defaultdict(list), defaultdict(list), defaultdict(list)
    for c, (p, s) in enumerate(zip(candP, candS)):
        byP[p].append(c); byS[s].append(c); byPD[(p, S[s]["day"])].append(c)
    for s, cs in byS.items():
        solver.Add(sum(x[c] for c in cs) <= S[s]["capacity"])
    for cs in byPD.values():
        if len(cs) > 1: solver.Add(sum(x[c] for c in cs) <= 1)
    objective, constant = [], m["fixedCost"]
    for p, pp in enumerate(P):
        if pp["order"] and p not in byP: constant += pp["target"] * w["hoursShortfall"]
    for p, cs in byP.items():
        hours = sum(S[candS[c]]["hours"] * x[c] for c in cs)
        solver.Add(hours <= P[p]["maxHours"])
        short = solver.NumVar(0, max(0, P[p]["target"]), "")
        solver.Add(short >= P[p]["target"] - hours)
        objective.append(w["hoursShortfall"] * short)
        objective += [candC[c] * x[c] for c in cs]
    needs = defaultdict(list)
    for c, (p, s) in enumerate(zip(candP, candS)):
        if m["candNeedsBooking"][c]: needs[(s, m["language"][p])].append(c)
    for cs in needs.values():
        b = var(); objective.append(w["interpreterBooking"] * b)
        for c in cs: solver.Add(x[c] <= b)
    byG = defaultdict(list)
    for st in m["starters"]:
        vs = []
        for g, cost in zip(st["groups"], st["costs"]):
            v = var(); vs.append(v); byG[g].append(v); objective.append(cost * v)
        unplaced = var(); solver.Add(sum(vs) + unplaced == 1)
        objective.append(w["starterUnplaced"] * unplaced)
    for g, vs in byG.items():
        solver.Add(sum(vs) <= m["groups"][g]["seats"])
    solver.Minimize(solver.Sum(objective))
    if integer: solver.SetTimeLimit(a.mip_seconds * 1000)
    t = time.time(); status = solver.Solve(); seconds = round(time.time() - t, 1)
    if integer:
        return {"status": {0: "optimal", 1: "feasible"}.get(status, str(status)), "seconds": seconds,
                "objective": round(solver.Objective().Value() + constant, 2),
                "bound": round(solver.Objective().BestBound() + constant, 2)}
    return {"seconds": seconds, "bound": round(solver.Objective().Value() + constant, 2)}


print(json.dumps({"lp": relaxation(False), "mip": relaxation(True)}))
