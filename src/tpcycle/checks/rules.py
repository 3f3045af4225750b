"""Read a check-rules file (YAML) into ``Rules``: the same strict reader as protocols.

A rules file has ``language``, an optional ``description`` and ``patterns``: a mapping from list
name to a list of phrases. Unknown keys, a phrase that is not valid, or one that could make
matching slow (nested repeats, back-references) is an error naming ``file:line:column``.

PyYAML is loaded only when a rules file is read as YAML (a function-level import in
``parse_rules``): the bundled rules usually come from the user's cache (``checks.saved``), and
``check`` then never loads it.
"""

from __future__ import annotations

import functools
from pathlib import Path

from tpcycle.checks import saved
from tpcycle.checks.text import LIST_NAMES, Rules, phrase_problem
from tpcycle.errors import TpcycleError

MAX_RULES_BYTES = 512 * 1024
BUNDLED = Path(__file__).resolve().parent / "rules_en.yaml"
_TOP_KEYS = ("language", "description", "patterns")


class RulesError(TpcycleError):
    """A check-rules file is missing, unreadable or breaks the rules schema."""

    def __init__(self, message: str, problems: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.problems = problems or (message,)


def load_rules(path: Path, *, source: str = "user", checked: bool = True) -> Rules:
    from tpcycle import yamlreader  # the seam: PyYAML only when a file is read as YAML

    raw = yamlreader.read_file(path, MAX_RULES_BYTES, RulesError, "a rules file")
    return parse_rules(raw, path, source=source, checked=checked)


def parse_rules(raw: bytes, path: Path, *, source: str = "user", checked: bool = True) -> Rules:
    """``checked=False`` skips the per-phrase safety check; only for the bundled file, whose
    phrases the test suite checks (tests/test_checks.py)."""
    from tpcycle import yamlreader  # the seam: PyYAML only when a file is read as YAML

    if len(raw) > MAX_RULES_BYTES:
        raise RulesError(f"{path}:1:1: the file is larger than a rules file can be (512 KiB).")
    root = yamlreader.compose(
        yamlreader.decode(raw, path, RulesError), path, RulesError, "a rules file"
    )
    checker = yamlreader.Checker(path)
    top = checker.mapping(root, "the rules file", _TOP_KEYS)
    if not top and not checker.problems:
        checker.problem(root, "the rules file has no keys")
    if top and "language" not in top:
        checker.problem(root, "missing required key 'language'")
    if top and "patterns" not in top:
        checker.problem(root, "missing required key 'patterns'")
    language = checker.text(top["language"][1], "'language'") if "language" in top else None
    description = ""
    if "description" in top:
        description = checker.text(top["description"][1], "'description'", required=False) or ""
    lists: dict[str, tuple[str, ...]] = {}
    if "patterns" in top:
        found = checker.mapping(top["patterns"][1], "'patterns'", LIST_NAMES)
        for name, (_key, value) in found.items():
            phrases: list[str] = []
            for node, phrase in checker.texts(value, f"'{name}'"):
                problem = phrase_problem(phrase) if checked else None
                if problem:
                    checker.problem(node, f"in '{name}', {problem}: {phrase[:60]}")
                else:
                    phrases.append(phrase)
            lists[name] = tuple(phrases)
    if checker.problems:
        raise RulesError(checker.problems[0], tuple(checker.problems))
    return Rules(language=language or "", lists=lists, source=source, description=description)


@functools.lru_cache(maxsize=4)
def bundled_rules(cache: Path | None = None) -> Rules:
    """The English rules that ship with tpcycle (read once per process). With a ``cache``
    folder (the command line passes the user's), they are kept there as JSON for the next run,
    keyed by the file's bytes (``checks.saved``)."""
    if cache is None:
        return load_rules(BUNDLED, source="bundled", checked=False)
    raw = BUNDLED.read_bytes()
    kept = saved.load(cache, raw, "bundled")
    if kept is None:
        kept = parse_rules(raw, BUNDLED, source="bundled", checked=False)
        saved.save(cache, raw, kept)
    return saved.with_patterns(cache, raw, kept)


def bundled_text() -> str:
    return BUNDLED.read_text(encoding="utf-8")
