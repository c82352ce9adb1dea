#!/usr/bin/env python3
"""Timefold Solver baseline for docs/BENCHMARKS.md: the same candidate model as the CP-SAT
baseline (`rota export-model`), solved by Timefold Solver's default local search.

Model: one planning entity per (person, day with candidates) whose nullable variable is the
person's candidate session that day (so one session a day holds by construction), and one per
programme starter whose nullable variable is a group. Hard: capacity, the weekly maximum, the
sufficient form of the no-superfluous-session rule used by the CP-SAT baseline, non-association,
group seats, and at most as many interpreter bookings of a language on a day as it has
interpreters free that day. Soft, in whole currency: shortfall (as a reward for hours placed up
to the target, against a constant), each candidate's travel/continuity/interest cost, one
booking per (session, language) that needs one, and unplaced starters. Isolation is not
modelled. The warm start is the greedy day-by-day fill. The result is repaired (`rota repair`
books real interpreters and drops what cannot stand) and scored by `rota validate`.

usage: timefold_baseline.py ROTA_BINARY PROBLEM.json [--seconds 60]
needs: pip install timefold (PyPI; runs on the JDK 17 on the PATH)
"""
import argparse, json, subprocess, sys, tempfile, time
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Annotated, Optional

from timefold.solver import SolverFactory
from timefold.solver.config import (Duration, ScoreDirectorFactoryConfig, SolverConfig,
                                    TerminationConfig)
from timefold.solver.domain import (PlanningEntityCollectionProperty, PlanningId, PlanningScore,
                                    PlanningVariable, ProblemFactCollectionProperty,
                                    ValueRangeProvider, planning_entity, planning_solution)
from timefold.solver.score import (ConstraintCollectors, ConstraintFactory, HardSoftScore,
                                   Joiners, constraint_provider)

ap = argparse.ArgumentParser()
ap.add_argument("rota"); ap.add_argument("problem")
ap.add_argument("--seconds", type=float, default=60)
a = ap.parse_args()
m = json.loads(subprocess.run([a.rota, "export-model", a.problem], capture_output=True,
                              text=True, check=True).stdout)
w = m["weights"]


@dataclass(eq=False)
class LanguageDay:
    key: str
    interpreters: int


@dataclass(eq=False)
class Session:
    index: int
    day: int
    hours: int  # hundredths of an hour
    capacity: int


@dataclass(eq=False)
class Candidate:
    id: Annotated[int, PlanningId]
    session: Session
    cost: int
    language_day: Optional[LanguageDay]  # set when this person here needs an interpreter booked


@dataclass(eq=False)
class GroupSeats:
    index: int
    seats: int


@dataclass(eq=False)
class GroupOption:
    id: Annotated[int, PlanningId]
    group: GroupSeats
    cost: int


@planning_entity
@dataclass(eq=False)
class PersonDay:
    id: Annotated[int, PlanningId]
    person: int
    max_hours: int
    remaining: int
    target: int
    enemies: frozenset
    options: Annotated[list[Candidate], ValueRangeProvider(id="options")]
    choice: Annotated[Optional[Candidate],
                      PlanningVariable(value_range_provider_refs=["options"],
                                       allows_unassigned=True)] = field(default=None)


@planning_entity
@dataclass(eq=False)
class Starter:
    id: Annotated[int, PlanningId]
    person: int
    group_options: Annotated[list[GroupOption], ValueRangeProvider(id="groupOptions")]
    group: Annotated[Optional[GroupOption],
                     PlanningVariable(value_range_provider_refs=["groupOptions"],
                                      allows_unassigned=True)] = field(default=None)


@planning_solution
@dataclass
class Week:
    sessions: Annotated[list[Session], ProblemFactCollectionProperty]
    person_days: Annotated[list[PersonDay], PlanningEntityCollectionProperty]
    starters: Annotated[list[Starter], PlanningEntityCollectionProperty]
    score: Annotated[Optional[HardSoftScore], PlanningScore] = field(default=None)


SHORT_PER_HUNDREDTH = w["hoursShortfall"] / 100.0
BOOKING = int(round(w["interpreterBooking"]))
UNPLACED = int(round(w["starterUnplaced"]))


