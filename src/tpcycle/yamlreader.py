"""The one place tpcycle reads YAML: files people write by hand (protocols, check rules).

YAML is read as a tree of nodes, never run through a constructor: no tags, no aliases, no
duplicate keys, no unknown keys, and every scalar stays text. Nesting is capped, so a small
file nested thousands of levels deep is refused in one line instead of exhausting the stack.
Every problem is reported as ``file:line:column: problem``.

Reading the file itself is careful too: the size is checked before anything is read, only a
regular file is read (a FIFO, ``/dev/zero`` or a symlink to either is refused), and the file is
opened without blocking so a pipe with nobody writing to it can never hang the program.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml

from tpcycle.errors import TpcycleError

Node = yaml.Node

MAX_DEPTH = 64

_STR_TAG = "tag:yaml.org,2002:str"
_MAP_TAG = "tag:yaml.org,2002:map"
_SEQ_TAG = "tag:yaml.org,2002:seq"


def read_file(path: Path, max_bytes: int, error: type[TpcycleError], what: str) -> bytes:
    """The bytes of a regular file no larger than ``max_bytes``; anything else is ``error``."""
    try:
        before = os.stat(path)
    except OSError as exc:
        raise error(f"{path}: cannot read the file: {exc.strerror or exc}.") from exc
    if not stat.S_ISREG(before.st_mode):
        raise error(f"{path}: not a regular file (a folder, pipe or device); not read.")
    if before.st_size > max_bytes:
        raise error(f"{path}:1:1: the file is larger than {what} can be ({max_bytes // 1024} KiB).")
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise error(f"{path}: cannot read the file: {exc.strerror or exc}.") from exc
    try:
        opened = os.fstat(fd)
        if not stat.S_ISREG(opened.st_mode):  # swapped for something else since the stat
            raise error(f"{path}: not a regular file (a folder, pipe or device); not read.")
        chunks: list[bytes] = []
        size = 0
        while size <= max_bytes:
            chunk = os.read(fd, max_bytes + 1 - size)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError as exc:
        raise error(f"{path}: cannot read the file: {exc.strerror or exc}.") from exc
    finally:
        os.close(fd)
    if size > max_bytes:
        raise error(f"{path}:1:1: the file is larger than {what} can be ({max_bytes // 1024} KiB).")
    return b"".join(chunks)


def decode(raw: bytes, path: Path, error: type[TpcycleError]) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise error(f"{path}:1:1: the file is not UTF-8 text.") from exc


# Scanning and parsing are libyaml's when PyYAML has it (about ten times faster: the bundled
# check rules load in a few milliseconds instead of fifty); composing nodes is always ours.
_LOADER: Any = (
    type(
        "_LibyamlLoader",
        (getattr(yaml.cyaml, "CParser"), yaml.composer.Composer, yaml.resolver.Resolver),  # noqa: B009
        {},
    )
    if getattr(yaml, "__with_libyaml__", False)
    else yaml.SafeLoader
)


def compose(
    text: str, path: Path, error: type[TpcycleError], what: str, *, max_depth: int = MAX_DEPTH
) -> Node:
    """The node tree of one YAML document; a syntax problem, an alias or deep nesting is
    ``error`` with its place in the file."""

    class NodeLoader(_LOADER):  # type: ignore[misc]  # the base is chosen at run time
        """Builds nodes only. Aliases are refused where they appear, so an alias bomb costs
        nothing; plain scalars are never resolved to booleans, numbers or dates."""

        depth = 0
        # The Python composer, over libyaml's events when there is libyaml: the C composer
        # would skip the alias and depth checks below.
        get_single_node = yaml.composer.Composer.get_single_node

        def __init__(self, stream: str) -> None:
            super().__init__(stream)
            yaml.composer.Composer.__init__(self)  # its anchors: libyaml's parser does not
            yaml.resolver.Resolver.__init__(self)

        def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
            if self.check_event(yaml.AliasEvent):
                event = self.get_event()
                raise yaml.MarkedYAMLError(
                    problem=f"aliases (*name) are not allowed in {what}",
                    problem_mark=event.start_mark,
                )
            self.depth += 1
            if self.depth > max_depth:
                event = self.peek_event()
                raise yaml.MarkedYAMLError(
                    problem=f"nested more than {max_depth} levels deep",
                    problem_mark=event.start_mark,
                )
            try:
                node: yaml.Node | None = super().compose_node(parent, index)
                return node
            finally:
                self.depth -= 1

    NodeLoader.yaml_implicit_resolvers = {}  # every plain scalar stays a string
    try:
        loader = NodeLoader(text)
        try:
            node = loader.get_single_node()
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = exc.problem or exc.context or "the YAML cannot be read"
        raise error(f"{path}:{line}:{col}: {problem}") from exc
    except yaml.YAMLError as exc:
        raise error(f"{path}:1:1: the YAML cannot be read ({exc})") from exc
    except RecursionError as exc:  # pragma: no cover - the depth cap comes first
        raise error(f"{path}:1:1: the file is nested too deeply to read") from exc
    if node is None:
        raise error(f"{path}:1:1: the file is empty")
    return node


class Checker:
    """Walks a node tree, collecting every problem with its location."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.problems: list[str] = []

    def problem(self, node: Node, message: str) -> None:
        mark = node.start_mark
        self.problems.append(f"{self.path}:{mark.line + 1}:{mark.column + 1}: {message}")

    @staticmethod
    def is_mapping(node: Node) -> bool:
        return isinstance(node, yaml.MappingNode) and node.tag == _MAP_TAG

    @staticmethod
    def is_sequence(node: Node) -> bool:
        return isinstance(node, yaml.SequenceNode) and node.tag == _SEQ_TAG

    def mapping(
        self, node: Node, what: str, allowed: Iterable[str] | None
    ) -> dict[str, tuple[Node, Node]]:
        """Key -> (key node, value node); duplicate and unknown keys are problems."""
        if not self.is_mapping(node):
            self.problem(node, f"{what} must be a mapping of keys to values")
            return {}
        allowed_set = set(allowed) if allowed is not None else None
        result: dict[str, tuple[Node, Node]] = {}
        for key_node, value_node in node.value:
            key = self.text(key_node, f"a key in {what}")
            if key is None:
                continue
            if key in result:
                self.problem(key_node, f"duplicate key '{key}' in {what}")
                continue
            if allowed_set is not None and key not in allowed_set:
                expected = ", ".join(sorted(allowed_set))
                self.problem(key_node, f"unknown key '{key}' in {what} (expected: {expected})")
                continue
            result[key] = (key_node, value_node)
        return result

    def text(self, node: Node, what: str, *, required: bool = True) -> str | None:
        if not isinstance(node, yaml.ScalarNode) or node.tag != _STR_TAG:
            kind = "a tagged value" if isinstance(node, yaml.ScalarNode) else "a nested block"
            self.problem(node, f"{what} must be plain text, not {kind}")
            return None
        value = str(node.value).strip()
        if required and not value:
            self.problem(node, f"{what} is empty")
            return None
        return value

    def sequence(self, node: Node, what: str) -> list[Node]:
        if not self.is_sequence(node):
            self.problem(node, f"{what} must be a list (lines starting with '- ')")
            return []
        return list(node.value)

    def texts(self, node: Node, what: str) -> list[tuple[Node, str]]:
        """A list of plain texts, each with its node (for locating later problems)."""
        found: list[tuple[Node, str]] = []
        for item in self.sequence(node, what):
            value = self.text(item, f"an item of {what}")
            if value is not None:
                found.append((item, value))
        return found
