"""Protocol files: find them, read them safely, and check them against the protocol schema.

A protocol is YAML that people write by hand, so it is read as a tree of nodes, never run
through a constructor: no tags, no aliases, no duplicate keys, no unknown keys, and every
scalar stays text. Each problem is reported as ``file:line:column: problem``.
"""

from __future__ import annotations

import re
from pathlib import Path

from tpcycle.domain import STEPS, Step, strip_controls
from tpcycle.errors import ProtocolError
from tpcycle.protocol import DEFAULT_PROTOCOL as DEFAULT_PROTOCOL
from tpcycle.protocol import Ask, Kind, Protocol, Question, Section
from tpcycle.protocol_library import MAX_FILE_BYTES as MAX_FILE_BYTES
from tpcycle.protocol_library import Library as Library
from tpcycle.protocol_library import bundled_dir as bundled_dir
from tpcycle.yamlreader import Checker, Node, compose, decode, read_file

NAME_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{0,62}$")
VERSION_PATTERN = re.compile(r"^[0-9]+(\.[0-9]+){0,2}$")


def copy_protocol(library: Library, source_name: str, new_name: str) -> Path:
    """Copy a protocol file into the user folder under a new name; never overwrite a file."""
    if not NAME_PATTERN.match(new_name):
        raise ProtocolError(
            f"'{new_name}' cannot be a protocol name; use lower-case letters, digits and dashes."
        )
    if library.user is None:  # pragma: no cover - the CLI always has a user folder
        raise ProtocolError("There is no folder for your own protocols.")
    source = library.load(source_name)
    assert source.path is not None
    text = source.path.read_text(encoding="utf-8")
    renamed, count = re.subn(r"(?m)^name:.*$", f"name: {new_name}", text, count=1)
    if count != 1:
        raise ProtocolError(f"{source.path}: cannot find the 'name:' line to change.")
    target = library.user / f"{new_name}.yaml"
    try:
        library.user.mkdir(parents=True, exist_ok=True)
        with target.open("x", encoding="utf-8") as handle:
            handle.write(renamed)
    except FileExistsError as exc:
        raise ProtocolError(f"{target} already exists; choose another name.") from exc
    except OSError as exc:
        raise ProtocolError(f"Cannot write {target}: {exc.strerror or exc}.") from exc
    return target


def load_protocol(path: Path, *, source: str = "user", expect_name: str | None = None) -> Protocol:
    """Read and check one file. Inside a library, the file is found by its name, so the
    protocol's ``name`` must match the file name or cycles could not find it again."""
    raw = read_file(path, MAX_FILE_BYTES, ProtocolError, "a protocol")
    protocol = parse_protocol(raw, path, source=source)
    if expect_name is not None and protocol.name != expect_name:
        raise ProtocolError(
            f"{path}:1:1: the protocol is named '{protocol.name}' but the file is"
            f" '{path.name}'; name the file {protocol.name}.yaml"
        )
    return protocol


def parse_protocol(raw: bytes, path: Path, *, source: str = "user") -> Protocol:
    if len(raw) > MAX_FILE_BYTES:
        raise ProtocolError(f"{path}:1:1: the file is larger than a protocol can be (256 KiB).")
    text = decode(raw, path, ProtocolError)
    try:
        root = compose(text, path, ProtocolError, "a protocol")
    except ProtocolError as exc:
        if exc.message.endswith(": the file is empty"):
            raise ProtocolError(f"{exc.message}; a protocol needs a name and steps") from exc
        raise
    checker = _ProtocolChecker(Checker(path))
    protocol = checker.protocol(root, source)
    if checker.problems or protocol is None:
        first = checker.problems[0] if checker.problems else f"{path}:1:1: not a protocol"
        raise ProtocolError(first, tuple(checker.problems))
    return protocol


# -- checking the node tree against the schema -------------------------------------------

_TOP_KEYS = {"name", "version", "title", "description", "norms", "kind", "steps", "sections"}
_REQUIRED_TOP = ("name", "version", "title", "description")
_QUESTION_KEYS = {"id", "text", "hint", "ask"}
_SECTION_KEYS = {"name", "questions"}