@constraint_provider
def week_constraints(f: ConstraintFactory):
    return [
        f.for_each(PersonDay)
         .group_by(lambda d: d.choice.session, ConstraintCollectors.count())
         .filter(lambda s, n: n > s.capacity)
         .penalize(HardSoftScore.ONE_HARD, lambda s, n: n - s.capacity)
         .as_constraint("capacity"),
        f.for_each(PersonDay)
         .group_by(lambda d: d.person, lambda d: d.max_hours,
                   ConstraintCollectors.sum(lambda d: d.choice.session.hours))
         .filter(lambda p, mx, h: h > mx)
         .penalize(HardSoftScore.ONE_HARD)
         .as_constraint("weekly maximum"),
        f.for_each(PersonDay)
         .group_by(lambda d: d.person, lambda d: d.remaining,
                   ConstraintCollectors.sum(lambda d: d.choice.session.hours),
                   ConstraintCollectors.min(lambda d: d.choice.session.hours))
         .filter(lambda p, rem, h, least: h - least >= rem)
         .penalize(HardSoftScore.ONE_HARD)
         .as_constraint("no superfluous session"),
        f.for_each(PersonDay)
         .filter(lambda d: len(d.enemies) > 0)
         .join(PersonDay, Joiners.equal(lambda d: d.choice.session),
               Joiners.filtering(lambda d, e: e.person in d.enemies))
         .penalize(HardSoftScore.ONE_HARD)
         .as_constraint("non-association"),
        f.for_each(PersonDay)
         .filter(lambda d: d.choice.language_day is not None)
         .group_by(lambda d: d.choice.session, lambda d: d.choice.language_day)
         .group_by(lambda s, ld: ld, ConstraintCollectors.count_bi())
         .filter(lambda ld, n: n > ld.interpreters)
         .penalize(HardSoftScore.ONE_HARD, lambda ld, n: n - ld.interpreters)
         .as_constraint("interpreters free that day"),
        f.for_each(Starter)
         .group_by(lambda s: s.group.group, ConstraintCollectors.count())
         .filter(lambda g, n: n > g.seats)
         .penalize(HardSoftScore.ONE_HARD, lambda g, n: n - g.seats)
         .as_constraint("group seats"),
        f.for_each(PersonDay)
         .group_by(lambda d: d.person, lambda d: d.target,
                   ConstraintCollectors.sum(lambda d: d.choice.session.hours))
         .reward(HardSoftScore.ONE_SOFT,
                 lambda p, t, h: int(round(SHORT_PER_HUNDREDTH * min(h, t))))
         .as_constraint("hours placed towards the target"),
        f.for_each(PersonDay)
         .penalize(HardSoftScore.ONE_SOFT, lambda d: d.choice.cost)
         .as_constraint("travel, continuity, interests"),
        f.for_each(PersonDay)
         .filter(lambda d: d.choice.language_day is not None)
         .group_by(lambda d: d.choice.session, lambda d: d.choice.language_day)
         .penalize(HardSoftScore.of_soft(BOOKING))
         .as_constraint("interpreter bookings"),
        f.for_each(Starter)
         .reward(HardSoftScore.of_soft(UNPLACED))
         .as_constraint("starter placed"),
        f.for_each(Starter)
         .penalize(HardSoftScore.ONE_SOFT, lambda s: s.group.cost)
         .as_constraint("starter's group cost"),
    ]


people, msessions = m["people"], m["sessions"]
H = lambda s: int(round(msessions[s]["hours"] * 100))
sessions = [Session(i, s["day"], H(i), s["capacity"]) for i, s in enumerate(msessions)]
language_days = {}
for l, row in enumerate(m["interpretersPerLanguageDay"]):
    for d, n in enumerate(row):
        language_days[(l, d)] = LanguageDay(f"{l}/{d}", n)
enemies = defaultdict(set)
for p, q in m["nonAssociated"]:
    enemies[p].add(q); enemies[q].add(p)
options = defaultdict(list)
for c, (p, s) in enumerate(zip(m["candPerson"], m["candSession"])):
    ld = language_days[(m["language"][p], msessions[s]["day"])] if m["candNeedsBooking"][c] else None
    options[(p, msessions[s]["day"])].append(Candidate(c, sessions[s], int(round(m["candCost"][c])), ld))
greedy = {(p, s) for p, s in m["greedyAssignments"]}
person_days = []
for (p, d), opts in sorted(options.items()):
    pp = people[p]
    pd = PersonDay(len(person_days), p, int(pp["maxHours"] * 100 + 1e-6),
                   int(-(-pp["remaining"] * 100 // 1)), int(round(pp["target"] * 100)),
                   frozenset(enemies[p]), opts)
    pd.choice = next((o for o in opts if (p, o.session.index) in greedy), None)
    person_days.append(pd)
groups = [GroupSeats(i, g["seats"]) for i, g in enumerate(m["groups"])]
galloc = {(p, g) for p, g in m["greedyAllocations"]}
starters, option_id = [], 0
for st in m["starters"]:
    opts = []
    for g, cost in zip(st["groups"], st["costs"]):
        opts.append(GroupOption(option_id, groups[g], int(round(cost)))); option_id += 1
    s = Starter(len(starters), st["person"], opts)
    s.group = next((o for o in opts if (st["person"], o.group.index) in galloc), None)
    starters.append(s)
# Constants the rewards are measured against: every target hour short, every starter unplaced.
constant = (m["fixedCost"] + sum(w["hoursShortfall"] * p["target"] for p in people if p["order"])
            + UNPLACED * len(m["starters"]))

config = SolverConfig(solution_class=Week, entity_class_list=[PersonDay, Starter],
                      score_director_factory_config=ScoreDirectorFactoryConfig(
                          constraint_provider_function=week_constraints),
                      termination_config=TerminationConfig(spent_limit=Duration(seconds=int(a.seconds))))
t0 = time.time()
best = SolverFactory.create(config).build_solver().solve(
    Week(sessions, person_days, starters))
elapsed = time.time() - t0

rota = {"weekStart": json.load(open(a.problem))["weekStart"], "assignments": [],
        "programmeAllocations": [], "interpreterBookings": []}
for d in best.person_days:
    if d.choice is not None:
        rota["assignments"].append({"personId": people[d.person]["id"],
                                    "sessionId": msessions[d.choice.session.index]["id"]})
for s in best.starters:
    if s.group is not None:
        rota["programmeAllocations"].append({"personId": people[s.person]["id"],
                                             "groupId": m["groups"][s.group.group.index]["id"]})
with tempfile.TemporaryDirectory() as tmp:
    raw, fixed = f"{tmp}/raw.json", f"{tmp}/fixed.json"
    json.dump(rota, open(raw, "w"))
    out = subprocess.run([a.rota, "repair", a.problem, raw], capture_output=True, text=True, check=True)
    open(fixed, "w").write(out.stdout)
    v = json.loads(subprocess.run([a.rota, "validate", a.problem, fixed], capture_output=True,
                                  text=True, check=True).stdout)
print(json.dumps({"seconds": round(elapsed, 1), "timefoldScore": str(best.score),
                  "modelObjective": round(constant - best.score.soft_score, 2),
                  "hard": v["hard"], "soft": round(v["soft"], 2), "repair": out.stderr.strip()}))
