"""``ladder form``: the questionnaire as a browser form for a rater who installs nothing;
one form to a file, or one per rater into a folder with the list of what was sent.

No ``from __future__ import annotations``: Typer reads these annotations at run time.
"""

import contextlib
import errno
import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from laddercli.cli.application import Application, today
from laddercli.cli.errors import errors
from laddercli.cli.options import flag, output_name, role_option, target_argument
from laddercli.cli.root import app, examples
from laddercli.errors import UsageError
from laddercli.visible import visible, visible_name

if TYPE_CHECKING:
    from laddercli.assessment.collect import Sent, SentForm
    from laddercli.assessment.questions import Questionnaire
    from laddercli.render.form import Form
    from laddercli.views.form import Who

FORM_HELP = (
    "Make a browser form of the questionnaire, for a rater who installs nothing.\n\n"
    "One HTML page, with nothing to fetch: the rater opens it (offline too), answers, and "
    "downloads an answers file to send back, which ladder report reads. The questions ask "
    "about the person rated. With -o FILE.html, one form; with -o naming a folder, one "
    "form per --rater (or --count N forms with no rater name), and the list of forms sent "
    "in the folder's sent.json. A form is for one rater only: its answers count once.\n\n"
    + examples(
        "ladder form cto --person Dana --group manager --rater Sam -o sam.html",
        "ladder form cto --person Dana --group peer --rater Ana --rater Wei -o f/",
        "ladder form cto --person Dana --group direct-report --count 5 -o f/",
    )
)
WRONG_SUFFIXES = (".json", ".yaml", ".yml", ".md", ".txt", ".pdf")
MAX_COUNT = 100
CountOption = Annotated[
    Optional[int],  # noqa: UP045
    typer.Option(
        "--count",
        metavar="N",
        help="With a folder: N forms with no rater name, one for each rater of the group (a "
        "form is for one rater only). Not with --rater.",
        show_default=False,
    ),
]
ForceFlag = Annotated[
    bool,
    flag(
        "--force",
        help="Write over the form file that exists (-o FILE.html); in a folder, make a new "
        "form for a rater who has one, in its place, while no answers to it are back.",
    ),
]
ONE_RATER = "a form's answers count once"


@app.command(help=FORM_HELP)
def form(
    ctx: typer.Context,
    target: Annotated[str, target_argument("The role the person is assessed for, such as cto.")],
    source: Annotated[
        Optional[str],  # noqa: UP045
        role_option("--from", "The role the person is in now. Default: the only one."),
    ] = None,
    person: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--person",
            metavar="NAME",
            help="Whose readiness is rated (needed).",
            show_default=False,
        ),
    ] = None,
    group: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--group",
            metavar="GROUP",
            help="The raters' group (needed): self, manager, peer, direct-report or other, or "
            "one the role file declares.",
            show_default=False,
        ),
    ] = None,
    raters: Annotated[
        Optional[list[str]],  # noqa: UP045
        typer.Option(
            "--rater",
            metavar="NAME",
            help="Who answers (shown on the form, kept in the answers). Repeat it with a "
            "folder for one form each. Without it, the form names no rater, and counts as "
            "its own rater.",
            show_default=False,
        ),
    ] = None,
    count: CountOption = None,
    evidence: Annotated[
        bool, flag("--evidence", help="Ask for a note of evidence with each question.")
    ] = False,
    output: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--output",
            "-o",
            metavar="PATH",
            callback=output_name,
            help="FILE.html for one form (needed); or a folder (one that exists, or a name "
            "ending in /) for one form per --rater, with the list of forms sent in sent.json.",
            show_default=False,
        ),
    ] = None,
    force: ForceFlag = False,
) -> None:
    """Write one form, or one form per rater into a folder with sent.json."""
    run = Application.of(ctx)
    with errors():
        if person is None or group is None or output is None:
            raise UsageError(
                "ladder form needs --person (whom it is about), --group (the raters' group) "
                "and -o (FILE.html, or a folder): such as\n"
                '  ladder form cto --person "Dana Lee" --group peer --rater "Ana Ruiz" -o ana.html'
            )
        names = _check_names(person, raters or [])
        if count is not None:
            names = _counted(count, raters, group, _is_folder(output))
        from laddercli.assessment.questions import build_questionnaire, named_path

        q = build_questionnaire(named_path(run.catalog(), source, target))
        whos = _whos(q, person.strip(), group.strip(), names)
        if _is_folder(output):
            _make_in_folder(run, q, whos, Path(output), evidence=evidence, force=force)
        elif len(whos) > 1:
            raise UsageError(
                "several --rater make one form each: name a folder with -o, such as -o forms/"
            )
        else:
            _make_one(run, q, whos[0], output, evidence=evidence, force=force)


