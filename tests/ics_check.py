#!/usr/bin/python3
"""Validates rkplan's iCalendar output with a standard parser (python3-icalendar).

Usage: ics_check.py [FILE.ics]   (standard input when no file is given)

Checks the raw bytes first (CRLF line endings, no physical line over 75 octets, valid
UTF-8), then parses with icalendar.Calendar.from_ical and checks VERSION, PRODID and the
properties of every VEVENT (UID, DTSTAMP, DTSTART as a DATE, SUMMARY, DESCRIPTION).
Prints "ics ok: N events" and exits 0, or prints the problem and exits 1.
Run it with /usr/bin/python3: Debian's python3-icalendar lives there, not in pyenv.
"""

import datetime
import sys

LINE_OCTETS = 75  # RFC 5545 3.1, excluding the CRLF


def raw_problems(data):
    if not data:
        return ["empty input"]
    problems = []
    if not data.endswith(b"\n"):
        problems.append("the last line has no line ending")
    bare = []
    for number, line in enumerate(data.split(b"\n"), start=1):
        if not line:
            continue
        if line.endswith(b"\r"):
            line = line[:-1]
        elif number <= data.count(b"\n"):
            bare.append(number)
        if b"\r" in line:
            problems.append(f"line {number}: a bare CR")
        if len(line) > LINE_OCTETS:
            problems.append(f"line {number}: {len(line)} octets, more than {LINE_OCTETS}")
        try:
            line.decode("utf-8")
        except UnicodeDecodeError as e:
            problems.append(f"line {number}: not valid UTF-8 on its own (a fold inside a character?): {e}")
    if bare:
        problems.append(f"{len(bare)} line(s) end with a bare LF instead of CRLF, the first is line {bare[0]}")
    return problems


def calendar_problems(data):
    try:
        import icalendar
    except ImportError:
        return ["python3-icalendar is missing: run with /usr/bin/python3 or apt-get install python3-icalendar"], 0
    try:
        cal = icalendar.Calendar.from_ical(data)
    except Exception as e:  # the parser's errors are plain ValueErrors and friends
        return [f"icalendar cannot parse the input: {e}"], 0
    problems = []
    if cal.name != "VCALENDAR":
        problems.append(f"the top component is {cal.name}, not VCALENDAR")
    if str(cal.get("VERSION", "")) != "2.0":
        problems.append(f"VERSION is {cal.get('VERSION')!r}, not 2.0")
    if not str(cal.get("PRODID", "")):
        problems.append("no PRODID")
    events = cal.walk("VEVENT")
    if not events:
        problems.append("no VEVENT")
    uids = set()
    for i, event in enumerate(events, start=1):
        where = f"event {i}"
        for prop in ("UID", "DTSTAMP", "DTSTART", "SUMMARY", "DESCRIPTION"):
            if prop not in event:
                problems.append(f"{where}: no {prop}")
        uid = str(event.get("UID", ""))
        if uid in uids:
            problems.append(f"{where}: UID {uid} is not unique")
        uids.add(uid)
        if "DTSTART" in event:
            start = event.decoded("DTSTART")
            # datetime is a subclass of date: an all-day event needs a plain date
            if isinstance(start, datetime.datetime) or not isinstance(start, datetime.date):
                problems.append(f"{where}: DTSTART {start!r} is not a DATE")
            if "DTEND" in event:
                end = event.decoded("DTEND")
                if type(end) is not type(start) or end <= start:
                    problems.append(f"{where}: DTEND {end!r} does not follow DTSTART {start!r}")
        if "DTSTAMP" in event and not isinstance(event.decoded("DTSTAMP"), datetime.datetime):
            problems.append(f"{where}: DTSTAMP is not a DATE-TIME")
    return problems, len(events)


def main(argv):
    if len(argv) > 2:
        print("usage: ics_check.py [FILE.ics]", file=sys.stderr)
        return 1
    try:
        if len(argv) == 2 and argv[1] != "-":
            with open(argv[1], "rb") as f:
                data = f.read()
        else:
            data = sys.stdin.buffer.read()
    except OSError as e:
        print(f"ics check: {e}")
        return 1
    problems = raw_problems(data)
    more, count = calendar_problems(data)
    problems += more
    if problems:
        for p in problems:
            print(f"ics check: {p}")
        return 1
    print(f"ics ok: {count} events")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
