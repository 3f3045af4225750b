"""Who this machine speaks for: the one place every other use case asks "who am I".

Kept in ``settings`` under ``me.role`` (teacher or partner) and ``me.name`` (the person's full
name). It becomes the default author of every entry written here and the first voice of a
guided session on this machine.
"""

from __future__ import annotations

from tpcycle.domain import Me, Role, clean_name
from tpcycle.errors import InvalidInput
from tpcycle.store import Journal, UnitOfWork

ROLE_KEY = "me.role"
NAME_KEY = "me.name"
_ROLES = (Role.TEACHER.value, Role.PARTNER.value)


def me_in(uow: UnitOfWork) -> Me | None:
    """Who this machine speaks for, inside a unit of work already open (None: nobody said)."""
    role, name = uow.settings.get(ROLE_KEY), uow.settings.get(NAME_KEY)
    if role not in _ROLES or not name:
        return None  # never set, or damaged by hand: the teacher stays the default
    return Me(Role(role), name)


def whoami(journal: Journal) -> Me | None:
    with journal.read() as uow:
        return me_in(uow)


def set_me(journal: Journal, role: Role, name: str) -> Me:
    """Say whom this machine speaks for; the name is cleaned like any name and must be there."""
    # The partnership's sentences load here, not with the module: every entry recorded asks
    # me_in() who is writing, and must not pay for them.
    from tpcycle.messages_partnership import Partnership

    if role not in (Role.TEACHER, Role.PARTNER):
        raise InvalidInput(Partnership.WHOAMI_ONE_ROLE)
    cleaned = clean_name(name, "", "name")
    if not cleaned:
        raise InvalidInput(Partnership.WHOAMI_NAME_EMPTY)
    with journal.write() as uow:
        uow.settings.set(ROLE_KEY, role.value)
        uow.settings.set(NAME_KEY, cleaned)
    return Me(role, cleaned)


def clear_me(journal: Journal) -> None:
    with journal.write() as uow:
        uow.settings.delete(ROLE_KEY, NAME_KEY)
