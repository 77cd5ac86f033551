"""Who rates: ``self``, or a manager or peer rating a person; and the options that keep a
command to one of them. Light on purpose: ``ladder history`` and the command line import it
without the role model or YAML."""

from __future__ import annotations

DEFAULT_RATER = "self"
OTHERS = "others"  # the combined view of the raters other than self, in a report of several


def is_others(name: str) -> bool:
    """Whether a rater's name is the one the combined view goes by (in any case and any
    Unicode form, as ``name_key`` compares names): a rater cannot have it."""
    return name_key(name) == OTHERS


# Characters a name may hold though they are format characters (Unicode category Cf): the
# zero-width joiner and non-joiner, which some scripts (Persian, Indic scripts) and emoji
# need to be written correctly.
_JOINERS = frozenset("\u200c\u200d")
_LINE_BREAKS = frozenset("\n\r\x0b\x0c\x85\u2028\u2029")


def name_problem(name: str) -> str | None:
    """Why ``name`` cannot be a rater's or a person's name; None if it can.

    A name is one line of plain text that shows as what it is: it is shown in reports, in
    the history and in messages, and goes into file names. So it holds no line break (one
    would forge lines of a report), no control character, and no invisible format
    character (U+200B, U+FEFF, the bidi controls, tag characters...; "Dana Lee" and
    "Dana\u200b Lee" would look the same and be two people) but the joiners some scripts
    need. The answer is what the name holds, for a message: "holds a line break (\\n)".
    """
    if not name.strip():
        return "is blank"
    if name.isprintable():  # the common case: no controls, format characters or breaks
        return None
    import unicodedata  # a built-in module; not at start-up all the same

    from laddercli.visible import escaped_in_name as escaped

    for char in name:
        if char in _LINE_BREAKS:
            return f"holds a line break ({escaped(char)})"
        kind = unicodedata.category(char)
        if kind == "Cc":
            return f"holds a control character ({escaped(char)})"
        if kind == "Cs":
            return f"holds a lone surrogate ({escaped(char)}), which is not text"
        if kind == "Cf" and char not in _JOINERS:
            if "\u202a" <= char <= "\u202e" or "\u2066" <= char <= "\u2069":
                return f"holds a bidi control ({escaped(char)}), which reorders the text around it"
            return f"holds an invisible character ({escaped(char)})"
    return None


def name_key(name: str) -> str:
    """What two names must share to be one person: the name in any case and any Unicode
    form (``Dana Lee``, ``DANA LEE`` and ``Ｄａｎａ Ｌｅｅ`` are one person; ``Dana-Lee``
    another)."""
    import unicodedata  # a built-in module; not at start-up all the same

    folded = unicodedata.normalize("NFKC", name.strip()).casefold()
    return unicodedata.normalize("NFKC", folded)


def rater_name(name: str) -> str:
    """A rater's name as given, but ``self`` in any case is ``self``: the one name that
    means something (a self-assessment, set beside the others' view)."""
    name = name.strip()
    return DEFAULT_RATER if name_key(name) == DEFAULT_RATER else name


def who_args(rater: str | None, person: str | None) -> tuple[str, ...]:
    """The options of a command to copy that keep to one rater (other than self) and one
    person, as arguments: ``("--rater", "manager", "--person", "Dana Lee")``, or none."""
    args: tuple[str, ...] = ()
    if rater and rater_name(rater) != DEFAULT_RATER:
        args += ("--rater", rater)
    if person:
        args += ("--person", person)
    return args


def who_options(rater: str | None, person: str | None) -> str:
    """``who_args`` as text to add to a command: `` --rater manager --person 'Dana Lee'``,
    or nothing."""
    import shlex  # not at start-up, where the command line imports this module

    from laddercli.visible import visible_name

    # shown, never run: a name from the history may hold a line break
    return visible_name("".join(f" {shlex.quote(a)}" for a in who_args(rater, person)))
