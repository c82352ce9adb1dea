#!/usr/bin/env python3
"""Writes the small hand-made region of Fixtures/small: problem.json, a valid rota, one rota per
hard rule that breaks exactly that rule once, and expected.json — the soft-cost terms of the
valid rota computed here, independently of the Swift scorer, straight from PROBLEM.md.

Every person and session has a purpose; see README.md beside this file. Run it again only
when the design changes: the JSON it writes is committed."""
import json, math, copy
from pathlib import Path

HERE = Path(__file__).resolve().parent
C = (52.6300, -1.1300)
KM_LAT = 1 / 111.195
KM_LON = 1 / (111.195 * math.cos(math.radians(C[0])))

def at(north_km, east_km):
    return {"lat": round(C[0] + north_km * KM_LAT, 6), "lon": round(C[1] + east_km * KM_LON, 6)}

WEEK = ["2026-11-30", "2026-12-01", "2026-12-02", "2026-12-03", "2026-12-04", "2026-12-05", "2026-12-06"]
MON, TUE, WED, THU, FRI, SAT, SUN = WEEK
def iv(day, s, e): return {"day": day, "start": s, "end": e}
def sess(i, day, s, e, h, cap): return {"id": i, "day": day, "start": s, "end": e, "hours": h, "capacity": cap}
WORKDAYS = [iv(d, "08:00", "17:30") for d in WEEK[:5]]
SCHOOL_HOURS = {"windows": [iv(d, "09:15", "14:45") for d in WEEK[:5]]}
ORDER = {"hoursOrdered": 100, "hoursCompleted": 20, "deadline": "2027-06-01"}

placements = [
    {"id": "PARK", "name": "Victoria Park clean-up", "provider": "Community Payback (in-house)", "kind": "group",
     "location": at(0, 0), "maxRosh": "high", "skills": ["gardening", "conservation"],
     "sessions": [sess("PARK-TUE", TUE, "09:00", "16:30", 7, 4), sess("PARK-SAT", SAT, "09:00", "16:30", 7, 5),
                  sess("PARK-NEXT", "2026-12-07", "09:00", "16:30", 7, 5)]},
    {"id": "SCHOOL", "name": "Primary school repaint", "provider": "Community Payback (in-house)", "kind": "group",
     "location": at(0, 3), "childrenPresent": True, "skills": ["painting_decorating"],
     "sessions": [sess("SCHOOL-SUN", SUN, "09:00", "16:30", 7, 5)]},
    {"id": "WOMEN", "name": "Women's allotment", "provider": "Community Payback (in-house)", "kind": "group",
     "location": at(2, 0), "womenOnly": True, "skills": ["gardening"],
     "sessions": [sess("WOMEN-SAT", SAT, "09:00", "16:30", 7, 3)]},
    {"id": "SHOP", "name": "Heart Foundation shop", "provider": "Heart Foundation", "kind": "individual",
     "location": at(-1, 0), "vulnerableAdultsPresent": True, "skills": ["retail", "customer_service"],
     "sessions": [sess("SHOP-MON", MON, "09:30", "14:30", 4.5, 2), sess("SHOP-WED", WED, "09:30", "14:30", 4.5, 1)]},
    {"id": "LIBRARY", "name": "City library", "provider": "City Libraries", "kind": "individual",
     "location": at(0, -2), "skills": ["customer_service"],
     "sessions": [sess("LIB-MON", MON, "15:00", "18:00", 3, 2), sess("LIB-THU", THU, "15:00", "18:00", 3, 2)]},
    {"id": "CRECHE", "name": "Family hub kitchen", "provider": "Family Hub", "kind": "individual",
     "location": at(-4, 0), "childcareOnSite": True, "skills": ["catering"],
     "sessions": [sess("CRECHE-THU", THU, "09:00", "16:30", 7, 2)]},
    {"id": "MAPPA", "name": "Depot yard", "provider": "Community Payback (in-house)", "kind": "group",
     "location": at(3, 3), "mappaApproved": True, "maxRosh": "very_high", "staffLanguages": ["en", "pl"],
     "skills": ["construction"], "sessions": [sess("MAPPA-SUN", SUN, "09:00", "16:30", 7, 4)]},
    {"id": "FAR", "name": "Moorland footpaths", "provider": "Community Payback (in-house)", "kind": "group",
     "location": at(40, 0), "skills": ["conservation"], "sessions": [sess("FAR-SAT", SAT, "09:00", "16:30", 7, 6)]},
]
programmes = [
    {"id": "TSP", "name": "Thinking Skills Programme", "maxRosh": "high", "groups": [
        {"id": "TSP-G1", "location": at(0, 0), "capacity": 4, "interpreterSupported": True,
         "sessions": [{"id": "TSP-G1-TUE", "day": TUE, "start": "18:00", "end": "20:30"},
                      {"id": "TSP-G1-THU", "day": THU, "start": "18:00", "end": "20:30"}]},
        {"id": "TSP-G2", "location": at(0, -2), "capacity": 6, "acceptingNew": False,
         "sessions": [{"id": "TSP-G2-WED", "day": WED, "start": "18:00", "end": "20:30"}]}]},
    {"id": "WOMEN", "name": "Women's programme", "maxRosh": "high", "groups": [
        {"id": "W-G1", "location": at(2, 0), "capacity": 5, "womenOnly": True,
         "sessions": [{"id": "W-G1-MON", "day": MON, "start": "10:00", "end": "12:30"},
                      {"id": "W-G1-WED", "day": WED, "start": "10:00", "end": "12:30"}]}]},
]
interpreters = [
    {"id": "I-PL", "languages": ["pl"], "availability": [iv(d, "08:00", "21:00") for d in WEEK]},
    {"id": "I-RO", "languages": ["ro"], "availability": [iv(d, "08:00", "18:00") for d in WEEK[:5]]},
]

