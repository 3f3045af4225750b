"""The one family of errors tpcycle shows to people: each carries a single clear sentence.

An error is raised either with a plain sentence (as the lower layers still do) or with a
message id from the catalogue and its values, which tests can compare without the wording::

    raise InvalidInput(Message.EXPORT_NOTHING)
    raise StoreError(Message.CANNOT_WRITE_FILE, path=path, reason="disk full")
"""

from __future__ import annotations

from enum import Enum
from typing import Any

from tpcycle.messages import AnyMessage, Said, text


class TpcycleError(Exception):
    """A problem the user can act on; the CLI prints ``Error: <message>`` and exits 1."""

    def __init__(self, message: str | AnyMessage, /, **values: Any) -> None:
        if isinstance(message, Enum):  # a member of one of the catalogues
            self.said: Said | None = Said(message, values)
            sentence = text(message, **values)
        else:
            self.said = None
            sentence = message
        super().__init__(sentence)
        self.message = sentence

    @property
    def message_id(self) -> AnyMessage | None:
        return self.said.id if self.said else None


class InvalidInput(TpcycleError):
    """Text, names or values the user gave cannot be used as they are."""


class NotFound(TpcycleError):
    """A cycle, entry or protocol the user named does not exist."""


class StoreError(TpcycleError):
    """The journal file cannot be opened, read or written."""


class ProtocolError(TpcycleError):
    """A protocol file is missing, unreadable or breaks the protocol schema."""

    def __init__(self, message: str, problems: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.problems = problems or (message,)