def _check_names(person: str, raters: list[str]) -> list[str | None]:
    """The raters' names, checked as assess checks them; [None] for none."""
    from laddercli.assessment.raters import is_others, name_key, name_problem

    for option, name in [("--person", person)] + [("--rater", r) for r in raters]:
        problem = name_problem(name)
        if problem == "is blank":
            raise UsageError(f"{option} needs a name")
        if problem is not None:
            raise UsageError(f"{option} {problem}; give the name as plain text on one line")
    seen: set[str] = set()
    for name in raters:
        if is_others(name):
            raise UsageError(
                f"--rater {name} is the name reports give the combined view of the raters "
                "other than self; choose another name, such as peer-1"
            )
        if name_key(name) in seen:
            raise UsageError(f"--rater {name} is named twice: each rater gets one form")
        seen.add(name_key(name))
    return [r.strip() for r in raters] or [None]


def _counted(count: int, raters: list[str] | None, group: str, folder: bool) -> list[str | None]:
    """``--count N``: N forms with no rater name, into a folder."""
    if raters:
        raise UsageError(
            "--count makes forms with no rater name, and --rater one form per rater named: "
            "give one or the other"
        )
    if not 1 <= count <= MAX_COUNT:
        raise UsageError(f"--count {count}: give a number of forms from 1 to {MAX_COUNT}")
    if count > 1 and group.strip() == "self":
        raise UsageError("--count: the group self has one form, the person's own")
    if count > 1 and not folder:
        raise UsageError(
            f"--count {count} makes {count} forms: name a folder with -o, such as -o forms/"
        )
    return [None for _ in range(count)]


def _whos(q: "Questionnaire", person: str, group: str, raters: list[str | None]) -> list["Who"]:
    """One ``Who`` per form, the group checked against the path's groups and each rater."""
    from laddercli.assessment.answers import group_problem
    from laddercli.assessment.groups import SELF, group_rules
    from laddercli.assessment.raters import rater_name
    from laddercli.views.form import Who

    known = group_rules(q.assessment.groups)
    whos = []
    for rater in raters:
        name = rater_name(rater) if rater is not None else None
        counted_as = name if name is not None else (SELF if group == SELF else f"{group}-form")
        problem = group_problem(group, known, counted_as)
        if problem is not None:
            raise UsageError(f"--group {problem}")
        whos.append(Who(person, group, name))
    return whos


def _is_folder(output: str) -> bool:
    return output.endswith(("/", os.sep)) or (output != "-" and Path(output).is_dir())


def _view(q: "Questionnaire", who: "Who", *, evidence: bool) -> tuple["Form", str]:
    from laddercli.assessment.groups import group_rules
    from laddercli.render.form import form_html
    from laddercli.views.form import form_view, new_form_id

    rule = group_rules(q.assessment.groups)[who.group]
    made = form_view(q, who, new_form_id(), rule, evidence=evidence)
    return made, form_html(made)


def _not_in_a_folder_of_forms(output: Path) -> None:
    """A single form is not made into a folder that holds a list of forms sent: written
    there, it would be missing from the list, or replace a listed form behind its back."""
    folder = output.parent
    try:
        listed = any(p.name.casefold() == "sent.json" for p in folder.iterdir())
    except OSError:
        return
    if listed:
        shown = visible(str(folder))
        raise UsageError(
            f"{shown} holds a list of forms sent (sent.json): make its forms with -o {shown}/ "
            "and --rater, so that the list stays true"
        )


def _make_one(
    run: Application, q: "Questionnaire", who: "Who", output: str, *, evidence: bool, force: bool
) -> None:
    if output.lower().endswith(WRONG_SUFFIXES):
        raise UsageError(f"-o {visible(output)}: a form is a web page; name it FILE.html")
    if output != "-":
        from laddercli.render.output import check_output

        _not_in_a_folder_of_forms(Path(output))
        check_output(Path(output), run.inputs(), new=not force)
    made, page = _view(q, who, evidence=evidence)
    run.write_text(page, output, new=not force)
    if output != "-":
        run.terminal.say(
            f"Wrote the form {made.id} ({_for(who)}, {q.title}, {_size(q)}) to {output}. "
            f"Send it to that rater alone ({ONE_RATER}): they open it in a browser, answer, "
            "and send back the answers file it downloads "
            f"({made.download_name}). Then:"
        )
        run.terminal.echo(visible(f"  {run.ladder('report ' + made.download_name)}"))


def _size(q: "Questionnaire") -> str:
    """``21 questions, then the pitfalls``: as the form counts them."""
    from laddercli.views.figures import counted

    return counted(len(q.questions), "question") + (", then the pitfalls" if q.pitfalls else "")


