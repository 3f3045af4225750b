"""Reading a spreadsheet's CSV of students and their piles or scores. Pure: bytes in, rows out.

Spreadsheets write CSV in many ways: UTF-8 with or without a byte-order mark, UTF-16 (Excel's
"Unicode text"), Windows-1252 or Latin-1; commas, semicolons (where the decimal mark is a
comma) or tabs. The encoding is found from the bytes and the separator from the header line;
anything that cannot be read is one clear error, before anything is saved.
"""

from __future__ import annotations

import codecs
import csv
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from tpcycle.domain import measure_key, strip_controls
from tpcycle.errors import InvalidInput
from tpcycle.messages_classroom import Classroom
from tpcycle.sorting import Pile, Rule, pile_named, read_score

MAX_BYTES = 5 * 1024 * 1024  # a class list is a few kilobytes; this is far beyond any class
MAX_ROWS = 5000
SHOWN = 5  # names listed in an error before "and N more"

STUDENT_COLUMNS = ("student", "name", "student name", "full name", "pupil", "learner", "names")
PILE_COLUMNS = ("pile", "group", "sort", "level", "category")
SCORE_COLUMNS = ("score", "mark", "marks", "points", "result", "total")


@dataclass(frozen=True)
class Decoded:
    """A CSV file's text and how its bytes were read."""

    text: str
    encoding: str  # what the bytes were read as, for a warning when it was a guess
    guessed: bool