class _ProtocolChecker:
    """Checks one protocol's node tree; the generic YAML checks live in ``yamlreader``."""

    def __init__(self, checker: Checker) -> None:
        self.c = checker

    @property
    def problems(self) -> list[str]:
        return self.c.problems

    def protocol(self, root: Node, source: str) -> Protocol | None:
        top = self.c.mapping(root, "the protocol", _TOP_KEYS)
        if not top and self.problems:
            return None
        for key in _REQUIRED_TOP:
            if key not in top:
                self.c.problem(root, f"missing required key '{key}'")
        values: dict[str, str] = {}
        for key in ("name", "version", "title", "description"):
            if key in top:
                value = self.c.text(top[key][1], f"'{key}'")
                if value is not None:
                    values[key] = strip_controls(value)
        name = values.get("name", "")
        if name and not NAME_PATTERN.match(name):
            self.c.problem(
                top["name"][1],
                "'name' must be lower-case letters, digits and dashes, like 'my-protocol'",
            )
        version = values.get("version", "")
        if version and not VERSION_PATTERN.match(version):
            self.c.problem(top["version"][1], "'version' must be a number like 1 or 1.2")
        norms: list[str] = []
        if "norms" in top:
            for item in self.c.sequence(top["norms"][1], "'norms'"):
                norm = self.c.text(item, "a norm")
                if norm is not None:
                    norms.append(strip_controls(norm))
        kind = self.kind(root, top)
        steps: dict[Step, tuple[Question, ...]] = {}
        sections: tuple[Section, ...] = ()
        if kind is Kind.CYCLE and "steps" in top:
            steps = self.steps(top["steps"][1])
        elif kind is Kind.CONVERSATION and "sections" in top:
            sections = self.sections(top["sections"][1])
        if self.problems:
            return None
        return Protocol(
            name=name,
            version=version,
            title=values["title"],
            description=values["description"],
            steps=steps,
            norms=tuple(norms),
            path=self.c.path,
            source=source,
            kind=kind or Kind.CYCLE,
            sections=sections,
        )

    def kind(self, root: Node, top: dict[str, tuple[Node, Node]]) -> Kind | None:
        """The protocol's kind (the six-step cycle unless it says otherwise), and the one key
        that kind needs: ``steps`` for a cycle, ``sections`` for a conversation, never both."""
        kind = Kind.CYCLE
        if "kind" in top:
            value = self.c.text(top["kind"][1], "'kind'")
            if value is None:
                return None
            if value not in {k.value for k in Kind}:
                self.c.problem(top["kind"][1], "'kind' must be cycle or conversation")
                return None
            kind = Kind(value)
        if "steps" in top and "sections" in top:
            self.c.problem(
                top["sections"][0],
                "a protocol has either 'steps' (the six-step cycle) or 'sections'"
                " (a conversation), not both",
            )
            return None
        wanted, other = ("steps", "sections") if kind is Kind.CYCLE else ("sections", "steps")
        if other in top:
            self.c.problem(
                top[other][0],
                f"a {kind.value} protocol has '{wanted}', not '{other}'"
                + (" (add 'kind: conversation')" if other == "sections" else ""),
            )
            return None
        if wanted not in top:
            self.c.problem(root, f"missing required key '{wanted}'")
        return kind

    def sections(self, node: Node) -> tuple[Section, ...]:
        items = self.c.sequence(node, "'sections'")
        if self.c.is_sequence(node) and not items:
            self.c.problem(node, "'sections' needs at least one section")
        seen_ids: set[str] = set()
        seen_names: dict[str, str] = {}
        found: list[Section] = []
        for item in items:
            fields = self.c.mapping(item, "a section", _SECTION_KEYS)
            if not fields:
                continue
            for key in ("name", "questions"):
                if key not in fields:
                    self.c.problem(item, f"a section is missing '{key}'")
            name = (
                self.c.text(fields["name"][1], "a section's 'name'") if "name" in fields else None
            )
            if name is not None:
                name = " ".join(strip_controls(name).split())
                folded = name.casefold()
                if folded in seen_names:
                    self.c.problem(fields["name"][1], f"the section name '{name}' is used twice")
                seen_names[folded] = name
            if "questions" not in fields:
                continue
            value = fields["questions"][1]
            where = f"section '{name or '?'}'"
            questions_nodes = self.c.sequence(value, f"the questions of {where}")
            if self.c.is_sequence(value) and not questions_nodes:
                self.c.problem(value, f"the {where} needs at least one question")
            questions = []
            for question_node in questions_nodes:
                question = self.question(question_node, where, seen_ids, quoted=True)
                if question is not None:
                    questions.append(question)
            if name is not None:
                found.append(Section(name, tuple(questions)))
        return tuple(found)

    def steps(self, node: Node) -> dict[Step, tuple[Question, ...]]:
        names = [s.value for s in STEPS]
        found = self.c.mapping(node, "'steps'", names)
        if self.c.is_mapping(node):
            for step_name in names:
                if step_name not in found:
                    self.c.problem(node, f"'steps' has no questions for the step '{step_name}'")
        seen_ids: set[str] = set()
        steps: dict[Step, tuple[Question, ...]] = {}
        for step_name, (_key, value) in found.items():
            items = self.c.sequence(value, f"the questions for '{step_name}'")
            if self.c.is_sequence(value) and not value.value:
                self.c.problem(value, f"the step '{step_name}' needs at least one question")
            questions = []
            for item in items:
                question = self.question(item, step_name, seen_ids)
                if question is not None:
                    questions.append(question)
            steps[Step(step_name)] = tuple(questions)
        return steps

    def question(
        self, node: Node, step_name: str, seen: set[str], *, quoted: bool = False
    ) -> Question | None:
        where = f"a question in {step_name}" if quoted else f"a question in '{step_name}'"
        fields = self.c.mapping(node, where, _QUESTION_KEYS)
        if not fields:
            return None
        for key in ("id", "text"):
            if key not in fields:
                self.c.problem(node, f"{where} is missing '{key}'")
        values = {k: self.c.text(v, f"'{k}' of {where}") for k, (_kn, v) in fields.items()}
        qid, text = values.get("id"), values.get("text")
        if qid is not None:
            if not NAME_PATTERN.match(qid):
                self.c.problem(fields["id"][1], "a question 'id' must be like 'what-changed'")
            elif qid in seen:
                self.c.problem(fields["id"][1], f"the question id '{qid}' is used twice")
            seen.add(qid)
        ask = values.get("ask") or Ask.EITHER.value
        if "ask" in fields and ask not in {a.value for a in Ask}:
            self.c.problem(fields["ask"][1], "'ask' must be teacher, partner or both")
            return None
        if qid is None or text is None:
            return None
        hint = values.get("hint")
        # Question text is shown at the terminal: cleaned on the way in like anything typed.
        return Question(
            id=qid,
            text=strip_controls(text),
            hint=None if hint is None else strip_controls(hint),
            ask=Ask(ask),
        )
