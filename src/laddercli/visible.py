"""Text from data made safe to show: control characters as visible escapes.

Role text, rater and person names, notes of evidence, file names and what comes back from
the history are data, some of it from other people. Shown raw, a control character in it
talks to the terminal instead of being read: ESC starts a sequence that clears the screen,
moves the cursor, hides text, writes the clipboard (OSC 52) or makes a link (OSC 8); a bidi
override shows a name reversed. Every renderer and every message that can hold data passes
its text through ``visible``, which writes each such character as an escape a reader can
see: ``\\x1b``, ``\\x7f``, ``\\x9b``, ``\\u202e``. Tab and newline stay as they are.

The same characters are written as ``\\u`` escapes in the JSON and YAML that ladder writes
(``json_escaped``), so that those files read back to the very same text and are safe to
``cat``. Kept free of anything heavy: the command line imports it at start-up.
"""

from __future__ import annotations

import re
from typing import Any, TypeVar

# C0 controls but tab and newline, DEL, the C1 controls, and the bidi embeddings,
# overrides (U+202A to U+202E) and isolates (U+2066 to U+2069).
_HIDDEN = "[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]"

# What json.dumps(..., ensure_ascii=False) leaves raw (it escapes C0 itself): DEL, C1, the
# bidi controls, and the line and paragraph separators (line breaks to YAML, which reads
# our JSON too, and to JavaScript).
_JSON_RAW = "[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]"

# Compiled when first needed: compiling costs about a millisecond, which every command
# would pay at start-up, and most text never needs it (see the isprintable checks).
_compiled: dict[str, re.Pattern[str]] = {}


def _pattern(source: str) -> re.Pattern[str]:
    found = _compiled.get(source)
    if found is None:
        found = _compiled[source] = re.compile(source)
    return found


T = TypeVar("T")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def visible(text: str) -> str:
    """``text`` with its control characters (other than tab and newline) and bidi controls
    written as visible escapes, such as ``\\x1b``. Applying it twice changes nothing more."""
    if text.isprintable():  # the common case, several times faster than the search
        return text
    return _pattern(_HIDDEN).sub(_escape, text)


def hidden_character(text: str) -> str | None:
    """The first control or bidi character in ``text``, as ``visible`` writes it; None if
    there is none."""
    if text.isprintable():
        return None
    found = _pattern(_HIDDEN).search(text)
    return None if found is None else _escape(found)


def what_is(escaped: str) -> str:
    """``\\x1b`` -> "a control character (\\x1b)"; ``\\u202e`` -> "a bidi control (\\u202e),
    which reorders the text around it"."""
    if escaped.startswith("\\u"):
        return f"a bidi control ({escaped}), which reorders the text around it"
    return f"a control character ({escaped})"


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
