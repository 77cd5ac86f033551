"""A plan as an iCalendar file (RFC 5545) that calendar programs import: an all-day event
on each focus item's due date, and a check-in every four weeks from the day the plan was
made up to the last due date (at least one); ``views/plan.py`` says which events.

Lines end in CRLF and are folded at 75 octets; text values are escaped (``\\``, ``;``,
``,``, new lines). Each event's UID is made from the plan and the item, so importing the
file again updates the events instead of doubling them.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import NamedTuple

PRODID = "-//laddercli//ladder plan//EN"


class Event(NamedTuple):
    """An all-day event: its UID, day, summary and description."""

    uid: str
    day: date
    summary: str
    description: str


def _escape(text: str) -> str:
    out = text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    out = out.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n")
    return "".join(c for c in out if c == "\t" or ord(c) >= 0x20 and ord(c) != 0x7F)


def _fold(line: str) -> list[str]:
    """``line`` folded so that no line is over 75 octets (continuations start with a
    space), never inside a character."""
    out: list[str] = []
    current, size = "", 0
    for char in line:
        width = len(char.encode())
        if size + width > 75:
            out.append(current)
            current, size = " ", 1
        current += char
        size += width
    out.append(current)
    return out


def to_ics(events: Sequence[Event], stamp: date) -> str:
    """The calendar of ``events``; ``stamp``: when it was made (DTSTAMP)."""
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN"]
    for event in events:
        lines += [
            "BEGIN:VEVENT",
            f"UID:{_escape(event.uid)}",
            f"DTSTAMP:{stamp.strftime('%Y%m%dT000000Z')}",
            f"DTSTART;VALUE=DATE:{event.day.strftime('%Y%m%d')}",
            f"SUMMARY:{_escape(event.summary)}",
            f"DESCRIPTION:{_escape(event.description)}",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(part + "\r\n" for line in lines for part in _fold(line))
