#!/usr/bin/env python3
"""How strong is the solver's printed lower bound? An independent check with exact solvers.

Builds, over the candidate pairs of `rota export-model`, a relaxation of the week's problem:
capacity, one session a day, the weekly maximum, shortfall, every static cost, one booking per
(session, language) that someone needs, starters and group seats, and — unless `--plain` —
isolation in work parties, no more bookings of a language at overlapping times than it has
interpreters that day, and no placement session for a starter at the time of their group's
sessions. It leaves out the "no superfluous session" rule, non-association and which interpreter
serves which booking, so its optimum is a valid lower bound on the soft cost of every
hard-feasible rota. Prints:

- the LP relaxation (GLOP), which the Lagrangian bound of docs/SOLVER.md can at best reach and
  slightly exceed (its per-person problems are solved in integers);
- the mixed-integer optimum or best bound SCIP proves in the time given, a tighter bound that
  shows how much of the printed gap is the bound's and how much the search's;
- SCIP's best solution as a rota, put through `rota repair` (which keeps what can stand and
  books real interpreters) and scored by `rota validate`: a real rota, so the optimum lies
  between the proved bound and its score.

usage: relaxation_check.py ROTA_BINARY PROBLEM.json [--mip-seconds 60] [--plain]
needs: pip install ortools (PyPI)
"""
import argparse, json, subprocess, tempfile, time
from collections import defaultdict
from ortools.linear_solver import pywraplp

ap = argparse.ArgumentParser()
ap.add_argument("rota"); ap.add_argument("problem")
ap.add_argument("--mip-seconds", type=int, default=60)
ap.add_argument("--plain", action="store_true", help="leave out isolation, interpreter counts and starters' clashes")
a = ap.parse_args()
region = json.load(open(a.problem))
kind, when = {}, {}  # session id -> placement kind; session or group id -> (day, start, end) list
for pl in region["placements"]:
    for ss in pl["sessions"]:
        kind[ss["id"]] = pl.get("kind")
        when[ss["id"]] = [(ss["day"], ss["start"], ss["end"])]
for prog in region["programmes"]:
    for g in prog["groups"]:
        when[g["id"]] = [(ss["day"], ss["start"], ss["end"]) for ss in g["sessions"]]
tag = {p["id"]: p.get("isolationTag") for p in region["people"]}


def overlap(a, b):
    return any(d1 == d2 and s1 < e2 and s2 < e1 for d1, s1, e1 in a for d2, s2, e2 in b)
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
    perLanguageDay = defaultdict(list)
    for (s, l), cs in needs.items():
        b = var(); objective.append(w["interpreterBooking"] * b)
        for c in cs: solver.Add(x[c] <= b)
        perLanguageDay[(l, S[s]["day"])].append((s, b))
    if not a.plain:
        # An interpreter serves one of a set of sessions that all overlap one another.
        for (l, d), sb in perLanguageDay.items():
            for s0, _ in sb:
                clique = [b for s, b in sb if overlap(when[S[s]["id"]], when[S[s0]["id"]]) and
                          all(overlap(when[S[s]["id"]], when[S[t]["id"]]) for t, _ in sb
                              if overlap(when[S[t]["id"]], when[S[s0]["id"]]))]
                if len(clique) > 1: solver.Add(sum(clique) <= m["interpretersPerLanguageDay"][l][d])
        # Isolation: in a work party of at least 3, a tagged person alone with their tag.
        for s, cs in byS.items():
            if kind[S[s]["id"]] != "group" or len(cs) < 3: continue
            crowded = solver.BoolVar("")  # forced to 1 when 3 or more attend
            solver.Add(sum(x[c] for c in cs) <= 2 + S[s]["capacity"] * crowded)
            byTag = defaultdict(list)
            for c in cs:
                if tag[P[candP[c]]["id"]]: byTag[tag[P[candP[c]]["id"]]].append(c)
            for tcs in byTag.values():
                for c in tcs:
                    alone = solver.NumVar(0, 1, "")
                    solver.Add(alone >= x[c] + crowded - 1 - sum(x[q] for q in tcs if q != c))
                    objective.append(w["isolation"] * alone)
    byG, allocations = defaultdict(list), []
    for st in m["starters"]:
        vs = []
        for g, cost in zip(st["groups"], st["costs"]):
            v = var(); vs.append(v); byG[g].append(v); objective.append(cost * v)
            allocations.append((st["person"], g, v))
            if not a.plain:  # no placement session at the time of the group's sessions
                for c in byP.get(st["person"], []):
                    if overlap(when[S[candS[c]]["id"]], when[m["groups"][g]["id"]]): solver.Add(x[c] + v <= 1)
        unplaced = var(); solver.Add(sum(vs) + unplaced == 1)
        objective.append(w["starterUnplaced"] * unplaced)
    for g, vs in byG.items():
        solver.Add(sum(vs) <= m["groups"][g]["seats"])
    solver.Minimize(solver.Sum(objective))
    if integer: solver.SetTimeLimit(a.mip_seconds * 1000)
    t = time.time(); status = solver.Solve(); seconds = round(time.time() - t, 1)
    if integer:
        rota = {"weekStart": region["weekStart"], "interpreterBookings": [],
                "assignments": [{"personId": P[p]["id"], "sessionId": S[s]["id"]}
                                for c, (p, s) in enumerate(zip(candP, candS)) if x[c].solution_value() > 0.5],
                "programmeAllocations": [{"personId": P[p]["id"], "groupId": m["groups"][g]["id"]}
                                         for p, g, v in allocations if v.solution_value() > 0.5]}
        return {"status": {0: "optimal", 1: "feasible"}.get(status, str(status)), "seconds": seconds,
                "objective": round(solver.Objective().Value() + constant, 2),
                "bound": round(solver.Objective().BestBound() + constant, 2), "rota": scored(rota)}
    return {"seconds": seconds, "bound": round(solver.Objective().Value() + constant, 2)}


def scored(rota):
    """The relaxation's rota, repaired and scored by the real scorer."""
    with tempfile.TemporaryDirectory() as d:
        raw, fixed = f"{d}/raw.json", f"{d}/fixed.json"
        json.dump(rota, open(raw, "w"))
        out = subprocess.run([a.rota, "repair", a.problem, raw], capture_output=True, text=True, check=True)
        open(fixed, "w").write(out.stdout)
        v = json.loads(subprocess.run([a.rota, "validate", a.problem, fixed], capture_output=True, text=True).stdout)
    return {"hard": v["hard"], "soft": round(v["soft"], 2), "repair": out.stderr.strip()}


print(json.dumps({"lp": relaxation(False), "mip": relaxation(True)}))
