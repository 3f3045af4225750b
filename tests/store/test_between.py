"""The promises and notes tables: rows in, objects out; they go with their cycle."""

from __future__ import annotations

from pathlib import Path

from tests.usecases.helpers import start
from tpcycle.between import Note, NoteKind, Promise, PromiseState
from tpcycle.domain import Role
from tpcycle.store import open_journal
from tpcycle.usecases.privacy import forget_cycle


def test_rows_round_trip_and_leave_with_their_cycle(tmp_path: Path) -> None:
    journal = open_journal(tmp_path / "j.db", create=True)
    cycle = start(journal).cycle
    with journal.write() as uow:
        promise_id = uow.promises.add(
            Promise(
                0,
                "p-1",
                cycle.id,
                "Bring tickets",
                "Ana Ruiz",
                Role.TEACHER,
                "2026-12-04",
                PromiseState.OPEN,
                None,
                "Ana Ruiz",
                Role.TEACHER,
                uow.now,
            )
        )
        ask = uow.notes.add(
            Note(0, "n-1", cycle.id, NoteKind.ASK, "Sam Lee", Role.PARTNER, "?", uow.now)
        )
        uow.notes.add(
            Note(0, "n-2", cycle.id, NoteKind.ANSWER, "Ana", Role.TEACHER, "!", uow.now, "n-1")
        )
        uow.promises.set_state(promise_id, PromiseState.DONE, uow.now)
    with journal.read() as uow:
        found = uow.promises.get(promise_id)
        assert (
            found is not None
            and found.state is PromiseState.DONE
            and found.owner_role is Role.TEACHER
        )
        assert uow.notes.unanswered_asks([cycle.id]) == []
        assert uow.notes.ids_of(["n-1"]) == {"n-1": ask}
        assert uow.notes.known(["n-2", "zz"]) == {"n-2": cycle.id}
        tables = {r[0] for r in uow.cycles.conn.execute("SELECT name FROM sqlite_master")}
        assert {"promises", "notes"} <= tables
    forget_cycle(journal, cycle.id)
    with journal.read() as uow:
        assert uow.promises.get(promise_id) is None and uow.notes.get(ask) is None
    journal.close()
