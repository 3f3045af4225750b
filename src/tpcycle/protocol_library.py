"""Where protocols are found (the bundled ones and the user's), and what is kept of them between
runs so that a command that only asks a protocol's questions does not load PyYAML.

Reading a protocol file means importing PyYAML and checking the node tree (``tpcycle.protocols``):
about 15 ms, paid by ``status`` on every run to show the next step's questions. A library given
a cache folder keeps each protocol it has read there, as JSON, beside the file's whole text, its
path and its source; a later run that finds the same bytes at the same place reads the JSON (the
bytes are compared in full: no checksum to trust, and no hashlib to load).
A file that changes, moves or cannot be kept is read from the YAML as before, so every error a
protocol file can have is still found and reported by ``tpcycle.protocols``, and only protocols
that were read without error are ever kept.
"""

from __future__ import annotations

import json
import os
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tpcycle.domain import Step
from tpcycle.errors import NotFound, ProtocolError
from tpcycle.protocol import Ask, Kind, Protocol, Question, Section

MAX_FILE_BYTES = 256 * 1024
_FORMAT = 2  # bump when the kept shape changes: older files are then never read


def bundled_dir() -> Path:
    """Where the protocols that ship with tpcycle live (inside the wheel, or the source tree)."""
    packaged = Path(__file__).resolve().parent / "protocols"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "protocols"


@dataclass(frozen=True)
class Library:
    """The bundled protocols and the user's own, which override bundled ones of the same name;
    ``cache``: where read protocols are kept between runs (none: always read the files)."""

    bundled: Path
    user: Path | None
    cache: Path | None = None

    def scan(self) -> tuple[dict[str, tuple[Path, str]], tuple[Path, ...]]:
        """Protocol files by name, and the ``*.yaml`` names that are not regular files (a
        pipe, a device, a dangling link): those are skipped, never opened."""
        found: dict[str, tuple[Path, str]] = {}
        skipped: list[Path] = []
        for folder, source in ((self.bundled, "bundled"), (self.user, "user")):
            if folder is not None and folder.is_dir():
                for path in sorted(folder.glob("*.yaml")) + sorted(folder.glob("*.yml")):
                    if path.is_file():
                        found[path.stem] = (path, source)
                    else:
                        skipped.append(path)
        return found, tuple(skipped)

    def files(self) -> dict[str, tuple[Path, str]]:
        return self.scan()[0]

    def load(self, name: str) -> Protocol:
        files = self.files()
        if name not in files:
            known = ", ".join(sorted(files)) or "none"
            raise NotFound(f"There is no protocol named '{name}' (known: {known}).")
        path, source = files[name]
        return self._read(path, source, name)

    def load_cycle(self, name: str) -> Protocol:
        """A protocol for the six steps of a cycle; a conversation protocol is refused."""
        protocol = self.load(name)
        if protocol.is_conversation:
            raise ProtocolError(
                f"'{name}' is a conversation protocol, not one for a cycle's six steps;"
                f" hold it with 'tpcycle session --protocol {name}'."
            )
        return protocol

    def load_all(self) -> Iterator[Protocol | ProtocolError]:
        """Every protocol, or the error that stops it loading; a listing shows errors as
        warnings, including one for each skipped file that is not a regular file."""
        files, skipped = self.scan()
        for path in skipped:
            yield ProtocolError(
                f"{path}: not a regular file (a pipe, device or broken link); skipped."
            )
        for name, (path, source) in sorted(files.items()):
            try:
                yield self._read(path, source, name)
            except ProtocolError as exc:
                yield exc

    def _read(self, path: Path, source: str, name: str) -> Protocol:
        raw = _small_bytes(path) if self.cache is not None else None
        if raw is not None and self.cache is not None:
            kept = _kept(self.cache, raw, path, source, name)
            if kept is not None:
                return kept
        # The one place the YAML reader (and PyYAML) loads: a file not kept, or no cache.
        from tpcycle.protocols import load_protocol

        protocol = load_protocol(path, source=source, expect_name=name)
        if raw is not None and self.cache is not None:
            _keep(self.cache, raw, protocol)
        return protocol


def _small_bytes(path: Path) -> bytes | None:
    """The file's bytes, or None when it is too large or cannot be read (the YAML reader then
    says why)."""
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            return None
        raw = path.read_bytes()
    except OSError:
        return None
    return raw if len(raw) <= MAX_FILE_BYTES else None


def _place(cache: Path, raw: bytes, path: Path, source: str) -> tuple[Path, str]:
    """Where a file's protocol is kept (named by its place, its length and a CRC of its bytes),
    and the file's bytes as text (Latin-1: one character a byte, compared in full)."""
    where = zlib.crc32(f"{_FORMAT}\0{path}\0{source}".encode("utf-8", "surrogateescape"))
    name = f"protocol-{where:08x}-{len(raw)}-{zlib.crc32(raw):08x}.json"
    return cache / name, raw.decode("latin-1")


def _kept(cache: Path, raw: bytes, path: Path, source: str, name: str) -> Protocol | None:
    file, text = _place(cache, raw, path, source)
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
        if (data["format"], data["bytes"], data["path"], data["source"]) != (
            _FORMAT,
            text,
            str(path),
            source,
        ):
            return None
        protocol = _from_dict(data["protocol"], path, source)
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None  # not kept, or damaged: read the file
    return protocol if protocol.name == name else None


def _keep(cache: Path, raw: bytes, protocol: Protocol) -> None:
    assert protocol.path is not None
    file, text = _place(cache, raw, protocol.path, protocol.source)
    data = {
        "format": _FORMAT,
        "bytes": text,
        "path": str(protocol.path),
        "source": protocol.source,
        "protocol": _to_dict(protocol),
    }
    temp = file.with_name(f"{file.name}.{os.getpid()}.tmp")
    try:
        cache.mkdir(parents=True, exist_ok=True, mode=0o700)
        temp.write_text(json.dumps(data), encoding="utf-8")
        os.replace(temp, file)
    except OSError:  # a cache that cannot be written only costs the next run the YAML
        temp.unlink(missing_ok=True)


def _question_dict(q: Question) -> dict[str, Any]:
    return {"id": q.id, "text": q.text, "hint": q.hint, "ask": q.ask.value}


def _to_dict(p: Protocol) -> dict[str, Any]:
    return {
        "name": p.name,
        "version": p.version,
        "title": p.title,
        "description": p.description,
        "steps": [[s.value, [_question_dict(q) for q in qs]] for s, qs in p.steps.items()],
        "norms": list(p.norms),
        "kind": p.kind.value,
        "sections": [
            {"name": s.name, "questions": [_question_dict(q) for q in s.questions]}
            for s in p.sections
        ],
    }


def _question(d: dict[str, Any]) -> Question:
    hint = d["hint"]
    return Question(
        id=str(d["id"]),
        text=str(d["text"]),
        hint=None if hint is None else str(hint),
        ask=Ask(d["ask"]),
    )


def _from_dict(d: dict[str, Any], path: Path, source: str) -> Protocol:
    return Protocol(
        name=str(d["name"]),
        version=str(d["version"]),
        title=str(d["title"]),
        description=str(d["description"]),
        steps={Step(s): tuple(_question(q) for q in qs) for s, qs in d["steps"]},
        norms=tuple(str(n) for n in d["norms"]),
        path=path,
        source=source,
        kind=Kind(d["kind"]),
        sections=tuple(
            Section(name=str(s["name"]), questions=tuple(_question(q) for q in s["questions"]))
            for s in d["sections"]
        ),
    )