def person(pid, sex, north, east, **kw):
    p = {"id": pid, "sex": sex, "home": at(north, east), "isolationTag": "adult"}
    p.update(kw)
    return p

people = [
    person("P01", "M", 1, 1, upw=ORDER, currentPlacementId="PARK", interests=["gardening"]),
    person("P02", "M", 1, -1, upw=ORDER, unavailable=WORKDAYS, currentPlacementId="SCHOOL", interests=["woodwork"]),
    person("P03", "M", -1, 1, upw=ORDER, isolationTag="young_adult"),
    person("P04", "M", -1, -1, upw={"hoursOrdered": 40, "hoursCompleted": 36, "deadline": "2027-03-01"}),
    person("P05", "F", 2, 1, upw=ORDER),
    person("P06", "F", -2, 1, upw=ORDER, childcare=SCHOOL_HOURS),
    person("P07", "F", -3, 1, upw=ORDER, childcare=SCHOOL_HOURS, womenOnly=False),
    person("P08", "M", 2, 2, upw=ORDER, language="pl", needsInterpreter=True),
    person("P09", "M", 1, 2, upw=ORDER, language="pl", needsInterpreter=True),
    person("P10", "M", 0, 2, upw=ORDER, language="pl", needsInterpreter=True, isolationTag="older"),
    person("P11", "M", 3, 2, upw=ORDER, risk={"rosh": "high", "mappaLevel": 2}),
    person("P12", "M", 3, 1, upw=ORDER, risk={"rosh": "very_high"}),
    person("P13", "M", 0, -3, upw=ORDER, risk={"rosh": "medium", "childRisk": True}),
    person("P14", "M", -2, -2, upw=ORDER, risk={"vulnerableAdultRisk": True}),
    person("P15", "M", 2, -2, upw=ORDER, nonAssociation=["P16"]),
    person("P16", "M", 2, 3, upw=ORDER),
    person("P17", "M", 0, -4, upw=ORDER, exclusionZones=[dict(at(0, 3), radiusKm=1.0)]),
    person("P18", "M", 38, 0, upw=ORDER, maxTravelKm=10),
    person("P19", "M", 1, 3, upw={"hoursOrdered": 200, "hoursCompleted": 0, "deadline": "2026-12-21", "maxWeeklyHours": 14},
           interests=["painting_decorating"]),
    person("P20", "F", -1, 3, upw=ORDER, womenOnly=False),
    person("P21", "M", 0, 1, programme={"programmeId": "TSP", "status": "enrolled", "groupId": "TSP-G1"}),
    person("P22", "M", 0, -1, language="pl", needsInterpreter=True,
           programme={"programmeId": "TSP", "status": "enrolled", "groupId": "TSP-G1"}),
    person("P23", "M", 1, 0, programme={"programmeId": "TSP", "status": "awaiting"}),
    person("P24", "M", -1, 0, unavailable=WORKDAYS, nonAssociation=["P23"], programme={"programmeId": "TSP", "status": "awaiting"}),
    person("P25", "F", 2, -1, upw=ORDER, childcare=SCHOOL_HOURS,
           programme={"programmeId": "WOMEN", "status": "enrolled", "groupId": "W-G1"}),
    person("P26", "M", -2, -1, upw=ORDER, language="ro", needsInterpreter=True, unavailable=WORKDAYS),
    person("P27", "M", -3, -1, upw={"hoursOrdered": 60, "hoursCompleted": 60, "deadline": "2027-01-15"}),
    person("P28", "M", -3, 2, upw={"hoursOrdered": 60, "hoursCompleted": 40, "deadline": "2026-11-20"}),
    person("P29", "F", 3, -1, upw=ORDER, availability=[iv(SAT, "08:00", "18:00")]),
    person("P30", "M", -3, 3, upw=ORDER, unavailable=[iv(SUN, "00:00", "24:00")]),
]
problem = {"weekStart": MON, "people": people, "placements": placements, "programmes": programmes, "interpreters": interpreters}

