"""What ``tpcycle check`` keeps in the user's cache folder so the next run starts quicker.

Two things cost more than all the rest of a check: reading ``rules_en.yaml`` (loading PyYAML and
walking the file, about 20 ms) and compiling each phrase list into one regular expression
(Python's parser reads the thousands of characters one by one: about 60 ms for the lists a
cycle needs). So:

- the lists read from the bundled file are kept in ``rules-<key>.json``, with the file's whole
  text, which must equal the bundled file's for them to be used;
- every list's compiled program (the code Python's own compiler makes for the ``_sre`` engine)
  is kept in one pack, ``patterns-<key>.bin``, made for every list at once the first time, with
  each pattern's whole text (a pattern is taken only for exactly that text) and the interpreter
  it was made by (its cache tag, the engine's ``MAGIC`` and code size, also in the key).
  Loading hands that code to ``_sre.compile``, as ``re.compile`` itself does, so the pattern is
  equal (``==``) to a freshly compiled one; a test holds that for every bundled list. One file
  read once, not a file per list: a check uses about fifty lists, and opening, reading and
  naming fifty files cost about 3 ms of a check's 130.

Nothing here can change an answer: a changed rules file, another Python or tpcycle does not use
what another one kept; a file that is unreadable, cut short, altered (a CRC-32 is checked) or
not the shape written here is ignored, and removed so the next run writes it again; CPython
also checks a program before running it. A cache folder that cannot be written is no error:
everything is then read and compiled every time, as without a folder. Only the command line
passes a folder, so tests and other callers read and write nothing. When the rules change (a
new tpcycle), what was kept for the old ones is removed. (The keys in file names are CRC-32 and
Adler-32 sums, not SHA-256: importing ``hashlib`` starts OpenSSL, which costs more than it would
save.)
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

from tpcycle.checks.text import LIST_NAMES, Rules, list_pattern

FORMAT = 2
MAX_CACHE_BYTES = 2 * 1024 * 1024
MAX_PACK_BYTES = 16 * 1024 * 1024

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
    return _rules(data, source)


def _rules(data: dict[str, Any], source: str) -> Rules | None:
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
    )


def save(folder: Path, raw: bytes, rules: Rules) -> None:
    """Keep ``rules`` for next time; any failure to write is ignored (it only costs speed).
    What was kept for other rules (an older tpcycle's) is removed first, so the folder holds
    one set of rules and its patterns, not one per version ever run."""
    with contextlib.suppress(OSError):
        for old in [*folder.glob("rules-*.json"), *folder.glob("pattern*-*.bin")]:
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


def pack_file(folder: Path, raw: bytes) -> Path:
    """Where the programs of these rules' lists are kept, for this interpreter."""
    return (
        folder / f"patterns-{_key(raw + json.dumps(_marks()).encode() + str(_ENGINE).encode())}.bin"
    )


def with_patterns(folder: Path, raw: bytes, rules: Rules) -> Rules:
    """``rules`` whose lists are compiled from the programs kept in ``folder``'s pack, made now
    for every list at once when there is none (the first check after an install pays for it).
    A folder that cannot be written keeps nothing: every list is then compiled as needed."""
    if _ENGINE is None:
        return rules
    path = pack_file(folder, raw)
    if not path.exists():
        if not _writable(folder):
            return rules
        keep_patterns(path, [list_pattern(phrases) for phrases in rules.lists.values() if phrases])
    return Rules(rules.language, rules.lists, rules.source, rules.description, Pack(path).compile)


def keep_patterns(path: Path, sources: list[str]) -> None:
    """Compile each pattern and keep its program in one pack file, written whole or not at all.

    The file is one line of JSON (the interpreter, and for each pattern the sizes of its text
    and program, its flags and a CRC-32 of both), then each pattern's text and program."""
    index: list[list[int]] = []
    parts: list[bytes] = []
    for source in dict.fromkeys(sources):
        made = _program(source)
        if made is None:
            continue
        flags, program = made
        text = source.encode()
        index.append([len(text), len(program), flags, zlib.crc32(program, zlib.crc32(text))])
        parts += [text, program]
    header = json.dumps({"engine": _ENGINE, "patterns": index}).encode() + b"\n"
    _write(path, header + b"".join(parts))


class Pack:
    """The programs kept in one pack file, read whole the first time a pattern is asked for.

    A plain class: a dataclass's generated methods would be paid for at every ``check``."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._kept: dict[str, tuple[int, int, memoryview]] | None = None

    def compile(self, source: str) -> re.Pattern[str]:
        """``re.compile(source)``, from the kept program when the pack has one for this text."""
        if self._kept is None:
            self._kept = self._read()
        kept = self._kept.get(source)
        if kept is not None:
            pattern = _from_program(source, *kept)
            if pattern is not None:
                return pattern
            self._drop()
        return re.compile(source)

    def _read(self) -> dict[str, tuple[int, int, memoryview]]:
        try:
            with self.path.open("rb") as handle:
                data = handle.read(MAX_PACK_BYTES + 1)
            end = data.index(b"\n")
            fields = json.loads(data[:end])
            if len(data) > MAX_PACK_BYTES or fields.get("engine") != _ENGINE:
                raise ValueError("not this interpreter's pack")
            body = memoryview(data)[end + 1 :]  # slices of a view copy nothing
            kept: dict[str, tuple[int, int, memoryview]] = {}
            at = 0
            for text_size, program_size, flags, crc in fields["patterns"]:
                text = str(body[at : at + text_size], "utf-8")
                program = body[at + text_size : at + text_size + program_size]
                at += text_size + program_size
                if len(program) != program_size or not isinstance(flags, int):
                    raise ValueError("cut short")
                kept[text] = (flags, crc, program)
            return kept
        except FileNotFoundError:
            return {}
        except Exception:  # unreadable, cut short or not ours: made again on the next run
            self._drop()
            return {}

    def _drop(self) -> None:
        with contextlib.suppress(OSError):
            self.path.unlink(missing_ok=True)


@functools.lru_cache(maxsize=8)
def _writable(folder: Path) -> bool:
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError:
        return False
    return os.access(folder, os.W_OK)


@functools.lru_cache(maxsize=256)
def _program(source: str) -> tuple[int, bytes] | None:
    """The flags and program ``re.compile(source)`` runs, as bytes, when this Python lets us
    make them the same way (None otherwise; then nothing is kept). Made once per process."""
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
        return pattern.flags, array("I", code).tobytes()
    except Exception:  # another Python's internals: keep nothing
        return None


def _build(source: str, flags: int, code: list[int], groups: int) -> re.Pattern[str]:
    """A pattern from its program; only patterns without groups are kept."""
    engine: Any = _sre
    pattern: re.Pattern[str] = engine.compile(source, flags, code, groups - 1, {}, (None,) * groups)
    return pattern


def _from_program(source: str, flags: int, crc: int, program: memoryview) -> re.Pattern[str] | None:
    try:
        if zlib.crc32(program, zlib.crc32(source.encode())) != crc:
            return None
        code = array("I")
        code.frombytes(program)
        return _build(source, flags, code.tolist(), 1)
    except Exception:  # refused by the engine's own check of the program
        return None
