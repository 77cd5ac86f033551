"""Figures and bands as every view words them: numbers, changes, counts, a rating, and the
readiness bands (what each means, the readiness it covers, and what "Ready now" needs
beyond its floor), written once here for the reports, the history and the CLI."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # light to import: the prompts and the CLI count things with it
    from laddercli.assessment.scoring import ItemScore, Result

NOTHING = "—"  # a figure's place when there is no figure


def number(value: float | None) -> str:
    """A score or weight as text: ``66.7``, ``100``, ``3``; a dash for nothing."""
    if value is None:
        return NOTHING
    return f"{value:.1f}".removesuffix(".0")


def signed(value: float | None) -> str:
    """A change or difference as text, as ``number`` writes it, with its sign: ``+16.7``,
    ``-1.5``, ``+1``; ``0`` for none; a dash for nothing."""
    if value is None:
        return NOTHING
    text = f"{value:+.1f}".removesuffix(".0")
    return "0" if text in ("+0", "-0") else text


def counted(count: int, noun: str, plural: str | None = None) -> str:
    """A number and its noun, singular or plural: ``1 point``, ``2 points``, ``0 answers``."""
    return f"{count:,} {noun if count == 1 else plural or noun + 's'}"


def rating_text(item: ItemScore) -> str:
    """One rating as a report shows it: ``3``, ``n/a``, ``skipped``, ``not answered``."""
    if item.rating is None:
        return "skipped" if item.skipped else "not answered"
    if not item.rated:
        return "n/a"
    return number(item.value)


# --- the readiness bands ------------------------------------------------------------------

BAND_MEANINGS = {
    "Ready now": "ready for the role today",
    "Nearly ready": "a few gaps to close",
    "Developing": "a clear direction, with real gaps to close",
    "Early": "the path starts here",
}


def band_range(name: str) -> str:
    """The readiness a band covers, in words: "85 or more", "65 to 84.9", "under 40"."""
    from laddercli.assessment.scoring import BANDS

    floors = [floor for floor, _ in BANDS]
    names = [n for _, n in BANDS]
    i = names.index(name)
    low = f"{floors[i]:g}"
    if i == 0:
        return f"{low} or more"
    if i == len(BANDS) - 1:
        return f"under {floors[i - 1]:g}"
    return f"{low} to {floors[i - 1] - 0.1:g}"


SELF_RATED = "self-rated"


def self_rated(result: Result) -> bool:
    """Whether the answers are the person's own (rater: self)."""
    from laddercli.assessment.raters import DEFAULT_RATER

    return result.answers.rater == DEFAULT_RATER


def band_shown(result: Result, *, alone: bool = False) -> str:
    """The band, whether too few questions are answered for it to say much, and, for the
    only answers of a report (``alone``) that are the person's own, that it is self-rated:
    ``Nearly ready; self-rated``."""
    shown = f"{result.band}; incomplete" if result.confidence.incomplete else str(result.band)
    return f"{shown}; {SELF_RATED}" if alone and self_rated(result) else shown


def readiness_shown(result: Result) -> str:
    """``68.6 (Nearly ready)``, or ``not rated``."""
    if result.readiness is None:
        return "not rated"
    return f"{number(result.readiness)} ({band_shown(result)})"


def band_text(result: Result, *, too_few: frozenset[str] = frozenset()) -> str:
    """What the band means, and the readiness it covers; for a readiness at the floor of
    "Ready now" in a lower band, what "Ready now" needs beyond its floor, and what is
    missing. ``too_few``: the questions an anonymous group's figures leave out, too few
    of it having rated them, said as such rather than as not answered."""
    from laddercli.assessment.scoring import BANDS, READY

    name = result.band or ""
    text = f"{name} is {band_range(name)} out of 100: {BAND_MEANINGS.get(name, '')}."
    ready_floor = BANDS[0][0]
    if name == READY or (result.readiness or 0) < ready_floor:
        return text
    floor = result.target - 1
    indicators = [i for i in result.items if i.question.kind == "indicator"]
    low = [i.question.text for i in indicators if i.rated and i.value < floor]
    missing = [i for i in indicators if i.rating is None]
    skipped = [i.question.text for i in missing if i.id not in too_few]
    few = [i.question.text for i in missing if i.id in too_few]
    reasons = []
    if low:
        reasons.append(f"rated under {floor}: {'; '.join(low)}")
    if skipped:
        reasons.append(f"not answered: {'; '.join(skipped)}")
    if few:
        reasons.append(f"rated by too few of the group to count: {'; '.join(few)}")
    return (
        f"{number(ready_floor)} or more, but {READY} also needs every readiness indicator "
        f"answered and rated {floor} or above. "
        + " ".join(r[0].upper() + r[1:] + "." for r in reasons)
    )
