"""What ``tpcycle check`` keeps in the user's cache folder so the next run starts quicker.

Two things cost more than all the rest of a check: reading ``rules_en.yaml`` (loading PyYAML and
walking the file, about 20 ms) and compiling each phrase list into one regular expression
(Python's parser reads the thousands of characters one by one: about 60 ms for the lists a
cycle needs). So:

- the lists read from the bundled file are kept in ``rules-<key>.json``, with the file's whole
  text, which must equal the bundled file's for them to be used;
- each list's compiled program (the code Python's own compiler makes for the ``_sre`` engine)
  is kept in ``pattern-<key>.bin``, with the pattern's whole text and the interpreter it was
  made by (its cache tag, the engine's ``MAGIC`` and code size), which must both be equal.
  Loading hands that code to ``_sre.compile``, as ``re.compile`` itself does, so the pattern is
  equal (``==``) to a freshly compiled one; a test holds that for every bundled list.

Nothing here can change an answer: a changed rules file, another Python or tpcycle does not use
what another one kept; a file that is unreadable, cut short, altered (a CRC-32 is checked) or
not the shape written here is ignored and written again; CPython also checks a program before
running it. A cache folder that cannot be written is no error: everything is then read and
compiled every time, as without a folder. Only the command line passes a folder, so tests and
other callers read and write nothing. When the rules change (a new tpcycle), what was kept for
the old ones is removed. (The keys in file names are CRC-32 and Adler-32 sums,
not SHA-256: importing ``hashlib`` starts OpenSSL, which costs more than it would save.)
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import re
import sys
import zlib
from array import array
from pathlib import Path
from typing import Any

from tpcycle.checks.text import LIST_NAMES, Rules

FORMAT = 1
MAX_CACHE_BYTES = 2 * 1024 * 1024

try:  # CPython's regular-expression engine and compiler: what re.compile itself runs
    import _sre  # type: ignore[import-not-found]
    from re import _compiler, _parser  # type: ignore[attr-defined]

    _ENGINE: str | None = f"{sys.implementation.cache_tag}/{_sre.MAGIC}/{_sre.CODESIZE}/{FORMAT}"
except (ImportError, AttributeError):  # another Python: patterns are compiled as usual
    _sre = _compiler = _parser = None
    _ENGINE = None


def _key(data: bytes) -> str:
    """A name for a file kept for ``data`` (its content is compared in full before use)."""
    return f"{zlib.crc32(data):08x}{zlib.adler32(data):08x}{len(data):x}"


def _marks() -> dict[str, Any]:
    """What else must be equal for kept rules to be used: this format and the list names."""
    return {"format": FORMAT, "names": list(LIST_NAMES)}


def cache_file(folder: Path, raw: bytes) -> Path:
    return folder / f"rules-{_key(raw + json.dumps(_marks()).encode())}.json"


def load(folder: Path, raw: bytes, source: str) -> Rules | None:
    """The rules kept for these bytes, or None when there are none (or they are unusable)."""
    path = cache_file(folder, raw)
    try:
        with path.open("rb") as handle:
            data = json.loads(handle.read(MAX_CACHE_BYTES + 1)[:MAX_CACHE_BYTES])
        if not isinstance(data, dict) or data.get("rules") != raw.decode("utf-8"):
            return None
    except (OSError, ValueError):
        return None
    return _rules(data, source, folder)


def _rules(data: dict[str, Any], source: str, folder: Path) -> Rules | None:
    if any(data.get(mark) != value for mark, value in _marks().items()):
        return None
    language, description, lists = data.get("language"), data.get("description"), data.get("lists")
    if not isinstance(language, str) or not isinstance(description, str):
        return None
    if not isinstance(lists, dict) or not set(lists) <= set(LIST_NAMES):
        return None
    checked: dict[str, tuple[str, ...]] = {}
    for name, phrases in lists.items():
        if not isinstance(phrases, list) or not all(isinstance(p, str) for p in phrases):
            return None
        checked[name] = tuple(phrases)
    return Rules(
        language=language,
        lists=checked,
        source=source,
        description=description,
        compiler=compiler(folder),
    )


def save(folder: Path, raw: bytes, rules: Rules) -> None:
    """Keep ``rules`` for next time; any failure to write is ignored (it only costs speed).
    What was kept for other rules (an older tpcycle's) is removed first, so the folder holds
    one set of rules and its patterns, not one per version ever run."""
    with contextlib.suppress(OSError):
        for old in [*folder.glob("rules-*.json"), *folder.glob("pattern-*.bin")]:
            old.unlink(missing_ok=True)
    data = {
        **_marks(),
        "rules": raw.decode("utf-8"),
        "language": rules.language,
        "description": rules.description,
        "lists": {name: list(phrases) for name, phrases in rules.lists.items()},
    }
    _write(cache_file(folder, raw), json.dumps(data, ensure_ascii=False).encode())


def _write(path: Path, content: bytes) -> None:
    """Write ``content`` whole or not at all (a reader never sees half a file); a failure is
    ignored, it only costs the next run its speed."""
    temp = path.with_name(f".{path.name}.{os.getpid()}.{os.urandom(4).hex()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(content)
        os.replace(temp, path)
    except OSError:
        with contextlib.suppress(OSError):
            temp.unlink(missing_ok=True)


# -- compiled patterns -----------------------------------------------------------------------


@functools.lru_cache(maxsize=8)
def compiler(folder: Path) -> functools.partial[re.Pattern[str]]:
    """A ``re.compile`` for rules lists that keeps each compiled pattern in ``folder``."""
    return functools.partial(compile_kept, folder)


def compile_kept(folder: Path, source: str) -> re.Pattern[str]:
    """``re.compile(source)``, from the program kept in ``folder`` when there is one."""
    if _ENGINE is None:
        return re.compile(source)
    path = folder / f"pattern-{_key(f'{_ENGINE}{source}'.encode())}.bin"
    kept = _load_pattern(path, source)
    if kept is not None:
        return kept
    pattern = re.compile(source)
    if _writable(folder):  # making the program to keep costs a second compile: only if kept
        program = _program(source)
        if program is not None:
            _write(path, _header(source, pattern, program) + program)
    return pattern


@functools.lru_cache(maxsize=8)
def _writable(folder: Path) -> bool:
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError:
        return False
    return os.access(folder, os.W_OK)


@functools.lru_cache(maxsize=256)
def _program(source: str) -> bytes | None:
    """The program ``re.compile(source)`` runs, as bytes, when this Python lets us make it the
    same way (None otherwise; then nothing is kept). Made once per process."""
    try:
        parsed = _parser.parse(source, 0)
        code = _compiler._code(parsed, 0)
        pattern = _build(source, parsed.state.flags, code, parsed.state.groups)
        if (
            parsed.state.groups != 1  # a capturing group: not kept (the lists have none)
            or pattern != re.compile(source)  # the same program, flags and text
            or array("I").itemsize != _sre.CODESIZE
        ):
            return None
        return array("I", code).tobytes()
    except Exception:  # another Python's internals: keep nothing
        return None


def _build(source: str, flags: int, code: list[int], groups: int) -> re.Pattern[str]:
    """A pattern from its program; only patterns without groups are kept."""
    engine: Any = _sre
    pattern: re.Pattern[str] = engine.compile(source, flags, code, groups - 1, {}, (None,) * groups)
    return pattern


def _header(source: str, pattern: re.Pattern[str], program: bytes) -> bytes:
    fields = {
        "engine": _ENGINE,
        "source": source,
        "flags": pattern.flags,
        "groups": pattern.groups + 1,
        "crc32": zlib.crc32(program),
    }
    return json.dumps(fields).encode() + b"\n"  # one line: JSON escapes the line breaks


def _load_pattern(path: Path, source: str) -> re.Pattern[str] | None:
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_CACHE_BYTES + 1)
        head, _, program = data.partition(b"\n")
        fields = json.loads(head)
        if (
            len(data) > MAX_CACHE_BYTES
            or not isinstance(fields, dict)
            or fields.get("engine") != _ENGINE
            or fields.get("source") != source
            or fields.get("crc32") != zlib.crc32(program)
            or not isinstance(fields.get("flags"), int)
            or fields.get("groups") != 1
        ):
            return None
        code = array("I")
        code.frombytes(program)
        return _build(source, fields["flags"], code.tolist(), 1)
    except Exception:  # unreadable, altered, or refused by the engine's own check of the program
        return None