valid = {"weekStart": MON, "assignments": [], "programmeAllocations": [{"personId": "P23", "groupId": "TSP-G1"}],
         "interpreterBookings": [{"interpreterId": "I-PL", "sessionId": "PARK-SAT", "language": "pl"},
                                 {"interpreterId": "I-PL", "sessionId": "TSP-G1-TUE", "language": "pl"},
                                 {"interpreterId": "I-PL", "sessionId": "TSP-G1-THU", "language": "pl"}]}
for pid, sids in [("P01", ["PARK-SAT"]), ("P02", ["PARK-SAT"]), ("P03", ["PARK-SAT"]), ("P04", ["SHOP-MON"]),
                  ("P05", ["WOMEN-SAT"]), ("P06", ["SHOP-WED"]), ("P07", ["CRECHE-THU"]), ("P08", ["MAPPA-SUN"]),
                  ("P09", ["PARK-SAT"]), ("P10", ["PARK-SAT"]), ("P11", ["MAPPA-SUN"]), ("P12", ["MAPPA-SUN"]),
                  ("P13", ["PARK-TUE"]), ("P14", ["PARK-TUE"]), ("P15", ["PARK-TUE"]), ("P16", ["SCHOOL-SUN"]),
                  ("P17", ["LIB-MON", "LIB-THU"]), ("P18", ["FAR-SAT"]), ("P19", ["PARK-TUE", "SCHOOL-SUN"]),
                  ("P20", ["SCHOOL-SUN"]), ("P25", ["CRECHE-THU"]), ("P28", ["SCHOOL-SUN"]), ("P29", ["WOMEN-SAT"])]:
    for s in sids:
        valid["assignments"].append({"personId": pid, "sessionId": s})

def with_(extra_assign=(), extra_alloc=(), drop_booking=None):
    r = copy.deepcopy(valid)
    r["assignments"] += [{"personId": p, "sessionId": s} for p, s in extra_assign]
    r["programmeAllocations"] += [{"personId": p, "groupId": g} for p, g in extra_alloc]
    if drop_booking:
        r["interpreterBookings"] = [b for b in r["interpreterBookings"] if b["sessionId"] != drop_booking]
    return r