def decode(data: bytes) -> Decoded:
    """The text of a CSV file, whatever a spreadsheet saved it as."""
    if not data.strip(b" \t\r\n\x00\xef\xbb\xbf\xff\xfe"):
        raise InvalidInput(Classroom.SORT_CSV_EMPTY)
    for bom, name in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            return Decoded(_strict(data, name), name, False)
    sample = data[:4096]
    if b"\x00" in sample:
        # UTF-16 without a mark: in a list of names nearly every other byte is zero.
        even, odd = sample[0::2].count(0), sample[1::2].count(0)
        if max(even, odd) < len(sample) // 2 * 0.6:
            raise InvalidInput(Classroom.SORT_CSV_NOT_TEXT)
        name = "utf-16-le" if odd > even else "utf-16-be"
        return _text(Decoded(_strict(data, name), name, True))
    try:
        return _text(Decoded(data.decode("utf-8"), "utf-8", False))
    except UnicodeDecodeError:
        pass
    try:
        return _text(Decoded(data.decode("cp1252"), "Windows-1252", True))
    except UnicodeDecodeError:
        return _text(Decoded(data.decode("latin-1"), "Latin-1", True))


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def _text(decoded: Decoded) -> Decoded:
    """Refuse what decoded but is not text: a picture, a spreadsheet's own format, a program."""
    sample = decoded.text[:4096]
    if len(_CONTROL.findall(sample)) > max(2, len(sample) // 100):
        raise InvalidInput(Classroom.SORT_CSV_NOT_TEXT)
    return decoded


def _strict(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InvalidInput(Classroom.SORT_CSV_ENCODING, encoding=encoding) from exc


@dataclass(frozen=True)
class Table:
    """A CSV file's header and rows of cells."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]  # each row's cells, blank rows left out
    lines: tuple[int, ...]  # the line each row ends on, for messages


def read_table(text: str) -> Table:
    """Rows of cells, with the separator (comma, semicolon or tab) found from the header."""
    lines = text.splitlines()
    first = next((line for line in lines if line.strip()), "")
    if not first:
        raise InvalidInput(Classroom.SORT_CSV_EMPTY)
    delimiter = max((",", ";", "\t"), key=first.count)
    said = _SEP_LINE.match(first)  # Excel's own hint, "sep=;", on a line of its own
    if said:
        delimiter = said[1]
        lines[lines.index(first)] = ""
    reader = csv.reader(lines, delimiter=delimiter, strict=False)
    try:
        return _rows(reader)
    except csv.Error as exc:  # a field longer than the csv module takes, and the like
        raise InvalidInput(Classroom.SORT_CSV_UNREADABLE, line=reader.line_num, reason=exc) from exc


_SEP_LINE = re.compile(r"^sep=([,;\t|])\s*$", re.IGNORECASE)


def _rows(reader: Any) -> Table:
    header: tuple[str, ...] | None = None
    rows: list[tuple[str, ...]] = []
    numbers: list[int] = []
    for cells in reader:
        cleaned = tuple(" ".join(strip_controls(c).split()) for c in cells)
        if not any(cleaned):
            continue
        if header is None:
            header = cleaned
            continue
        rows.append(cleaned)
        numbers.append(reader.line_num)
        if len(rows) > MAX_ROWS:
            raise InvalidInput(Classroom.SORT_CSV_TOO_MANY, most=MAX_ROWS)
    if header is None or not rows:
        raise InvalidInput(Classroom.SORT_CSV_NO_ROWS)
    return Table(header, tuple(rows), tuple(numbers))


def column(header: Sequence[str], asked: str | None, known: Sequence[str]) -> int | None:
    """Which column is the one asked for by name, or else the first with a known name."""
    keys = [measure_key(h) for h in header]
    if asked is not None:
        wanted = measure_key(asked)
        if wanted not in keys:
            raise InvalidInput(
                Classroom.SORT_CSV_NO_COLUMN, column=asked, columns=_listed(list(header))
            )
        return keys.index(wanted)
    for name in known:
        if name in keys:
            return keys.index(name)
    return None


@dataclass(frozen=True)
class Row:
    """One student's line in a sort: name, rank, score and line number."""

    name: str
    rank: int
    score: float | None
    line: int


def piles_from_table(
    table: Table,
    piles: Sequence[Pile],
    *,
    student_column: str | None = None,
    pile_column: str | None = None,
    score_column: str | None = None,
    rule: Rule | None = None,
) -> list[Row]:
    """Each row's student and pile: from a pile column, or from a score column and the rule."""
    who = column(table.header, student_column, STUDENT_COLUMNS)
    if who is None:
        raise InvalidInput(Classroom.SORT_CSV_NO_STUDENT, columns=_listed(list(table.header)))
    by_pile = column(table.header, pile_column, PILE_COLUMNS) if score_column is None else None
    by_score = None
    if by_pile is None:
        by_score = column(table.header, score_column, SCORE_COLUMNS)
        if by_score is None:
            raise InvalidInput(Classroom.SORT_CSV_NO_PILE, columns=_listed(list(table.header)))
        if rule is None:
            raise InvalidInput(Classroom.SORT_CSV_NEEDS_RULE, column=table.header[by_score])
    found: list[Row] = []
    bad: list[str] = []
    for cells, line in zip(table.rows, table.lines, strict=True):
        name = cells[who] if who < len(cells) else ""
        if not name:
            bad.append(f"line {line}: no student")
            continue
        if by_pile is not None:
            value = cells[by_pile] if by_pile < len(cells) else ""
            rank = pile_named(piles, value) if value else None
            if rank is None:
                bad.append(f"line {line}: '{value[:30]}' is not a pile")
                continue
            found.append(Row(name, rank, None, line))
            continue
        assert by_score is not None and rule is not None
        value = cells[by_score] if by_score < len(cells) else ""
        score = read_score(value)
        rank = None if score is None else rule.pile_for(score)
        if score is None:
            bad.append(f"line {line}: '{value[:30]}' is not a score")
        elif rank is None:
            bad.append(f"line {line}: {value} fits no pile")
        else:
            found.append(Row(name, rank, score, line))
    if bad:
        raise InvalidInput(Classroom.SORT_CSV_BAD_ROWS, count=len(bad), rows=_listed(bad))
    return found


def _listed(items: list[str]) -> str:
    shown = ", ".join(items[:SHOWN])
    more = len(items) - SHOWN
    return f"{shown} and {more} more" if more > 0 else shown
