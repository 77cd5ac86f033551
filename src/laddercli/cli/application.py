"""The per-run state of ``ladder``: one ``Application``, made by the root callback and kept in
Typer's context (``ctx.obj``), as hatch does. It holds the role folders, the --roles to
repeat in hints, the answers files this run has read, the catalog (loaded once), the stop
signals and the terminal, and it emits what a command shows."""

import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from laddercli.assessment.stopping import Stopping
from laddercli.cli.terminal import Terminal
from laddercli.errors import LadderError
from laddercli.render.output import OutputFormat
from laddercli.visible import visible

if TYPE_CHECKING:
    from laddercli.assessment.answers import Answers
    from laddercli.assessment.questions import Questionnaire
    from laddercli.assessment.scoring import Result
    from laddercli.history.progress import Since
    from laddercli.render.document import Block
    from laddercli.roles.catalog import Catalog

FORMAT_NAMES = {
    OutputFormat.text: "text",
    OutputFormat.markdown: "Markdown",
    OutputFormat.json: "JSON",
    OutputFormat.html: "HTML",
}


class Application:
    """One run of ``ladder``."""

    def __init__(self, roles: "list[Path] | None" = None) -> None:
        # The --roles folders, so that a hint such as "ladder show director" names them too
        # and works when copied (LADDER_ROLES needs nothing: it stays set), and -o knows the
        # role files in use (see inputs).
        self.hint_roles = [str(r) for r in roles or []]
        # The answers files this run has read (0: standard input): -o never writes over one.
        self.read: list[Path | int] = []
        self.stopping = Stopping()
        self.terminal = Terminal(self.stopping, self.ladder)
        self._catalog: Catalog | None = None

    @classmethod
    def of(cls, ctx: typer.Context) -> "Application":
        """The run's Application, from the root context; made from the root's parameters
        while the shell completes an argument (when the root callback does not run)."""
        root = ctx.find_root()
        if not isinstance(root.obj, Application):
            root.obj = cls(root.params.get("roles"))
        return root.obj

    # --- roles --------------------------------------------------------------------------

    def role_dirs(self) -> list[Path]:
        """The user's role folders: LADDER_ROLES, then the root's --roles options."""
        from laddercli.roles.files import user_role_dirs

        return user_role_dirs([Path(p) for p in self.hint_roles])

    def catalog(self) -> "Catalog":
        if self._catalog is None:
            from laddercli.roles.catalog import load_catalog

            self._catalog = load_catalog(self.role_dirs())
        return self._catalog

    # --- files --------------------------------------------------------------------------

    def inputs(self) -> Iterator[Path | int]:
        """The files this run reads or keeps, which -o must never write over, whichever the
        command: the history (and its side files), its answers files (standard input too,
        when it is a file), and every role file in use, found by listing the role folders
        (a command that never loads the roles is no exception). Looked at only when the -o
        file exists, and compared by device and inode."""
        import contextlib

        from laddercli.history.store import database_path
        from laddercli.roles.files import builtin_roles_dir, role_files

        yield from self.read
        with contextlib.suppress(LadderError):  # a folder that is not there holds nothing
            db = database_path()
            yield from (db, db.with_name(f"{db.name}-wal"), db.with_name(f"{db.name}-shm"))
            yield from role_files(builtin_roles_dir())
            for folder in self.role_dirs():
                yield from role_files(folder)

    def read_answers(
        self,
        file: str,
        source: str | None = None,
        target: str | None = None,
        *,
        regular: bool = False,
        display: str | None = None,
    ) -> "tuple[Questionnaire, Answers]":
        """An answers file (YAML or JSON; - for standard input), checked against the roles.
        ``regular``: a file found in a folder's listing, refused if it is no longer a
        regular file (see ``yamlsafe.read_text``). ``display``: the file as messages name
        it, if not as ``file``."""
        from laddercli.assessment.answers import KIND, load_answers, parse_answers
        from laddercli.roles import yamlsafe

        if file == "-":  # as a file is read: at most 1 MiB, and UTF-8 whatever the locale
            self.read.append(0)
            try:
                text = yamlsafe.read_stream(sys.stdin.buffer, "<stdin>", KIND)
            except OSError as exc:
                raise LadderError(f"cannot read standard input: {exc.strerror or exc}") from None
            doc = parse_answers(text, "<stdin>")
        else:
            self.read.append(Path(file))
            doc = yamlsafe.load_file(Path(file), display or file, KIND, regular=regular)
        return load_answers(doc, self.catalog(), source=source, target=target)

    def check_output(self, fmt: OutputFormat | None, output: str | None) -> None:
        """Refuse, before any work is done, an output that must not be written: a format
        that does not fit, a file this run reads, a read-only file."""
        from laddercli.render.output import check_output, choose_format

        choose_format(fmt, output)
        if output not in (None, "-"):
            check_output(Path(output), self.inputs())

    # --- hints --------------------------------------------------------------------------

    def ladder(self, args: str) -> str:
        """``ladder ARGS`` as a command to copy, with this run's --roles."""
        import shlex

        roles = "".join(f"--roles {shlex.quote(r)} " for r in self.hint_roles)
        return "ladder " + roles + args

    def program(self) -> tuple[str, ...]:
        """How the hints' commands start in this run: ladder, with its --roles folders."""
        from laddercli.render.document import program

        return program(self.hint_roles)

    # --- output -------------------------------------------------------------------------

    def emit(
        self,
        fmt: OutputFormat | None,
        output: str | None,
        blocks: "Callable[[], list[Block]]",
        data: Callable[[], Any],
        *,
        what: str = "report",
    ) -> None:
        """Show or write ``blocks`` (``data`` for JSON); a file written is named for users
        as ``what`` it holds, in its format: "Wrote the HTML report to report.html".

        Every command's output goes through here: tests that look at the blocks shown wrap
        this method."""
        from laddercli.render.output import choose_format, to_json, writing_to

        chosen = choose_format(fmt, output)
        if chosen is OutputFormat.json:
            self.write_text(to_json(data()), output)
        elif chosen is OutputFormat.markdown:
            from laddercli.render.markdown import to_markdown

            self.write_text(to_markdown(blocks()), output)
        elif chosen is OutputFormat.html:
            from laddercli.render.html import to_html

            self.write_text(to_html(blocks()), output)
        else:
            from laddercli.render.text import render_plain, screen_of

            screen = screen_of(sys.stdout)
            if output in (None, "-") and screen.terminal:
                from laddercli.render.text import render_screen

                text = render_screen(blocks(), screen, program=self.program())
                if self.terminal.page(text):
                    return
                with writing_to("the terminal"):
                    sys.stdout.write(text)
                    sys.stdout.flush()
            else:
                width = screen.width if output in (None, "-") else 80
                self.write_text(render_plain(blocks(), width, program=self.program()), output)
        if output not in (None, "-"):
            name = FORMAT_NAMES[chosen]
            self.terminal.echo(f"Wrote the {name} {what} to {visible(output)}")

    def write_text(self, text: str, output: str | None, *, new: bool = False) -> None:
        """Write to -o (or standard output), never over a file this run reads."""
        from laddercli.render import output as out

        out.write_text(text, output, inputs=self.inputs(), new=new)

    def emit_report(
        self,
        result: "Result",
        fmt: OutputFormat | None,
        output: str | None,
        since: "Since | None" = None,
    ) -> None:
        """A one-rater report, and its headline on stderr when it went to a file."""
        from laddercli.views import report

        scored = today()
        self.emit(
            fmt,
            output,
            lambda: report.report_blocks(result, scored=scored, since=since),
            lambda: report.report_data(result, scored=scored, since=since),
        )
        if output not in (None, "-"):  # the report went to a file: its headline still shows
            self.terminal.echo(visible(report.headline_text(result)))


def today() -> str:
    from datetime import date

    return date.today().isoformat()
