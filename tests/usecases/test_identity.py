"""Who this machine speaks for: set, read, cleared, and used as the default voice."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.usecases.helpers import journal_at, start
from tpcycle.domain import Me, Role, Step
from tpcycle.errors import InvalidInput
from tpcycle.messages import Message
from tpcycle.messages_partnership import Partnership
from tpcycle.usecases import identity, recording
from tpcycle.usecases.identity import NAME_KEY, ROLE_KEY


def test_nobody_is_named_until_someone_says(tmp_path: Path) -> None:
    journal = journal_at(tmp_path / "j.db")
    assert identity.whoami(journal) is None
    assert identity.set_me(journal, Role.PARTNER, "  Sam \t Lee ") == Me(Role.PARTNER, "Sam Lee")
    assert identity.whoami(journal) == Me(Role.PARTNER, "Sam Lee")
    identity.clear_me(journal)
    assert identity.whoami(journal) is None


@pytest.mark.parametrize("name", ["", "   ", "\x1b\x07", None])
def test_an_empty_name_is_refused(tmp_path: Path, name: str | None) -> None:
    journal = journal_at(tmp_path / "j.db")
    with pytest.raises(InvalidInput) as caught:
        identity.set_me(journal, Role.TEACHER, name or "")
    assert caught.value.message_id is Partnership.WHOAMI_NAME_EMPTY
    assert identity.whoami(journal) is None


def test_a_huge_name_is_refused_and_controls_are_cleaned(tmp_path: Path) -> None:
    journal = journal_at(tmp_path / "j.db")
    with pytest.raises(InvalidInput, match="longer than"):
        identity.set_me(journal, Role.TEACHER, "A" * 5000)
    me = identity.set_me(journal, Role.TEACHER, "[bold]Ana\x1b[31m Ruiz")
    assert me.name == "[bold]Ana[31m Ruiz"


def test_other_is_not_an_identity(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput):
        identity.set_me(journal_at(tmp_path / "j.db"), Role.OTHER, "Dana")


def test_a_damaged_setting_reads_as_nobody(tmp_path: Path) -> None:
    journal = journal_at(tmp_path / "j.db")
    with journal.write() as uow:
        uow.settings.set(ROLE_KEY, "coach")
        uow.settings.set(NAME_KEY, "Sam")
    assert identity.whoami(journal) is None


def test_the_partner_machine_writes_in_the_partners_voice(tmp_path: Path) -> None:
    journal = journal_at(tmp_path / "j.db")
    identity.set_me(journal, Role.PARTNER, "Sam Lee")
    started = start(journal)
    assert (started.entry.author, started.entry.role) == ("Sam Lee", Role.PARTNER)
    saved = recording.add_entry(
        journal, cycle_id=None, step=Step.REFLECTION, text="Sorting first I take to my room"
    )
    assert (saved.entry.author, saved.entry.role) == ("Sam Lee", Role.PARTNER)
    said_teacher = recording.add_entry(
        journal, cycle_id=None, step=Step.REFLECTION, text="Mine", by="ana"
    )
    assert said_teacher.entry.role is Role.TEACHER


def test_an_unknown_by_is_refused_and_nothing_is_saved(tmp_path: Path) -> None:
    journal = journal_at(tmp_path / "j.db")
    start(journal)
    with pytest.raises(InvalidInput) as caught:
        recording.add_entry(journal, cycle_id=None, step=Step.MOVE, text="x", by="coach")
    assert caught.value.message_id is Message.BY_UNKNOWN
    with journal.read() as uow:
        assert uow.entries.count() == 1
