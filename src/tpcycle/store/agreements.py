"""The agreement_answers table: every answer of every pair's agreement, one row per change."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

from tpcycle.agreement import AgreementAnswer, pair_key
from tpcycle.domain import Role

_COLUMNS = (
    "uid",
    "teacher",
    "partner",
    "key",
    "part",
    "question",
    "text",
    "author",
    "role",
    "created_at",
)
_SELECT = f"SELECT {', '.join(_COLUMNS)} FROM agreement_answers"


class Agreements:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def add(self, answer: AgreementAnswer) -> bool:
        """Keep one answer; False when a row with its uid is already here (merging twice)."""
        values = [getattr(answer, c) for c in _COLUMNS]
        values[_COLUMNS.index("role")] = answer.role.value
        cursor = self.conn.execute(
            f"INSERT OR IGNORE INTO agreement_answers ({', '.join(_COLUMNS)}, pair)"
            f" VALUES ({', '.join('?' * len(_COLUMNS))}, ?)",
            [*values, answer.pair],
        )
        return cursor.rowcount == 1

    def of_pair(self, teacher: str, partner: str) -> tuple[AgreementAnswer, ...]:
        rows = self.conn.execute(
            f"{_SELECT} WHERE pair = ? ORDER BY created_at, id", [pair_key(teacher, partner)]
        )
        return tuple(_answer(r) for r in rows)

    def cycles_started_since(self, teacher: str, partner: str, since: str) -> int:
        """How many of the pair's cycles were started since ``since`` (the same second counts)."""
        wanted = pair_key(teacher, partner)
        rows = self.conn.execute(
            "SELECT teacher, partner FROM cycles WHERE created_at >= ?", [since]
        )
        return sum(1 for t, p in rows if pair_key(t, p) == wanted)

    def forget_pair(self, rows: Iterable[AgreementAnswer]) -> None:
        self.conn.executemany(
            "DELETE FROM agreement_answers WHERE uid = ?", [(a.uid,) for a in rows]
        )


def _answer(row: sqlite3.Row | tuple[object, ...]) -> AgreementAnswer:
    values = dict(zip(_COLUMNS, row, strict=True))
    return AgreementAnswer(
        uid=str(values["uid"]),
        teacher=str(values["teacher"]),
        partner=str(values["partner"]),
        key=str(values["key"]),
        part=str(values["part"]),
        question=str(values["question"]),
        text=str(values["text"]),
        author=str(values["author"]),
        role=Role(str(values["role"])),
        created_at=str(values["created_at"]),
    )
