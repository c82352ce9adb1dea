#!/usr/bin/env python3
"""Reads iCalendar files with an independent RFC 5545 parser (the `icalendar` package) and prints
their events as JSON, times in UTC, so a test can check what a calendar program would show.
    python3 scripts/ics-events.py FILE.ics [...]
Exit 1 when a file does not parse or an event lacks a required property."""
import json
import sys
from datetime import timezone

import icalendar

events = []
for path in sys.argv[1:]:
    with open(path, "rb") as f:
        data = f.read()
    cal = icalendar.Calendar.from_ical(data)
    zones = [c.get("TZID") for c in cal.walk("VTIMEZONE")]
    for e in cal.walk("VEVENT"):
        for required in ("UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY"):
            if e.get(required) is None:
                sys.exit(f"{path}: an event has no {required}")
        start, end = e.decoded("DTSTART"), e.decoded("DTEND")
        if start.tzinfo is None:
            sys.exit(f"{path}: DTSTART {start} has no time zone")
        events.append({
            "uid": str(e.get("UID")),
            "summary": str(e.get("SUMMARY")),
            "location": str(e.get("LOCATION", "")),
            "description": str(e.get("DESCRIPTION", "")),
            "tzid": e.get("DTSTART").params.get("TZID"),
            "startUTC": start.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M"),
            "endUTC": end.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M"),
            "zones": zones,
        })
json.dump(events, sys.stdout, ensure_ascii=False)
