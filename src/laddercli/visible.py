"""Text from data made safe to show: control characters as visible escapes.

Role text, rater and person names, notes of evidence, file names and what comes back from
the history are data, some of it from other people. Shown raw, a control character in it
talks to the terminal instead of being read: ESC starts a sequence that clears the screen,
moves the cursor, hides text, writes the clipboard (OSC 52) or makes a link (OSC 8); a bidi
override shows a name reversed. Every renderer and every message that can hold data passes
its text through ``visible``, which writes each such character as an escape a reader can
see: ``\\x1b``, ``\\x7f``, ``\\x9b``, ``\\u202e``, ``\\u2028``. Tab and newline stay as they
are (a note may be written on several lines); every other line break is an escape.

The same characters are written as ``\\u`` escapes in the JSON and YAML that ladder writes
(``json_escaped``), so that those files read back to the very same text and are safe to
``cat``. Kept free of anything heavy: the command line imports it at start-up.
"""

from __future__ import annotations

import re
from typing import Any, TypeVar

# C0 controls but tab and newline, DEL, the C1 controls (NEL, U+0085, among them), the
# line and paragraph separators (U+2028, U+2029: line breaks to many a reader and program,
# with which a note would forge lines of a report), the bidi embeddings, overrides
# (U+202A to U+202E), isolates (U+2066 to U+2069) and marks (U+200E, U+200F, U+061C), and
# the invisible characters that make two texts look the same: the zero-width space
# (U+200B), word joiner and invisible operators (U+2060 to U+2064), the zero-width
# no-break space (U+FEFF) and the tag characters (U+E0000 to U+E007F). The zero-width
# joiner and non-joiner stay: scripts and emoji need them to be written at all.
_INVISIBLE = "\u061c\u200b\u200e\u200f\u2060-\u2064\ufeff\U000e0000-\U000e007f"
_HIDDEN = f"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069{_INVISIBLE}]"
# A name read back from the history is one line: it may be from before names were refused
# with line breaks in them, and shown raw, one would forge lines of a report.
_NAME_HIDDEN = f"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069{_INVISIBLE}]"

# What json.dumps(..., ensure_ascii=False) leaves raw (it escapes C0 itself): DEL, C1, the
# bidi controls, the line and paragraph separators (line breaks to YAML, which reads
# our JSON too, and to JavaScript), and U+FFFE and U+FFFF, which YAML does not allow raw.
_JSON_RAW = "[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufffe\uffff]"

# Compiled when first needed: compiling costs about a millisecond, which every command
# would pay at start-up, and most text never needs it (see the isprintable checks).
_compiled: dict[str, re.Pattern[str]] = {}


def _pattern(source: str) -> re.Pattern[str]:
    found = _compiled.get(source)
    if found is None:
        found = _compiled[source] = re.compile(source)
    return found


T = TypeVar("T")


def escaped(char: str) -> str:
    """One character as an escape a reader can see: ``\\x1b``, ``\\u202e``, ``\\U000e0041``."""
    code = ord(char)
    if code <= 0xFF:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def _escape(match: re.Match[str]) -> str:
    return escaped(match.group())


_SHORT = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def escaped_in_name(char: str) -> str:
    """``escaped``, but a newline, carriage return or tab as ``\\n``, ``\\r``, ``\\t``."""
    return _SHORT.get(char) or escaped(char)


def _escape_in_name(match: re.Match[str]) -> str:
    return escaped_in_name(match.group())


def visible(text: str) -> str:
    """``text`` with its control characters (other than tab and newline), line separators
    and bidi controls written as visible escapes, such as ``\\x1b``. Applying it twice
    changes nothing more."""
    if text.isprintable():  # the common case, several times faster than the search
        return text
    return _pattern(_HIDDEN).sub(_escape, text)


def visible_name(name: str) -> str:
    """A rater's or person's name on one line: as ``visible`` shows it, with line breaks
    and tabs written as escapes too (``\\n``, ``\\u2028``). For names read back from the
    history or a draft, which may be older than the rules that refuse such names."""
    if name.isprintable():
        return name
    return _pattern(_NAME_HIDDEN).sub(_escape_in_name, name)


def hidden_character(text: str) -> str | None:
    """The first control or bidi character in ``text``, as ``visible`` writes it; None if
    there is none."""
    if text.isprintable():
        return None
    found = _pattern(_HIDDEN).search(text)
    return None if found is None else _escape(found)


def what_is(escaped: str) -> str:
    """``\\x1b`` -> "a control character (\\x1b)"; ``\\u202e`` -> "a bidi control (\\u202e),
    which reorders the text around it"; ``\\u200b`` -> "an invisible character (\\u200b)"."""
    if not escaped.startswith(("\\u", "\\U")):
        return f"a control character ({escaped})"
    if "\\u202a" <= escaped <= "\\u202e" or "\\u2066" <= escaped <= "\\u2069":
        return f"a bidi control ({escaped}), which reorders the text around it"
    return f"an invisible character ({escaped})"


def visible_in(value: T) -> T:
    """``value`` with every string in it made visible: a string, or a tuple or named tuple
    (a document block, say) of strings, numbers and more such tuples, rebuilt as needed."""
    return _visible(value)  # type: ignore[no-any-return]


def _visible(value: Any) -> Any:
    if isinstance(value, str):
        return visible(value)
    if isinstance(value, tuple):
        items = [_visible(v) for v in value]
        if all(a is b for a, b in zip(items, value, strict=True)):
            return value
        return type(value)(*items) if hasattr(value, "_fields") else tuple(items)
    return value


def _unicode_escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def json_escaped(text: str) -> str:
    """JSON text from ``json.dumps(..., ensure_ascii=False)`` with DEL, C1, bidi controls
    and line separators written as ``\\u`` escapes too: valid JSON (and YAML) that reads
    back to the same strings. (Such characters can only be inside strings in JSON text.)"""
    if text.isascii() and "\x7f" not in text:
        return text
    return _pattern(_JSON_RAW).sub(_unicode_escape, text)