breaks = {
    0: with_(extra_assign=[("P01", "NO-SUCH-SESSION")]),
    1: with_(extra_assign=[("P30", "PARK-SAT")]),
    2: with_(extra_assign=[("P30", "MAPPA-SUN")]),
    3: with_(extra_assign=[("P28", "SHOP-MON"), ("P28", "LIB-MON")]),
    4: with_(extra_assign=[("P30", "WOMEN-SAT")]),
    5: with_(drop_booking="PARK-SAT"),
    6: with_(extra_assign=[("P12", "LIB-THU")]),
    7: with_(extra_assign=[("P15", "SCHOOL-SUN")]),
    8: with_(extra_assign=[("P17", "SCHOOL-SUN")]),
    9: with_(extra_assign=[("P16", "FAR-SAT")]),
    10: with_(extra_assign=[("P07", "SCHOOL-SUN")]),
    11: with_(extra_assign=[("P04", "LIB-THU")]),
    12: with_(extra_alloc=[("P21", "TSP-G1")]),
}

# --- Soft costs of the valid rota, computed from PROBLEM.md alone. ---
def hav(a, b):
    p1, p2 = math.radians(a["lat"]), math.radians(b["lat"])
    dp, dl = p2 - p1, math.radians(b["lon"] - a["lon"])
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))

sessions = {s["id"]: (pl, s) for pl in placements for s in pl["sessions"]}
groups = {g["id"]: g for pr in programmes for g in pr["groups"]}
pmap = {p["id"]: p for p in people}
def days_between(a, b):
    from datetime import date
    return (date.fromisoformat(b) - date.fromisoformat(a)).days

mine = {}
for a in valid["assignments"]:
    mine.setdefault(a["personId"], []).append(a["sessionId"])
terms = dict(hoursShortfall=0.0, starterUnplaced=0.0, interpreterBooking=0.0, travelKm=0.0, continuity=0.0, isolation=0.0, interestMismatch=0.0)
shortfall_hours = {}
for p in people:
    ss = mine.get(p["id"], [])
    if "upw" in p:
        u = p["upw"]
        R = max(0, u["hoursOrdered"] - u["hoursCompleted"])
        W = max(1, math.ceil(days_between(MON, u["deadline"]) / 7))
        T = min(R, u.get("maxWeeklyHours", 28), max(u.get("minWeeklyHours", 7), R / W))
        A = sum(sessions[s][1]["hours"] for s in ss)
        shortfall_hours[p["id"]] = max(0, T - A)
        terms["hoursShortfall"] += max(0, T - A) * 100
    for s in ss:
        pl = sessions[s][0]
        terms["travelKm"] += hav(p["home"], pl["location"]) * 2
        if p.get("currentPlacementId") and p["currentPlacementId"] != pl["id"]:
            terms["continuity"] += 15
        if p.get("interests") and not set(p["interests"]) & set(pl["skills"]):
            terms["interestMismatch"] += 5
    gid = p.get("programme", {}).get("groupId") or next((x["groupId"] for x in valid["programmeAllocations"] if x["personId"] == p["id"]), None)
    if gid:
        for gs in groups[gid]["sessions"]:
            terms["travelKm"] += hav(p["home"], groups[gid]["location"]) * 2
    if p.get("programme", {}).get("status") == "awaiting" and not any(x["personId"] == p["id"] for x in valid["programmeAllocations"]):
        terms["starterUnplaced"] += 400
terms["interpreterBooking"] = 40 * len(valid["interpreterBookings"])
for sid, (pl, s) in sessions.items():
    if pl["kind"] != "group":
        continue
    att = [a["personId"] for a in valid["assignments"] if a["sessionId"] == sid]
    if len(att) >= 3:
        tags = [pmap[x].get("isolationTag") for x in att]
        terms["isolation"] += 60 * sum(1 for t in tags if t and tags.count(t) == 1)

expected = {"valid": {"hard": 0, "soft": sum(terms.values()), "breakdown": terms,
                      "shortfallHours": {k: v for k, v in shortfall_hours.items() if v > 1e-9}},
            "breaks": {str(k): {str(k): 1} for k in breaks}}

def dump(name, obj):
    (HERE / name).write_text(json.dumps(obj, indent=1) + "\n")
dump("problem.json", problem)
dump("rota-valid.json", valid)
for k, r in breaks.items():
    dump(f"rota-break-rule-{k}.json", r)
dump("expected.json", expected)
print(json.dumps(expected["valid"], indent=1))
