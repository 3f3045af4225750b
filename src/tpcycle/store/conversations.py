"""Conversations held on a cycle and their answers: rows in, ``tpcycle.conversation`` objects out.

Kept in their own two tables (migration m012), apart from ``entries``, so nothing that reads
the six steps ever sees an answer.
"""

from __future__ import annotations

import json
import sqlite3
import uuid
from collections.abc import Sequence
from typing import Any

from tpcycle.conversation import Answer, Conversation
from tpcycle.domain import Role

_TALK = ("id", "uid", "cycle_id", "protocol", "protocol_version", "title", "started_at")
_ANSWER = (
    "id",
    "uid",
    "conversation_id",
    "section",
    "question",
    "author",
    "role",
    "text",
    "private",
    "created_at",
    "updated_at",
)


def _answer(row: Sequence[Any]) -> Answer:
    values = dict(zip(_ANSWER, row, strict=True))
    values["role"] = Role(values["role"])
    values["private"] = bool(values["private"])
    return Answer(**values)


class Conversations:
    """The ``conversations`` and ``conversation_answers`` tables."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def start(
        self, cycle_id: int, *, protocol: str, version: str, title: str, now: str, uid: str = ""
    ) -> Conversation:
        uid = uid or str(uuid.uuid4())
        cursor = self.conn.execute(
            "INSERT INTO conversations (uid, cycle_id, protocol, protocol_version, title,"
            " started_at) VALUES (?, ?, ?, ?, ?, ?)",
            [uid, cycle_id, protocol, version, title, now],
        )
        return Conversation(
            int(cursor.lastrowid or 0), uid, cycle_id, protocol, version, title, now
        )

    def get(self, conversation_id: int) -> Conversation | None:
        row = self.conn.execute(
            f"SELECT {', '.join(_TALK)} FROM conversations WHERE id = ?", [conversation_id]
        ).fetchone()
        return None if row is None else self._with_answers(row)

    def id_of(self, uid: str) -> int | None:
        row = self.conn.execute("SELECT id FROM conversations WHERE uid = ?", [uid]).fetchone()
        return None if row is None else int(row[0])

    def of_cycle(self, cycle_id: int) -> tuple[Conversation, ...]:
        return self.of_cycles([cycle_id]).get(cycle_id, ())

    def of_cycles(self, cycle_ids: Sequence[int]) -> dict[int, tuple[Conversation, ...]]:
        """Each cycle's conversations, oldest first, with their answers; two queries in all."""
        if not cycle_ids:
            return {}
        wanted = json.dumps(list(cycle_ids))
        rows = self.conn.execute(
            f"SELECT {', '.join(_TALK)} FROM conversations"
            " WHERE cycle_id IN (SELECT value FROM json_each(?)) ORDER BY started_at, id",
            [wanted],
        ).fetchall()
        if not rows:
            return {}
        answers: dict[int, list[Answer]] = {}
        for row in self.conn.execute(
            f"SELECT {', '.join('a.' + n for n in _ANSWER)} FROM conversation_answers a"
            " JOIN conversations c ON c.id = a.conversation_id"
            " WHERE c.cycle_id IN (SELECT value FROM json_each(?)) ORDER BY a.created_at, a.id",
            [wanted],
        ).fetchall():
            answer = _answer(row)
            answers.setdefault(answer.conversation_id, []).append(answer)
        found: dict[int, list[Conversation]] = {}
        for row in rows:
            values = dict(zip(_TALK, row, strict=True))
            talk = Conversation(**values, answers=tuple(answers.get(values["id"], ())))
            found.setdefault(talk.cycle_id, []).append(talk)
        return {cycle_id: tuple(talks) for cycle_id, talks in found.items()}

    def _with_answers(self, row: Sequence[Any]) -> Conversation:
        rows = self.conn.execute(
            f"SELECT {', '.join(_ANSWER)} FROM conversation_answers WHERE conversation_id = ?"
            " ORDER BY created_at, id",
            [row[0]],
        ).fetchall()
        values = dict(zip(_TALK, row, strict=True))
        return Conversation(**values, answers=tuple(_answer(r) for r in rows))

    def add_answer(self, answer: Answer) -> Answer:
        """Insert an answer (its ``id`` is ignored); returns it with its number."""
        names = [n for n in _ANSWER if n != "id"]
        values = [getattr(answer, n) for n in names]
        values[0] = answer.uid or str(uuid.uuid4())
        values = [v.value if isinstance(v, Role) else v for v in values]
        cursor = self.conn.execute(
            f"INSERT INTO conversation_answers ({', '.join(names)})"
            f" VALUES ({', '.join('?' * len(names))})",
            [int(v) if isinstance(v, bool) else v for v in values],
        )
        found = self.answer(int(cursor.lastrowid or 0))
        assert found is not None
        return found

    def answer(self, answer_id: int) -> Answer | None:
        row = self.conn.execute(
            f"SELECT {', '.join(_ANSWER)} FROM conversation_answers WHERE id = ?", [answer_id]
        ).fetchone()
        return None if row is None else _answer(row)

    def answer_uids(self, conversation_id: int) -> set[str]:
        rows = self.conn.execute(
            "SELECT uid FROM conversation_answers WHERE conversation_id = ?", [conversation_id]
        )
        return {str(r[0]) for r in rows.fetchall()}

    def change_answer(self, answer_id: int, *, text: str, private: bool, now: str) -> None:
        self.conn.execute(
            "UPDATE conversation_answers SET text = ?, private = ?, updated_at = ? WHERE id = ?",
            [text, int(private), now, answer_id],
        )

    def forget_answers(self, answer_ids: Sequence[int]) -> None:
        """Delete answers for real (the journal has ``secure_delete`` on); a conversation left
        with no answers is deleted too."""
        for answer_id in answer_ids:
            self.conn.execute("DELETE FROM conversation_answers WHERE id = ?", [answer_id])
        self.conn.execute(
            "DELETE FROM conversations WHERE NOT EXISTS (SELECT 1 FROM conversation_answers a"
            " WHERE a.conversation_id = conversations.id)"
        )