def _for(who: "Who") -> str:
    from laddercli.assessment.groups import SELF

    if who.group == SELF:
        return f"for {who.person} to answer about themselves"
    if who.rater is None:
        return f"about {who.person}, for the group {who.group}"
    return f"about {who.person}, for {who.rater} ({who.group})"


def _make_in_folder(
    run: Application,
    q: "Questionnaire",
    whos: list["Who"],
    folder: Path,
    *,
    evidence: bool,
    force: bool,
) -> None:
    """One form per rater in ``folder``, then the list of forms sent, merged with the one
    there. Under the folder's lock (runs at once each add their forms to the list): the
    list is read, each form's file name chosen and checked, and only then is anything
    written."""
    from laddercli.render.output import check_output, write_file
    from laddercli.views.form import SENT_FILE, sent_entry, sent_list

    if folder.exists() and not folder.is_dir():
        raise UsageError(f"-o {visible(str(folder))} is a file, not a folder")
    made = [_view(q, who, evidence=evidence) for who in whos]
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError(f"cannot make the folder {visible(str(folder))}: {exc.strerror}") from None
    sent_path = folder / SENT_FILE
    with _locked(folder):
        existing = _read_sent(sent_path, run)
        places = _places(folder, existing, whos, [view.id for view, _ in made], force=force)
        for name, old in places:
            check_output(folder / name, run.inputs(), new=not _replaces(name, old))
        entries = [
            sent_entry(view, who, name, today())
            for who, (view, _), (name, _) in zip(whos, made, places, strict=True)
        ]
        replaced = [old for _, old in places if old is not None]
        sent = sent_list(existing, q, whos[0].person, entries, {f.form for f in replaced})
        written: list[Path] = []
        try:
            for (_, page), (name, old) in zip(made, places, strict=True):
                write_file(folder / name, page, inputs=run.inputs(), new=not _replaces(name, old))
                if not _replaces(name, old):
                    written.append(folder / name)
            import json

            write_file(sent_path, json.dumps(sent, indent=2, ensure_ascii=False) + "\n")
        except BaseException:
            for path in written:  # a form not in the list is not left behind
                with contextlib.suppress(OSError):
                    path.unlink()
            raise
    total = sum(1 for f in sent["forms"] if f["group"] == whos[0].group)
    few = _few(q, whos[0].group, total, total - len(whos) + len(replaced))
    _say_made(run, q, whos, [name for name, _ in places], folder, few, replaced)


@contextlib.contextmanager
def _locked(folder: Path) -> Iterator[None]:
    """The folder's lock (a hidden file, which ladder report leaves out), held while its
    list of forms is read and written: two runs at once never lose each other's forms."""
    from laddercli.errors import OutputError
    from laddercli.views.form import SENT_LOCK

    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows: no lock
        yield
        return
    flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(folder / SENT_LOCK, flags, 0o600)
    except OSError as exc:
        shown = visible(str(folder / SENT_LOCK))
        raise OutputError(f"cannot write {shown}: {exc.strerror or exc}") from None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
        except OSError as exc:  # a file system with no locks: one run at a time, then
            if exc.errno not in (errno.ENOLCK, errno.EOPNOTSUPP, errno.EINVAL):
                raise OutputError(f"cannot lock {visible(str(folder))}: {exc.strerror}") from None
        yield
    finally:
        os.close(fd)


def _places(
    folder: Path, existing: "Sent | None", whos: list["Who"], ids: list[str], *, force: bool
) -> list[tuple[str, "SentForm | None"]]:
    """Each form's file name, and the form it replaces (--force, the same rater's), if
    any. A name another form has (listed, made in this run, or a file in the folder) gets
    the form's id added: a form is never written over another rater's. A rater who has a
    form already is refused, but with --force, and never once their answers are back."""
    from laddercli.views.form import form_file_name

    listed = existing.forms if existing is not None else ()
    used = {f.file for f in listed}
    places: list[tuple[str, SentForm | None]] = []
    for who, form_id in zip(whos, ids, strict=True):
        old = _same_rater(folder, listed, who, force=force)
        if old is not None and _plain(old.file):
            places.append((old.file, old))  # written over: the same rater's form
            continue
        name = form_file_name(who, form_id)
        if name in used or os.path.lexists(folder / name):
            name = f"{name.removesuffix('.html')}-{form_id}.html"
        used.add(name)
        places.append((name, old))
    return places


def _replaces(name: str, old: "SentForm | None") -> bool:
    """Whether the form file ``name`` is written over the same rater's old form."""
    return old is not None and name == old.file


