"""Rater groups and anonymity floors: who a response counts as, and which responses a
report of several raters may show.

Each answers file says its group (``group: self | manager | peer | direct-report |
other``, or a group the role file's ``assessment`` section declares). A file without one
is placed by its rater: ``self`` is self, ``manager`` the manager group, a rater named
``peer…`` or ``direct…`` that group, anyone else ``other``.

Built in, self and manager are shown from 1 response, peer, direct-report and other from
3, all of equal weight; the role file may change a group's label, minimum and weight, or
declare groups of its own. The floors (``apply_floors``):

- self and the manager group are shown by name (a manager group under its minimum is
  withheld);
- every other group is anonymous: shown as a group, without names, when it has at least
  its minimum of responses;
- the small ones are merged into "Others"; if that is still under 3 responses, they are
  withheld: they count in no figure shown.

A facilitator's report (``named``) shows every response, by name, and withholds nothing.

Light on purpose: no YAML, no role model (the declared groups are read by their fields).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Generic, NamedTuple, Protocol, TypeVar

SELF = "self"
MANAGER = "manager"
PEER = "peer"
DIRECT_REPORT = "direct-report"
OTHER = "other"
MERGED = "others"  # the small anonymous groups, merged
MERGED_LABEL = "Others"
FLOOR = 3  # the fewest responses an anonymous group is shown with, merged or not
NAMED_GROUPS = (SELF, MANAGER)  # shown by name; every other group is anonymous


class GroupRule(NamedTuple):
    """A group of raters: how it is called, from how many responses it is shown, and how
    much it weighs in the combined score."""

    id: str
    label: str
    minimum: int
    weight: float

    @property
    def anonymous(self) -> bool:
        return self.id not in NAMED_GROUPS


BUILT_IN: tuple[GroupRule, ...] = (
    GroupRule(SELF, "Self", 1, 1.0),
    GroupRule(MANAGER, "Manager", 1, 1.0),
    GroupRule(PEER, "Peers", FLOOR, 1.0),
    GroupRule(DIRECT_REPORT, "Direct reports", FLOOR, 1.0),
    GroupRule(OTHER, "Other", FLOOR, 1.0),
)


class Declared(Protocol):
    """A group as the role file declares it (``model.RaterGroup``)."""

    @property
    def id(self) -> str: ...
    @property
    def label(self) -> str | None: ...
    @property
    def minimum(self) -> int | None: ...
    @property
    def weight(self) -> float | None: ...


def group_rules(declared: Iterable[Declared] = ()) -> dict[str, GroupRule]:
    """The groups of a path: the built-in ones, changed or added to by the role file's."""
    rules = {rule.id: rule for rule in BUILT_IN}
    for group in declared:
        base = rules.get(group.id, GroupRule(group.id, group.id, FLOOR, 1.0))
        rules[group.id] = GroupRule(
            group.id,
            group.label or base.label,
            base.minimum if group.minimum is None else group.minimum,
            base.weight if group.weight is None else group.weight,
        )
    return rules


def inferred_group(rater: str) -> str:
    """The group of a file that does not say one, from its rater's name."""
    name = rater.strip().casefold()
    if name in (SELF, MANAGER):
        return name
    if name.startswith(PEER):
        return PEER
    if name.startswith("direct"):
        return DIRECT_REPORT
    return OTHER


T = TypeVar("T")


class Shown(NamedTuple, Generic[T]):
    """A group as a report shows it, and its responses."""

    rule: GroupRule
    members: tuple[T, ...]


class Floored(NamedTuple, Generic[T]):
    shown: tuple[Shown[T], ...]  # in the order of the rules, the merged "Others" last
    withheld: tuple[T, ...]
    why: str | None  # why they are withheld, for the report; None when none is


def apply_floors(
    responses: Sequence[tuple[str, T]], rules: dict[str, GroupRule], *, named: bool = False
) -> Floored[T]:
    """Which (group, response) pairs are shown, in which groups, and which are withheld."""
    by_group: dict[str, list[T]] = {rule_id: [] for rule_id in rules}
    for group, response in responses:
        by_group.setdefault(group, []).append(response)
    shown: list[Shown[T]] = []
    small: list[tuple[GroupRule, list[T]]] = []
    withheld: list[T] = []
    reasons: list[str] = []
    for group_id, members in by_group.items():
        rule = rules[group_id]
        if not members:
            continue
        if named or group_id == SELF or len(members) >= rule.minimum:
            shown.append(Shown(rule, tuple(members)))
        elif rule.anonymous:
            small.append((rule, members))
        else:
            withheld += members
            reasons.append(
                f"{rule.label.lower()}: {len(members)} of the {rule.minimum} responses "
                "it is shown from"
            )
    pooled = [m for _, members in small for m in members]
    if len(pooled) >= FLOOR:
        weight = sum(rule.weight for rule, _ in small) / len(small)
        shown.append(Shown(GroupRule(MERGED, MERGED_LABEL, FLOOR, weight), tuple(pooled)))
    elif pooled:
        withheld += pooled
        # Several groups withheld together are not named: set beside a later report, in
        # which they make "Others", their names would say which groups "Others" holds.
        labels = small[0][0].label.lower() if len(small) == 1 else "groups shown without names"
        reasons.append(
            f"{labels}: {len(pooled)} {'response' if len(pooled) == 1 else 'responses'}, "
            f"fewer than the {FLOOR} a group of raters is shown from without names, even "
            "merged"
        )
    return Floored(tuple(shown), tuple(withheld), "; ".join(reasons) or None)
