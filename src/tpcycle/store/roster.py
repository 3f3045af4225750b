"""The roster: each student's name, the key it is found by, its alias, and how it is looked for."""

from __future__ import annotations

import json

from tpcycle.domain import RosterName
from tpcycle.store.records import Table


class Students(Table):
    """The roster: each student's name, the key it is found by, its alias, how it is looked for."""

    def all(self) -> list[RosterName]:
        """Every student, in the order they were added."""
        rows = self.conn.execute(
            "SELECT name, alias, exempt, every_case FROM students ORDER BY id"
        ).fetchall()
        return [
            RosterName(str(r[0]), str(r[1]), frozenset(json.loads(r[2])), bool(r[3])) for r in rows
        ]

    def set_rules(self, name_key: str, *, exempt: frozenset[str], every_case: bool) -> None:
        self.conn.execute(
            "UPDATE students SET exempt = ?, every_case = ? WHERE name_key = ?",
            [json.dumps(sorted(exempt)), int(every_case), name_key],
        )

    def get(self, name_key: str) -> tuple[str, str] | None:
        row = self.conn.execute(
            "SELECT name, alias FROM students WHERE name_key = ?", [name_key]
        ).fetchone()
        return None if row is None else (str(row[0]), str(row[1]))

    def add(self, *, name: str, name_key: str, alias: str, at: str) -> None:
        self._insert(
            "students", {"name": name, "name_key": name_key, "alias": alias, "created_at": at}
        )

    def delete(self, name_key: str) -> None:
        self.conn.execute("DELETE FROM students WHERE name_key = ?", [name_key])

    def count(self) -> int:
        return int(self.conn.execute("SELECT count(*) FROM students").fetchone()[0])
