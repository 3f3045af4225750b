"""The one family of errors tpcycle shows to people: each carries a single clear sentence."""


class TpcycleError(Exception):
    """A problem the user can act on; the CLI prints ``Error: <message>`` and exits 1."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


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