def _same_rater(
    folder: Path, listed: "tuple[SentForm, ...]", who: "Who", *, force: bool
) -> "SentForm | None":
    """The form listed for this rater (by name, in any case or Unicode form), which
    --force replaces; refused without it, in another group, or once answered."""
    from laddercli.assessment.raters import name_key

    if who.rater is None:
        return None
    old = next(
        (f for f in listed if f.rater is not None and name_key(f.rater) == name_key(who.rater)),
        None,
    )
    if old is None:
        return None
    shown = visible(f"{who.rater} already has a form in {folder} ({old.file}")
    if old.group != who.group:
        raise UsageError(
            f"{shown}, for the group {visible(old.group)}): a rater answers once, in one "
            "group (if this is someone else, give them a name of their own)"
        )
    if not force:
        raise UsageError(
            f"{shown}): ladder makes one form per rater; add --force to make them a new one "
            "in its place (while no answers to it are back)"
        )
    back = _answers_back(folder, old.form)
    if back is not None:
        raise UsageError(
            visible(
                f"the answers to {who.rater}'s form {old.form} are back ({folder / back}): "
                "ladder does not make a new form in its place, which would leave those "
                "answers unlisted; to have them answer again, move that file out of the "
                "folder first"
            )
        )
    return old


def _plain(name: str) -> bool:
    """A file name of the list that names a form file in the folder itself."""
    return (
        name.startswith("form-")
        and name.endswith(".html")
        and "/" not in name
        and os.sep not in name
        and not any(ord(c) < 32 for c in name)
    )


def _answers_back(folder: Path, form_id: str) -> str | None:
    """The name of an answers file in ``folder`` that holds the form id, if any (read as
    text: a file ladder report would refuse still holds the answers)."""
    from laddercli.assessment.collect import answers_files

    for path in answers_files(folder, str(folder)):
        try:
            with path.open("rb") as fh:
                if form_id.encode("ascii") in fh.read(1 << 20):
                    return path.name
        except OSError:
            continue
    return None


def _few(q: "Questionnaire", group: str, forms: int, before: int) -> str | None:
    """A note when a group shown without names has fewer forms than it is shown from: its
    answers would be merged with other small groups', or left out of the report; or, when
    the folder held forms for the group already (``before``), how many it has now."""
    from laddercli.assessment.groups import group_rules
    from laddercli.views.figures import counted

    rule = group_rules(q.assessment.groups)[group]
    if not rule.anonymous or forms >= rule.minimum:
        if before > 0:
            return (
                f"Note: {rule.label} now has {counted(forms, 'form')} in this folder "
                f"({before} made before); ladder report counts them all as sent."
            )
        return None
    return (
        f"Note: {counted(forms, 'form')} for {rule.label}, which a report shows only from "
        f"{rule.minimum} answers: with fewer, they are merged with other small groups into "
        "Others (shown from 3 answers in all), or left out. Make more forms for the group, "
        "or choose another group for these raters."
    )


def _read_sent(path: Path, run: Application) -> "Sent | None":
    """``sent.json`` as ``ladder report DIR`` reads it (every problem with its line and
    field), or None where there is none."""
    import os

    from laddercli.assessment.collect import read_sent

    if not os.path.lexists(path):
        return None
    return read_sent(path, visible(str(path)), run.catalog())


def _say_made(
    run: Application,
    q: "Questionnaire",
    whos: list["Who"],
    files: list[str],
    folder: Path,
    few: str | None,
    replaced: "list[SentForm]",
) -> None:
    import shlex

    from laddercli.render.cells import cell_len

    run.terminal.say(
        f"Made {len(files)} form{'s' if len(files) != 1 else ''} about {whos[0].person} "
        f"({q.title}, {_size(q)}) in {folder}:"
    )
    lines = []
    rows = [
        (who.group, who.rater or "(no name)", name) for who, name in zip(whos, files, strict=True)
    ]
    widths = [max(cell_len(row[i]) for row in rows) for i in (0, 1)]
    for group, rater, name in rows:
        pad = [" " * (widths[i] - cell_len(text)) for i, text in enumerate((group, rater))]
        lines.append(f"  {group}{pad[0]}  {rater}{pad[1]}  {name}")
    run.terminal.echo(visible("\n".join(lines)))
    for old in replaced:
        run.terminal.say(
            visible(
                f"Replaced {old.rater}'s form {old.form} (made {old.made or 'before'}): "
                "send them the new one; answers to the old one would count as not in the "
                "list."
            )
        )
    if few:
        run.terminal.say(few)
    run.terminal.say(
        f"The list of forms sent is in {folder / 'sent.json'}. Send each rater their own "
        f"form, to no one else ({ONE_RATER}); put the answers files they send back in the "
        "folder, then:"
    )
    run.terminal.echo(visible_name(f"  {run.ladder('report ' + shlex.quote(str(folder)))}"))
