"""Who rates: ``self``, or a manager or peer rating a person; and the options that keep a
command to one of them. Light on purpose: ``ladder history`` and the command line import it
without the role model or YAML."""

from __future__ import annotations

DEFAULT_RATER = "self"
OTHERS = "others"  # the combined view of the raters other than self, in a report of several


def is_others(name: str) -> bool:
    """Whether a rater's name is the one the combined view goes by (in any case and
    Unicode form): a rater cannot have it."""
    return name_key(name) == OTHERS


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


def who_options(rater: str | None, person: str | None) -> str:
    """The options of a command to copy that keep to one rater (other than self) and one
    person: `` --rater manager --person 'Dana Lee'``, or nothing."""
    import shlex  # not at start-up, where the command line imports this module

    options = ""
    if rater and rater_name(rater) != DEFAULT_RATER:
        options += f" --rater {shlex.quote(rater)}"
    if person:
        options += f" --person {shlex.quote(person)}"
    return options
