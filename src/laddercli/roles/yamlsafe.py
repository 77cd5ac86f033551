"""Read YAML that may be hostile, and point back at the line a problem is on.

Role files (and later answers files) come from users. Before anything is built from one
we check, in order: its size, that it is UTF-8 and holds only characters YAML allows; then,
in one pass over the parser's events (iterative and cheap), how deeply it nests (libyaml's
composer recurses in C and crashes the process on very deep nesting), that no mapping
repeats a key (PyYAML would keep the last one silently) and how many values it holds; that
it holds one document, and, for a document with aliases, how large its node graph becomes
once aliases and merge keys are expanded (alias and merge-key bombs fit in a kilobyte).
Only then is the document constructed, with the fast C loader, which reports a value it
cannot build (a date such as 2026-13-45, a number more than 1,000 characters long) as a
YAML error at its place.

The composed node tree is kept so that a validation error on a data path such as
``("paths", "cto", "indicators", 2)`` can be reported at ``file:line:column``.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import json
import os
import re
import stat
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, BinaryIO, NamedTuple

import yaml

from laddercli.errors import FileProblems, Problem, problems_in

MAX_FILE_BYTES = 1024 * 1024
MAX_NODES = 100_000
MAX_DEPTH = 64
MAX_NUMBER_CHARS = 1000

try:  # pragma: no cover - the PyYAML wheels ship libyaml; the fallback is for odd builds
    from yaml import CSafeLoader as _FastLoader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _FastLoader  # type: ignore[assignment]

_MERGE_TAG = "tag:yaml.org,2002:merge"
_YAML_TAG = "tag:yaml.org,2002:"
_WHAT = {
    "int": "a whole number",
    "float": "a number",
    "bool": "true or false",
    "timestamp": "a date",
}


class _Loader(_FastLoader):
    """The safe loader, refusing values it cannot build with a YAML error at their node.

    PyYAML's safe constructors let Python's own errors out for some plain scalars
    (``2026-13-45`` and ``!!int x``: ValueError; ``!!timestamp x``: AttributeError;
    ``!!bool x``: KeyError; ``1:2:...:3.5``: OverflowError), and build a number of any
    length, which takes time quadratic in its length for ``1:2:3...`` (base 60) and cannot
    be printed past 4,300 digits.
    """

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        try:
            return super().construct_object(node, deep)
        except (ArithmeticError, AttributeError, LookupError, TypeError, ValueError):
            raise yaml.constructor.ConstructorError(
                None, None, _unreadable(node), node.start_mark
            ) from None


def _unreadable(node: yaml.Node) -> str:
    tag = str(node.tag)
    what = _WHAT.get(tag.removeprefix(_YAML_TAG), tag.replace(_YAML_TAG, "!!"))
    value = str(node.value) if isinstance(node, yaml.ScalarNode) else ""
    shown = value if len(value) <= 40 else value[:37] + "..."
    return f"cannot read {shown!r} as {what}"


def _bounded(build: Any) -> Any:
    """A number constructor that refuses numbers longer than MAX_NUMBER_CHARS."""

    def construct(loader: _Loader, node: yaml.ScalarNode) -> Any:
        if len(node.value) > MAX_NUMBER_CHARS:
            message = (
                f"a number longer than {MAX_NUMBER_CHARS:,} characters (quote it if it is text)"
            )
            raise yaml.constructor.ConstructorError(None, None, message, node.start_mark)
        return build(loader, node)

    return construct


_Safe = yaml.constructor.SafeConstructor
_Loader.add_constructor(_YAML_TAG + "int", _bounded(_Safe.construct_yaml_int))
_Loader.add_constructor(_YAML_TAG + "float", _bounded(_Safe.construct_yaml_float))

Loc = Sequence[str | int]
# Field names a file may also spell the US way, as the role model reads them (model.py's
# US_SPELLINGS; kept here so that this module does not import the model)
ALSO_SPELLED = {"behaviours": "behaviors", "behaviour": "behavior"}


@dataclass(frozen=True)
class YamlDocument:
    """A parsed document: its data, and the node tree it was built from (composed from
    ``text`` only when a problem is to be located, for a document built from its events)."""

    file: str
    data: Any
    text: str = field(repr=False, compare=False)
    composed: list[yaml.Node] = field(default_factory=list, repr=False, compare=False)
    # each mapping's key/value nodes by key, built as paths are followed: a file with
    # thousands of problems is located in linear time, not quadratic
    _keys: dict[int, dict[str, tuple[yaml.Node, yaml.Node]]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )
    # whether a comment may be indented under a key at a depth (see ``_comments_under``)
    _comments_indented: dict[int, bool] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    @property
    def node(self) -> yaml.Node:
        if not self.composed:
            loader = _Loader(self.text)
            try:
                node = loader.get_single_node()
            finally:
                loader.dispose()
            if node is None:  # pragma: no cover - parse refuses an empty file
                raise ValueError(f"{self.file} holds no document")
            self.composed.append(node)
        return self.composed[0]

    def locate(self, loc: Loc, *, key: bool = False) -> tuple[int, int]:
        """1-based line and column of the node at ``loc`` (of its key, with ``key=True``).

        Follows ``loc`` as far as the document goes and answers for the deepest node
        reached, so a path into a missing field still lands on its parent.
        """
        node = self.node
        key_node: yaml.Node | None = None
        for part in loc:
            found = self._child(node, part)
            if found is None:
                key_node = None
                break
            key_node, node = found
        mark = key_node.start_mark if key and key_node is not None else node.start_mark
        return mark.line + 1, mark.column + 1

    def problem(self, loc: Loc, message: str, *, key: bool = False) -> Problem:
        line, column = self.locate(loc, key=key)
        return Problem(self.file, message, line, column, format_loc(loc))

    def commented(self, loc: Loc) -> Commented | None:
        """Where the value at ``loc`` is text on one line or more, plain or quoted (not a
        ``|`` block), followed on its last line by a comment: what YAML read, and the text up
        to the end of that line, what its writer most likely meant (``note: teams #2 and
        #3`` is read as ``teams``). None for any other value, and for one with no comment
        after it.

        An empty value (``note: #2``) is plain text too, read as null."""
        lines = self._lines_after_values
        if lines is None:
            return None
        found = self._node_at(loc)
        if found is None:
            return None
        parent, _, node = found
        if not isinstance(node, yaml.ScalarNode) or node.style not in _TEXT_STYLES:
            return None
        end = node.end_mark
        rest = _line(lines, end)[end.column :]
        if rest[:1] not in (" ", "\t") or not rest.lstrip(" \t").startswith("#"):
            return None
        hash_column = end.column + len(rest) - len(rest.lstrip(" \t"))
        flow = bool(getattr(parent, "flow_style", False))
        return Commented(
            node.value,
            (node.value + rest).strip(),
            end.line + 1,
            hash_column + 1,
            flow,
            node.style in _QUOTES,
        )

    def comment_within(self, loc: Loc) -> CommentWithin | None:
        """Where the value at ``loc`` is plain text (or empty) in a block mapping, and a
        comment YAML leaves out of it is indented under its key: on a line of its own
        before the value's first line or after its last (``note: first line`` then ``  #2
        is next``, read as ``first line``), or after the key on its line where the value
        starts on a line below (``note: #2`` then ``  is next``, read as ``is next``).
        None otherwise, and for a comment below a null written as a word (``null``, ``~``):
        a comment after one is a comment."""
        if not loc or not self._comments_under(len(loc) - 1):
            return None
        found = self._node_at(loc)
        if found is None:
            return None
        parent, key, node = found
        if (
            key is None
            or not isinstance(node, yaml.ScalarNode)
            or node.style not in (None, "")
            or getattr(parent, "flow_style", False)
        ):
            return None
        lines, column = self.lines, key.start_mark.column
        first, last = key.end_mark.line, (node.end_mark if node.value else key.end_mark).line
        if node.value and node.start_mark.line > first:  # the value starts on a line below
            after_key = _line(lines, key.end_mark)[key.end_mark.column :]
            hash_at = re.search(r"[ \t]#", after_key)
            if hash_at is not None:
                return CommentWithin(
                    node.start_mark.line + 1, node.start_mark.column + 1, first + 1
                )
            for number in range(first + 1, node.start_mark.line):
                below = _own_comment(lines[number], column)
                if below is not None:
                    return CommentWithin(number + 1, below + 1)
        if node.value and node.tag == _NULL_TAG:
            return None
        for number in range(last + 1, len(lines)):
            if lines[number].strip(" \t"):
                below = _own_comment(lines[number], column)
                return None if below is None else CommentWithin(number + 1, below + 1)
        return None

    def written(self, loc: Loc) -> str | None:
        """The text of the value at ``loc`` as written, where it is one: ``3.10`` or ``no``,
        which YAML reads as the number 3.1 and false. None for a collection, and where the
        document was not read from a text."""
        found = self._node_at(loc)
        if found is None or not isinstance(found[2], yaml.ScalarNode):
            return None
        return str(found[2].value)

    def marked(self, loc: Loc) -> tuple[str, int, int] | None:
        """Where the value at ``loc`` is written with an anchor (``&name``) or a tag
        (``!name``) before it, or is an alias (``*name``): the character (&, ! or *) and
        its place (1-based). YAML keeps none of them in the value."""
        if not self._may_be_marked:
            return None
        found = self._node_at(loc)
        if found is None or found[1] is None:
            return None
        key, node = found[1], found[2]
        start, end = node.start_mark, key.end_mark
        if (start.line, start.column) < (end.line, end.column):  # an alias: the node it names
            return _next_star(self.lines, end)  # is written before the key
        char = _line(self.lines, start)[start.column : start.column + 1]
        if char in ("&", "!"):
            return char, start.line + 1, start.column + 1
        return None

    def block_colon(self, loc: Loc) -> tuple[int, int] | None:
        """Where the value at ``loc`` is a mapping written on lines of its own (``note:``,
        then ``Led: the launch`` on the next line): the place of its first ':' (1-based)."""
        found = self._node_at(loc)
        if found is None:
            return None
        node = found[2]
        if not isinstance(node, yaml.MappingNode) or node.flow_style or not node.value:
            return None
        end = node.value[0][0].end_mark
        colon = _line(self.lines, end).find(":", end.column)
        return end.line + 1, (colon if colon >= 0 else end.column) + 1

    @cached_property
    def lines(self) -> list[str]:
        """The text's lines, as YAML counts them."""
        return _lines(self.text)

    def _node_at(self, loc: Loc) -> tuple[yaml.Node | None, yaml.Node | None, yaml.Node] | None:
        """The node at ``loc``, with the collection it is in and its key (None for the
        document, and for a list item); None where the document has no node there, or no
        text to compose one from."""
        if not self.text:
            return None
        parent: yaml.Node | None = None
        key: yaml.Node | None = None
        node = self.node
        for part in loc:
            found = self._child(node, part)
            if found is None:
                return None
            parent, (key, node) = node, found
        return parent, key, node

    @cached_property
    def _lines_after_values(self) -> list[str] | None:
        """The text's lines, where some line may hold a comment after a value; else None
        (most files: reading them composes no node tree)."""
        text = self.text
        if "#" not in text:
            return None
        if _COMMENT_AFTER.search("\n" + text) or _odd_breaks(text):
            return self.lines
        return None

    @cached_property
    def _may_be_marked(self) -> bool:
        """Whether some value may be written with an anchor, an alias or a tag."""
        return _MARKS.search(self.text) is not None

    def _comments_under(self, depth: int) -> bool:
        """Whether some comment may be indented under a key of a mapping ``depth`` levels
        deep (the key of a value at a path of ``depth + 1`` parts): a line holding something
        before a '#', or a comment on a line of its own indented further than such a key
        can be, ``depth + 1`` spaces or more (each level of a block mapping is indented
        further than the one holding it). False for most files, and for a template as
        ladder writes it (its comments are indented 2 spaces at most), whose reading then
        composes no node tree."""
        found = self._comments_indented.get(depth)
        if found is None:
            text = self.text
            found = "#" in text and (
                self._lines_after_values is not None
                or _comment_indented(depth + 1).search("\n" + text) is not None
            )
            self._comments_indented[depth] = found
        return found

    def _child(self, node: yaml.Node, part: str | int) -> tuple[yaml.Node | None, yaml.Node] | None:
        if isinstance(node, yaml.MappingNode):
            keys = self._keys.get(id(node))
            if keys is None:
                keys = {}
                for k, v in _mapping_pairs(node):
                    if isinstance(k, yaml.ScalarNode):
                        keys.setdefault(k.value, (k, v))
                self._keys[id(node)] = keys
            found = keys.get(str(part))
            if found is None and str(part) in ALSO_SPELLED:  # "behaviours", written "behaviors"
                found = keys.get(ALSO_SPELLED[str(part)])
            return found
        if isinstance(node, yaml.SequenceNode) and isinstance(part, int):
            if 0 <= part < len(node.value):
                return None, node.value[part]
        return None


class Commented(NamedTuple):
    """A value followed on its line by a comment (``YamlDocument.commented``)."""

    read: str  # the text YAML read ("" for an empty value)
    whole: str  # the text up to the end of its last line, the comment's '#' included
    line: int  # 1-based, of the '#'
    column: int
    flow: bool  # in braces or brackets, where the rest of the line may close them
    quoted: bool = False  # in quotes: the comment comes after the closing quote


class CommentWithin(NamedTuple):
    """A comment indented under the key of a plain value (``YamlDocument.comment_within``):
    where, 1-based: the '#' of a line of its own, or the value's first line where the
    comment is on its key's line (``key_line``)."""

    line: int
    column: int
    key_line: int | None = None


_QUOTES = ("'", '"')
_TEXT_STYLES = (None, "", *_QUOTES)
_NULL_TAG = "tag:yaml.org,2002:null"


def _own_comment(line: str, column: int) -> int | None:
    """The column of the '#' where ``line`` is a comment of its own, indented further than
    ``column``."""
    content = line.lstrip(" \t")
    indent = len(line) - len(content)
    return indent if content.startswith("#") and indent > column else None


def _next_star(lines: list[str], mark: Any) -> tuple[str, int, int] | None:
    """The first '*' at or after a mark, and its place (1-based)."""
    column = mark.column
    for number in range(mark.line, len(lines)):
        found = lines[number].find("*", column)
        if found >= 0:
            return "*", number + 1, found + 1
        column = 0
    return None  # pragma: no cover - an alias is written with its '*'


# A line with something before a '#': perhaps a comment after a value (or a '#' in quoted
# text, or in C#: the composed node tells which). Searched in "\n" + the text: a pattern
# that starts with a character is searched for quickly, one that starts with ^ tried at
# every place (15 against 200 microseconds in a template). Something is anything but a
# space or a tab, which alone YAML takes for blanks: a no-break space too.
_COMMENT_AFTER = re.compile(r"\n[ \t]*+[^# \t\r\n][^\n#]*+#")


@functools.cache
def _comment_indented(spaces: int) -> re.Pattern[str]:
    """A comment on a line of its own, indented ``spaces`` or more (searched in a newline
    and the text)."""
    return re.compile(rf"\n[ \t]{{{spaces},}}+#")


# Where a value may be written with an anchor, an alias or a tag: after a ':', perhaps on a
# line below (a comment between)
_MARKS = re.compile(r":\s*+(?:#[^\n]*+\s*+)*+[&*!]")


def _odd_breaks(text: str) -> bool:
    """Whether some line of ``text`` ends otherwise than with \\n (or \\r\\n): with a
    lone \\r, NEL or a line or paragraph separator, as YAML counts lines too."""
    if any(c in text for c in "\x85\u2028\u2029"):
        return True
    return "\r" in text and "\r" in text.replace("\r\n", "")


def _mapping_pairs(node: yaml.MappingNode) -> Iterator[tuple[yaml.Node, yaml.Node]]:
    """Key/value node pairs of a mapping, with merge keys (``<<``) followed."""
    for k, v in node.value:
        if k.tag == _MERGE_TAG:
            sources = v.value if isinstance(v, yaml.SequenceNode) else [v]
            for source in sources:
                if isinstance(source, yaml.MappingNode):
                    yield from _mapping_pairs(source)
        else:
            yield k, v


def format_loc(loc: Loc) -> str:
    """``("paths", "cto", "indicators", 2, "text")`` -> ``paths.cto.indicators[2].text``."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        elif part.replace("_", "").replace("-", "").isalnum():
            out += f".{part}" if out else part
        elif part.isprintable():
            out += f'["{part}"]'
        else:  # a raw carriage return or line separator would garble the message it is in
            out += f"[{json.dumps(part)}]"
    return out


@contextlib.contextmanager
def _problems_of(kind: str) -> Iterator[None]:
    """Problems found while reading a file of ``kind`` raise that kind's error: an answers
    file's are AnswersFileError, a role file's RoleFileError."""
    try:
        yield
    except FileProblems as exc:
        raise problems_in(kind, exc.problems) from None


def read_text(
    path: Path, display: str | None = None, kind: str = "role file", *, regular: bool = False
) -> str:
    """The file's text, refusing files that are too large or not UTF-8.

    ``regular``: refuse anything but a regular file (a file found in a folder's listing:
    a named pipe put in its place since, and held open by someone who writes nothing,
    would make the reading wait for ever). A file named by the user may be a pipe."""
    with _problems_of(kind):
        return _read_text(path, display, kind, regular=regular)


def read_stream(fh: BinaryIO, name: str, kind: str) -> str:
    """A stream's text (standard input, say), refusing one that is too large or not UTF-8;
    OSError if it cannot be read."""
    with _problems_of(kind):
        return _read_stream(fh, name, kind)


def decode(raw: bytes, name: str, kind: str = "role file") -> str:
    """Bytes read from a file as text: UTF-8, with or without a byte order mark."""
    with _problems_of(kind):
        return _decode(raw, name)


def parse(text: str, name: str, kind: str = "role file") -> YamlDocument:
    """Parse one YAML document safely; raise the ``kind``'s FileProblems (RoleFileError,
    AnswersFileError) with a location otherwise.

    ``kind`` names the sort of file in messages ("role file", "answers file")."""
    with _problems_of(kind):
        return _parse(text, name, kind)


def _read_text(
    path: Path, display: str | None = None, kind: str = "role file", *, regular: bool = False
) -> str:
    name = display or str(path)
    try:
        # Opened without waiting: a named pipe with no writer would block the open for
        # ever; read, it is empty, and one being written to (``<(cat file)``) is read whole.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with open(fd, "rb") as fh:
            mode = os.fstat(fd).st_mode
            if stat.S_ISDIR(mode):
                raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR))
            if regular and not stat.S_ISREG(mode):
                raise FileProblems(
                    [Problem(name, "cannot read the file: it is no longer a regular file")]
                )
            os.set_blocking(fd, True)
            return _read_stream(fh, name, kind)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise FileProblems([Problem(name, f"cannot read the file: {reason}")]) from None


def _read_stream(fh: BinaryIO, name: str, kind: str) -> str:
    raw = fh.read(MAX_FILE_BYTES + 1)
    if len(raw) > MAX_FILE_BYTES:
        limit = MAX_FILE_BYTES // 1024
        article = "an" if kind[:1] in "aeiou" else "a"
        raise FileProblems(
            [Problem(name, f"the file is larger than the {limit} KiB limit for {article} {kind}")]
        )
    return _decode(raw, name)


def _decode(raw: bytes, name: str) -> str:
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        byte = raw[exc.start]
        raise FileProblems(
            [
                Problem(
                    name,
                    f"the file is not UTF-8 text (byte 0x{byte:02x}); save it as UTF-8",
                    line,
                    column,
                )
            ]
        ) from None


def _parse(text: str, name: str, kind: str) -> YamlDocument:
    _check_characters(text, name)
    text = _joined_surrogates(text, name)
    try:
        return _parsed(text, name, kind)
    except FileProblems as exc:
        at = _no_break_indent(text, exc.problems[0].line) if kind == ANSWERS_FILE else None
        if at is None:
            raise
        raise FileProblems([Problem(name, NO_BREAK_SPACES, *at)]) from None


def _parsed(text: str, name: str, kind: str) -> YamlDocument:
    scanned = _scan_text(text, name, kind)
    if scanned.built:
        return YamlDocument(name, scanned.data, text)
    loader = _Loader(text)
    try:
        try:
            node = loader.get_single_node()
        except yaml.MarkedYAMLError as exc:
            raise FileProblems([_marked_problem(name, exc, kind, text)]) from None
        except yaml.YAMLError as exc:  # pragma: no cover - libyaml marks its errors
            raise FileProblems([Problem(name, f"not valid YAML: {exc}")]) from None
        if node is None:
            raise FileProblems([Problem(name, "the file is empty", 1, 1)])
        if scanned.aliases:  # else the scan counted the nodes of what is a tree
            _check_size(node, name)
        try:
            data = loader.construct_document(node)
        except yaml.MarkedYAMLError as exc:
            raise FileProblems([_marked_problem(name, exc, kind, text)]) from None
    finally:
        loader.dispose()
    return YamlDocument(name, data, text, [node])


NO_BREAK_SPACES = (
    "this line is indented with no-break spaces (U+00A0), as some e-mail programs do: replace "
    "them with ordinary spaces"
)


def _no_break_indent(text: str, upto: int | None) -> tuple[int, int] | None:
    """The first line, up to line ``upto`` (1-based), indented with a no-break space, which
    YAML reads as text, not as indentation (an answers file sent in an e-mail whose
    program wrote its spaces so), and the place of that space (1-based)."""
    if "\xa0" not in text or upto is None:
        return None
    for number, line in enumerate(_lines(text)[:upto]):
        content = line.lstrip(" \t")
        if content.startswith("\xa0"):
            return number + 1, len(line) - len(content) + 1
    return None


# The characters YAML allows in a document (YAML 1.1, 5.1); libyaml's reader refuses the
# others with an error that has no line, and a surrogate (text read from a pipe with
# errors="surrogateescape" holds one for each byte that is not UTF-8) with UnicodeEncodeError.
_NOT_YAML = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _check_characters(text: str, name: str) -> None:
    found = _NOT_YAML.search(text)
    if found is None:
        return
    at, code = found.start(), ord(found.group())
    line = text.count("\n", 0, at) + 1
    column = at - (text.rfind("\n", 0, at) + 1) + 1
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8, escaped
        message = f"the file is not UTF-8 text (byte 0x{code - 0xDC00:02x}); save it as UTF-8"
    elif 0xD800 <= code <= 0xDFFF:
        message = "the file is not UTF-8 text; save it as UTF-8"
    else:
        kind = " (a control character)" if code < 0x20 or 0x7F <= code <= 0x9F else ""
        message = f"the file holds the character U+{code:04X}{kind}, which YAML does not allow"
    raise FileProblems([Problem(name, message, line, column)])


# JSON writes a character beyond U+FFFF (an emoji, say) as the two \\u escapes of its UTF-16
# surrogates (json.dump's default, ensure_ascii): "\\ud83d\\ude80" for 🚀. YAML reads only
# whole characters in its escapes, and refuses these.
_SURROGATE = r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}"
# In JSON every backslash starts an escape inside a string: read from the left, escape by
# escape, a pair of surrogates is told from an escaped backslash before "ud83d".
_ESCAPE = (
    r"\\(?:u([dD][89abAB][0-9a-fA-F]{2})\\u([dD][c-fC-F][0-9a-fA-F]{2})|u([dD][89a-fA-F]..)|.)"
)
# These patterns are compiled when first used (by re, which keeps them): most files are
# YAML, never JSON with surrogate escapes, and each compiled at import costs a start-up.


def _joined_surrogates(text: str, name: str) -> str:
    """JSON ``text`` with each pair of surrogate escapes written as the one escape of its
    character (``\\U0001f680``), as YAML reads it; a lone surrogate, half a character, is
    refused at its line and field. Other text, YAML included, is left as it is."""
    if not text.lstrip().startswith(("{", "[")) or re.search(_SURROGATE, text) is None:
        return text
    try:
        data = json.loads(text)
    except ValueError:  # not JSON: the YAML reader says what is wrong
        return text
    lone: list[re.Match[str]] = []

    def whole(match: re.Match[str]) -> str:
        high, low, alone = match.groups()
        if high is not None:
            code = 0x10000 + ((int(high, 16) - 0xD800) << 10) + (int(low, 16) - 0xDC00)
            return f"\\U{code:08x}"
        if alone is not None:
            lone.append(match)
        return match.group()

    joined = re.sub(_ESCAPE, whole, text, flags=re.DOTALL)
    if lone:
        at = lone[0].start()
        line = text.count("\n", 0, at) + 1
        column = at - (text.rfind("\n", 0, at) + 1) + 1
        message = (
            f"{lone[0].group()} is half of a character (a lone UTF-16 surrogate), which is "
            "not text: write the character itself, or both halves of its escape"
        )
        raise FileProblems([Problem(name, message, line, column, _lone_at(data))])
    return joined


def _lone_at(data: Any) -> str:
    """Where in ``data`` the first string holding a lone surrogate is, as a field path."""
    found = re.compile(_SURROGATE_CHAR).search
    stack: list[tuple[tuple[str | int, ...], Any]] = [((), data)]
    while stack:
        loc, value = stack.pop()
        if isinstance(value, str) and found(value):
            return format_loc(loc)
        pairs: list[tuple[str | int, Any]] = []
        if isinstance(value, dict):
            for key, item in value.items():
                if found(key):
                    return format_loc((*loc, key))
                pairs.append((key, item))
        elif isinstance(value, list):
            pairs = list(enumerate(value))
        stack.extend(((*loc, key), item) for key, item in reversed(pairs))
    return ""  # pragma: no cover - json.loads keeps each lone surrogate it reads


_SURROGATE_CHAR = "[\ud800-\udfff]"


def load_file(
    path: Path, display: str | None = None, kind: str = "role file", *, regular: bool = False
) -> YamlDocument:
    name = display or str(path)
    with _problems_of(kind):
        return _parse(_read_text(path, name, kind, regular=regular), name, kind)


def _at(name: str, message: str, mark: Any) -> FileProblems:
    """A FileProblems for one problem at a PyYAML mark (0-based), shown 1-based."""
    if mark is None:  # pragma: no cover - libyaml marks every node and event
        return FileProblems([Problem(name, message)])
    return FileProblems([Problem(name, message, mark.line + 1, mark.column + 1)])


def _marked_problem(name: str, exc: yaml.MarkedYAMLError, kind: str, text: str) -> Problem:
    """A YAML error in our words, at the line where the mistake most likely is: the parser
    says where it gave up, which can be lines after the mistake."""
    problem, context = exc.problem or "", exc.context or ""
    mark = exc.problem_mark or exc.context_mark
    tag = re.search(r"constructor for the tag '([^']*)'", problem)
    constructing = "constructor" in type(exc).__name__.lower()
    if "expected a single document" in f"{context} {problem}":
        message = "the file holds more than one YAML document (a second '---'); keep one"
    elif constructing and mark is not None and (plain := _unbuilt(exc, text, kind)):
        message, path = plain
        return Problem(name, message, mark.line + 1, mark.column + 1, format_loc(path))
    elif tag:
        shown = tag.group(1).replace("tag:yaml.org,2002:", "!!")
        message = f"the tag {shown!r} is not allowed in {_a(kind)}"
    elif constructing:
        message = problem or context
    elif kind == ANSWERS_FILE and (note := _in_note(exc, text)):
        message, at, path = note
        return Problem(name, message, at.line + 1, at.column + 1, format_loc(path))
    else:
        found = _syntax(exc, _lines(text), text)
        if found is None:
            said = f"{context}: {problem}" if context and problem else problem or context
            message = f"not valid YAML: {said or 'a syntax error'}"
        else:
            message, mark = f"not valid YAML: {found[0]}", found[1]
    if mark is None:  # pragma: no cover - libyaml always marks
        return Problem(name, message)
    return Problem(name, message, mark.line + 1, mark.column + 1)


def _a(kind: str) -> str:
    """``kind`` after its article: "a role file", "an answers file"."""
    return f"{'an' if kind[:1] in 'aeiou' else 'a'} {kind}"


# What YAML alone reads as a value of its own: '=' (a "value key") and '<<' (a merge key)
_SPECIAL = {"tag:yaml.org,2002:value": "=", "tag:yaml.org,2002:merge": "<<"}
NOTE_QUOTES = 'put the note in double quotes (note: "...", a backslash written \\\\)'
_MARK_WORDS = {
    "&": "an anchor (a name given to a value)",
    "*": "an alias (a value named elsewhere)",
    "!": "a tag (the kind of a value)",
}


def note_marked(char: str) -> str:
    """Why a note that starts with '&', '*' or '!' (unquoted) is refused, and the fix."""
    return (
        f"the note starts with {char!r}, which YAML reads as {_MARK_WORDS[char]}, not as "
        f"text: {NOTE_QUOTES}"
    )


def _unbuilt(exc: yaml.MarkedYAMLError, text: str, kind: str) -> tuple[str, Loc] | None:
    """A value that could not be built, in plain words, and its path (in an answers file):
    '=' or '<<' written alone, which YAML reads as special values; in a note, a tag, or a
    text YAML reads as a date or a number and cannot build (``2026-13-45``), with the
    note's fix. None for another value, said as before."""
    at = exc.problem_mark
    written = _line(_lines(text), at)[at.column :] if at is not None else ""
    tag = re.search(r"constructor for the tag '([^']*)'", exc.problem or "")
    word = _SPECIAL.get(tag.group(1)) if tag else None
    path: list[str | int] = []
    if kind == ANSWERS_FILE and at is not None:
        path = _path_at(text, at.line, at.column)
    if word is not None and written.startswith(word):
        said = f"YAML reads {word} on its own as a special value, not as text"
        return f'{said}: put it in quotes ("{word}")', path
    if not (len(path) == 3 and path[0] == "answers" and path[2] == "note"):
        return None
    if written.startswith("!"):
        return note_marked("!"), path
    if tag is None and exc.problem and "quote" not in exc.problem:
        return f"{exc.problem}: {NOTE_QUOTES}", path
    return None


# What people type into an answers file, for messages in their terms (kept here, as
# ALSO_SPELLED is, so that this module does not import the answers module, which imports
# it): a note is text typed freely, where ': ' trips YAML up; a question's rating and
# note are indented under its id.
ANSWERS_FILE = "answers file"
NOTE_FIX = (
    'put the note in double quotes (note: "...", a backslash written \\\\), or write note: | '
    "and the note on the next lines, indented"
)
NOTE_COLON = f"the note holds ': ', which YAML reads as the start of a field: {NOTE_FIX}"
ANSWER_KEYS = ("rating", "note")


def _in_note(exc: yaml.MarkedYAMLError, text: str) -> tuple[str, Any, Loc] | None:
    """Where the parser stopped inside a note (``answers.<id>.note``) typed as plain text:
    at a ': ' in it, or on a line it goes on to after a ' #' (a comment, for YAML, which
    ends the note on the line before). What went wrong, where, and the note's path; None
    if it stopped elsewhere."""
    at = exc.problem_mark
    colon = (exc.problem or "").startswith("mapping values are not allowed")
    if at is None or not (colon or exc.context == "while parsing a block mapping"):
        return None
    path = _path_at(text, at.line, at.column, value=True)
    if not (len(path) == 3 and path[0] == "answers" and isinstance(path[1], str)):
        return None
    if path[2] != "note":
        return None
    if colon:
        return NOTE_COLON, at, path
    lines = _lines(text)
    above = range(min(at.line, len(lines)) - 1, -1, -1)
    before = next((n for n in above if lines[n].strip()), None)
    line = _line(lines, at)
    if before is None or at.column != len(line) - len(line.lstrip(" ")):
        return None
    if lines[before].lstrip().startswith("#"):  # a comment line of its own: the note ended,
        if len(lines[before]) - len(lines[before].lstrip()) < at.column:  # or went on (below)
            return None
        message = (
            f"the note goes on to this line, but YAML reads line {before + 1}, which starts "
            f"with '#', as a comment, which ends the note before it: {NOTE_FIX}"
        )
        return message, at, path
    if re.search(r"[ \t]#", lines[before]) is None or re.match(r"\s*[^\s#:][^:]*:(\s|$)", line):
        return None  # no comment before, or the line holds a key put out of place
    message = (
        f"the note goes on to this line, but YAML reads the ' #' on line {before + 1} as the "
        f"start of a comment, which ends the note there: {NOTE_FIX}"
    )
    return message, at, path


def _answer_out_of_place(exc: _DuplicateKey, text: str) -> str | None:
    """What most likely happened where an answers file repeats a rating or a note: the
    line's indentation was lost (in an e-mail, say), or a question's id line was."""
    if exc.key not in ANSWER_KEYS:
        return None
    path = _path_at(text, exc.mark.line, exc.mark.column)
    if len(path) == 2 and path[0] == "answers":
        return (
            f"a question has one {exc.key}: is the id of the question above this line "
            f"missing, or indented as far as its {exc.key}?"
        )
    if path not in ([], ["answers"]):
        return None
    spaces = exc.mark.column
    indent = "not indented" if not spaces else f"indented {spaces} space{'s' * (spaces > 1)}"
    like = ", as a question id is" if path else ""
    return (
        f"this line is {indent}{like}, and a question's {exc.key} goes under its id, indented "
        "further: was the file's indentation lost (in an e-mail, say)? Indent each rating "
        "and note under its question's id, as in ladder's template"
    )


def _path_at(text: str, line: int, column: int, *, value: bool = False) -> list[str | int]:
    """The field path of a place (0-based) in the text, as far as the parser reads before
    it: the keys and list indexes of the collections it is in and, where the parser was
    reading a key's value, that key. With ``value``, the path of the text value that starts
    before the place, where one does (the parser stopped inside it)."""
    frames: list[list[Any]] = []  # [the key or index, whether a key comes next (None: a list)]
    last: list[Any] = []  # the key of the text value read last, if it was the last event
    loader = _Loader(text)
    try:
        while loader.check_event():
            upcoming: Any = loader.peek_event()
            mark = upcoming.start_mark
            if (mark.line, mark.column) >= (line, column):
                break
            event: Any = loader.get_event()
            last = []
            if isinstance(event, yaml.MappingEndEvent | yaml.SequenceEndEvent):
                frames.pop()
            elif isinstance(event, yaml.ScalarEvent | yaml.AliasEvent | yaml.CollectionStartEvent):
                _step(frames, event, last)
    except yaml.YAMLError:
        pass  # where the parser stopped: the path so far
    finally:
        loader.dispose()
    path = [frame[0] for frame in frames if frame[1] is not True or frame is not frames[-1]]
    return path + last if value else path


def _step(frames: list[list[Any]], event: Any, last: list[Any]) -> None:
    """One node of ``_path_at``'s walk: a key, a value or a list item."""
    if frames and frames[-1][1] is None:
        frames[-1][0] += 1
    elif frames:
        if frames[-1][1]:
            frames[-1][0] = event.value if isinstance(event, yaml.ScalarEvent) else None
        elif isinstance(event, yaml.ScalarEvent):
            last.append(frames[-1][0])
        frames[-1][1] = not frames[-1][1]
    if isinstance(event, yaml.SequenceStartEvent):
        frames.append([-1, None])
    elif isinstance(event, yaml.MappingStartEvent):
        frames.append([None, True])


_BREAKS = "\r\n|\r|\n|\x85|\u2028|\u2029"  # line breaks, as libyaml counts them (compiled if used)
TABS = "a tab indents this line, and YAML indents with spaces only: use spaces, not tabs"


def _lines(text: str) -> list[str]:
    return re.split(_BREAKS, text)


def _line(lines: list[str], mark: Any) -> str:
    return lines[mark.line] if mark is not None and 0 <= mark.line < len(lines) else ""


def _syntax(exc: yaml.MarkedYAMLError, lines: list[str], text: str) -> tuple[str, Any] | None:
    """A syntax error in our words, and the mark of where to point; None for the rarer
    ones, said in the parser's words."""
    problem, context = exc.problem or "", exc.context or ""
    at, start = exc.problem_mark, exc.context_mark
    line = _line(lines, at)
    indent = line[: len(line) - len(line.lstrip(" \t"))]
    if "\t" in indent and at is not None:  # a tab in the indentation of the line it stops at
        return TABS, _Mark(at.line, indent.index("\t"))
    if "tab character" in problem:
        return TABS, at
    if "cannot start any token" in problem:
        char = line[at.column] if at is not None and at.column < len(line) else ""
        if char == "\t":
            return TABS, at
        return f"a value cannot start with {char!r}: put it in quotes", at
    if context == "while scanning a simple key":  # a key with no ':' after it
        return "a line with no ':' after its key: write key: value, or check the line", start
    if "mapping values are not allowed" in problem:
        return (
            "a ':' in the middle of a value: put the value in quotes if it holds ': ', or "
            "check the indentation of this line",
            at,
        )
    if "block sequence entries are not allowed" in problem:
        return "a list item ('- ') cannot start here: put each item on a line of its own", at
    if "quoted scalar" in context and "end of stream" in problem:
        return "the quoted text that starts here is never closed: add its closing quote", start
    if "unknown escape character" in problem:
        return (
            "an unknown escape (a backslash) in double-quoted text: write \\\\ for a "
            "backslash, or use single quotes",
            at,
        )
    if context in ("while parsing a flow sequence", "while parsing a flow mapping"):
        pair = "[ ]" if "sequence" in context else "{ }"
        if start is not None and at is not None and start.line < at.line:
            return f"the '{pair[0]}' opened here is not closed on its line: add '{pair[2]}'", start
        return f"put text that holds ',' or ': ' in quotes inside {pair}", at
    if context in ("while parsing a block mapping", "while parsing a block collection"):
        return _out_of_place(at, start, line, text, sequence="collection" in context)
    if "undefined alias" in problem:
        return "an alias (*name) with no anchor (&name) before it", at
    if "expected node content" in problem:
        return (
            "a value is missing here, or starts with a character YAML reserves: put it in quotes",
            at,
        )
    return None


class _Mark:
    """A place in the text (0-based), as PyYAML's marks give it."""

    def __init__(self, line: int, column: int) -> None:
        self.line, self.column = line, column


def _out_of_place(
    at: Any, start: Any, line: str, text: str, *, sequence: bool
) -> tuple[str, Any] | None:
    """Where a block mapping or list found something it cannot hold: a line indented
    wrongly, or text after a value (often after a quoted text that was not closed where it
    was meant to be)."""
    if at is None:  # pragma: no cover - libyaml always marks
        return None
    indent = len(line) - len(line.lstrip(" "))
    if at.column == indent:  # the line's first token: its indentation is the mistake
        if sequence and start is not None and indent == start.column:
            return (
                "this line is indented like the list items above it, but is not one (an "
                "item starts with '- '): indent it to its key",
                at,
            )
        spaces = "1 space" if indent == 1 else f"{indent} spaces"
        what = "key or list item" if sequence else "key"
        return (
            f"the indentation goes wrong here: this line is indented {spaces}, which lines "
            f"up with no {what} above it",
            at,
        )
    quoted = _quoted_before(text, at)
    if quoted is not None and quoted.line < at.line:
        return (
            f"the quoted text that starts here runs on to line {at.line + 1}: is its closing "
            "quote missing?",
            quoted,
        )
    if quoted is not None:
        return (
            "text after the closing quote: put the whole value in quotes; a quote inside "
            'the value ends it, so write one there as \\" (or put the value in single '
            "quotes, doubling any ' inside)",
            at,
        )
    return "text where the line should end: check the indentation, or quote the value", at


def _quoted_before(text: str, at: Any) -> Any:
    """The start of the quoted text that ends just before ``at``, if one does."""
    loader = _Loader(text)
    last: Any = None
    try:
        while loader.check_token():
            token: Any = loader.get_token()
            if (token.start_mark.line, token.start_mark.column) >= (at.line, at.column):
                break
            last = token
    except yaml.YAMLError:  # pragma: no cover - the tokens before a parser error scan
        pass
    finally:
        loader.dispose()
    if isinstance(last, yaml.ScalarToken) and last.style in ("'", '"'):
        return last.start_mark
    return None


def _scan_text(text: str, name: str, kind: str) -> _Scanned:
    """Scan the events (see ``_scan``) before composing anything: the event parser is
    iterative and cheap, where libyaml's composer recurses.

    libyaml 0.2.6 (PyYAML 6.0.4 and later) stops at 1,000 levels on its own, while scanning
    ahead and before it yields the events that reach our limit; the pure-Python parser,
    which has no limit of its own, then finds where the document passes ours, so the
    message and its place are the same with every PyYAML.
    """
    try:
        return _scan(_Loader(text), name, build=True)
    except _DuplicateKey as exc:
        said = _answer_out_of_place(exc, text) if kind == ANSWERS_FILE else None
        if said is None:
            raise
        raise _at(name, f"{exc.problems[0].message}: {said}", exc.mark) from None
    except yaml.MarkedYAMLError as exc:
        if "maximum nesting depth" not in (exc.problem or ""):
            raise FileProblems([_marked_problem(name, exc, kind, text)]) from None
    try:  # only for a document nested more than 1,000 levels deep
        return _scan(yaml.SafeLoader(text), name, build=False)
    except yaml.MarkedYAMLError as exc:  # pragma: no cover - libyaml found it valid so far
        raise FileProblems([_marked_problem(name, exc, kind, text)]) from None


@dataclass
class _Scanned:
    """What the scan found: whether the document holds an alias and, if it could be built
    from the events alone, its data.

    The data is built from the events as composing the node tree and constructing it would
    build it (the slow part of reading a file, twice over), for the common document of
    plain and quoted scalars, sequences and mappings. A document with an anchor, an alias,
    a tag on a collection, a merge key, a key that is a collection or a second document is
    not built by the scan, nor one holding a value that cannot be built (``2026-13-45``):
    ``parse`` composes and constructs it as usual, and reports what is wrong as it always
    has."""

    aliases: bool = False
    built: bool = False
    data: Any = None


_STR_TAG = "tag:yaml.org,2002:str"
# The tags whose constructor builds a scalar. Another tag on a scalar (!!map, !!seq, !!set,
# !!omap, !!pairs) has a constructor that yields an empty collection and fills it later,
# which only construct_document does: such a document is built as usual, which refuses it.
_SCALAR_TAGS = frozenset(
    _YAML_TAG + t for t in ("str", "int", "float", "bool", "null", "timestamp", "binary")
)
_PLAIN_TAGS = (None, "!")  # no tag of the author's: the resolver decides
_UNBUILT = object()  # a scalar the scan cannot build
_EVENTS = (
    yaml.ScalarEvent,
    yaml.AliasEvent,
    yaml.SequenceStartEvent,
    yaml.MappingStartEvent,
    yaml.SequenceEndEvent,
    yaml.MappingEndEvent,
)


def _scan(loader: _Loader | yaml.SafeLoader, name: str, *, build: bool) -> _Scanned:
    """Check, event by event: the nesting, that no mapping repeats a key and, for a
    document without aliases, the number of nodes; with ``build``, build the data from the
    same events where it can (see ``_Scanned``). The loader is disposed of."""
    try:
        return _scanned(loader, name, build)
    finally:
        loader.dispose()


def _scanned(loader: _Loader | yaml.SafeLoader, name: str, build: bool) -> _Scanned:
    # The loop runs once per value of the file: the names it uses are local, and only what
    # happens once per collection, or on a problem, is in functions of its own.
    found = _Scanned()
    nodes = documents = 0
    frames: list[list[Any]] = []  # one per open collection (see ``_opened``)
    frame: list[Any] | None = None  # frames[-1]
    root: list[Any] = []
    check_event, get_event = loader.check_event, loader.get_event
    scalar_event, alias_event, sequence_start, mapping_start, sequence_end, mapping_end = _EVENTS
    text_at_once, resolved_first = _TEXT_AT_ONCE, _RESOLVED_FIRST
    while check_event():
        event: Any = get_event()
        kind = type(event)
        if kind is sequence_end or kind is mapping_end:
            frames.pop()
            frame = frames[-1] if frames else None
            continue
        if kind is not scalar_event and kind is not alias_event:
            if kind is not sequence_start and kind is not mapping_start:
                if kind is yaml.DocumentStartEvent:
                    documents += 1
                    build = build and documents == 1
                continue  # the stream's start and end, a document's start and end
        at_key = False
        if frame is not None and frame[0] is not None:  # in a mapping
            at_key = frame[1]
            frame[1] = not at_key
            if at_key:
                if kind is scalar_event and (
                    (event.tag is None and event.value != "<<") or not _merge(event)
                ):
                    keys = frame[0]
                    if event.value in keys:
                        raise _duplicate_key(name, event, keys[event.value])
                    keys[event.value] = event.start_mark
                else:
                    build = False  # a merge key, or a key that is a collection
        if kind is alias_event:
            found.aliases = True
            build = False
            continue
        nodes += 1
        if nodes > MAX_NODES and not found.aliases:
            raise _at(name, f"the document holds more than {MAX_NODES:,} values", event.start_mark)
        if event.anchor is not None:
            build = False
        if kind is scalar_event:
            if not build:
                continue
            value = event.value
            if not (
                text_at_once
                and event.tag is None
                and value
                and (not event.implicit[0] or value[0] not in resolved_first)
            ):
                value = _built_scalar(loader, event)
                if value is _UNBUILT:
                    build = False  # constructed as usual, which reports it its own way
                    continue
            if frame is None:
                root.append(value)
            elif frame[0] is None:
                frame[2].append(value)
            elif at_key:
                frame[3] = value
            else:
                frame[2][frame[3]] = value
            continue
        if len(frames) >= MAX_DEPTH:  # this collection is one level deeper
            raise _at(name, f"the document nests deeper than {MAX_DEPTH} levels", event.start_mark)
        build = build and event.tag in _PLAIN_TAGS  # !!set, !!omap ...: constructed as usual
        frame = _opened(frame, root, kind is mapping_start, at_key, build)
        frames.append(frame)
    if build and root:
        found.built, found.data = True, root[0]
    return found


class _DuplicateKey(FileProblems):
    """A mapping that repeats a key: the key, and where it is repeated."""

    def __init__(self, name: str, key: str, mark: Any, first: Any) -> None:
        self.key, self.mark, self.first = key, mark, first
        message = f"duplicate key {key!r} (first at line {first.line + 1})"
        super().__init__(_at(name, message, mark).problems)


def _duplicate_key(name: str, event: Any, first: Any) -> FileProblems:
    return _DuplicateKey(name, event.value, event.start_mark, first)


def _built_scalar(loader: _Loader | yaml.SafeLoader, event: yaml.ScalarEvent) -> Any:
    """The scalar's value as the resolver and constructor make it; ``_UNBUILT`` if it is
    not a value (constructing the document as usual then reports it its own way)."""
    try:
        return _scalar(loader, event)
    except yaml.MarkedYAMLError:
        return _UNBUILT


def _opened(
    frame: list[Any] | None, root: list[Any], mapping: bool, at_key: bool, build: bool
) -> list[Any]:
    """The frame of a collection that starts: [the keys of a mapping so far (None for a
    sequence), whether its next node is a key, the collection being built, the key of the
    value that comes next]. With ``build``, the collection is put in its place."""
    collection: Any = {} if mapping else []
    if build:
        _put(frame, root, collection, at_key)
    return [{} if mapping else None, True, collection, None]


# The first characters of a plain scalar that some implicit resolver (a number, a date, a
# boolean, null, a merge key ...) may claim; a plain scalar starting otherwise, or a quoted
# one, is text, as the resolver would find after trying its patterns (most of a role file:
# "Lead the ..."). _scan takes such text as it is.
_RESOLVED_FIRST = frozenset(k for k in _Loader.yaml_implicit_resolvers if k is not None)
_TEXT_AT_ONCE = None not in _Loader.yaml_implicit_resolvers and not _Loader.yaml_path_resolvers


def _scalar(loader: _Loader | yaml.SafeLoader, event: yaml.ScalarEvent) -> Any:
    """A scalar's value, as the composer would tag it and the constructor build it."""
    tag = event.tag
    if tag in _PLAIN_TAGS:
        tag = loader.resolve(yaml.ScalarNode, event.value, event.implicit)  # type: ignore[no-untyped-call]
    if tag == _STR_TAG:
        return event.value
    start: Any = event.start_mark  # libyaml's marks serve as PyYAML's
    end: Any = event.end_mark
    if tag not in _SCALAR_TAGS:
        raise yaml.constructor.ConstructorError(None, None, "not a scalar", start)
    node = yaml.ScalarNode(tag, event.value, start, end, event.style)
    return loader.construct_object(node)


def _put(frame: list[Any] | None, root: list[Any], value: Any, at_key: bool) -> None:
    """Put a value built from the events where it belongs."""
    if frame is None:
        root.append(value)
    elif frame[0] is None:
        frame[2].append(value)
    elif at_key:
        frame[3] = value
    else:
        frame[2][frame[3]] = value


def _merge(event: yaml.ScalarEvent) -> bool:
    """A merge key: a plain ``<<``, or one tagged ``!!merge``."""
    if event.tag == _MERGE_TAG:
        return True
    return event.tag is None and event.value == "<<" and bool(event.implicit[0])


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [n for pair in node.value for n in pair]
    return []


def _check_size(root: yaml.Node, name: str) -> None:
    """Count the node graph as construction would expand it; refuse bombs and cycles.

    Sizes are memoised per node, so shared (aliased) nodes are counted as often as they
    are used without being walked more than once: a bomb is refused in microseconds.
    """
    sizes: dict[int, int] = {}
    open_nodes: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, finished = stack.pop()
        nid = id(node)
        if finished:
            total = 1 + sum(sizes[id(child)] for child in _children(node))
            if total > MAX_NODES:
                message = (
                    f"the document expands to more than {MAX_NODES:,} values "
                    "(aliases or merge keys repeated too often)"
                )
                raise _at(name, message, node.start_mark)
            sizes[nid] = total
            open_nodes.discard(nid)
            continue
        if nid in sizes:
            continue
        if nid in open_nodes:
            raise _at(name, "an alias refers to itself", node.start_mark)
        open_nodes.add(nid)
        stack.append((node, True))
        for child in _children(node):
            if id(child) in open_nodes:
                raise _at(name, "an alias refers to itself", child.start_mark)
            if id(child) not in sizes:
                stack.append((child, False))
