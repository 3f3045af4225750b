"""Which time zone the reader is in: a name looked up, or the system's own. See ``clock.py``.

Kept apart from ``clock.py`` because importing ``zoneinfo`` costs about 3 ms (it reads
``sysconfig``), which commands that show no date should not pay.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime, tzinfo
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from tpcycle.errors import InvalidInput
from tpcycle.messages import Message


def zone_named(name: str, variable: str = "TPCYCLE_TZ") -> tzinfo:
    """An IANA zone (``America/Chicago``); a one-line error naming ``variable`` if unknown."""
    key = name.strip().removeprefix(":")
    if key.upper() in ("UTC", "Z", "GMT"):
        return UTC
    try:
        return ZoneInfo(key)
    except (ZoneInfoNotFoundError, ValueError, OSError) as exc:
        raise InvalidInput(Message.UNKNOWN_TIME_ZONE, name=name, variable=variable) from exc


def zone_from_env(env: Mapping[str, str], localtime: Path = Path("/etc/localtime")) -> tzinfo:
    """``TPCYCLE_TZ``, else ``TZ``, else the zone the system is set to."""
    for variable in ("TPCYCLE_TZ", "TZ"):
        value = env.get(variable, "").strip()
        if value:
            return zone_named(value, variable)
    return system_zone(localtime)


def system_zone(localtime: Path = Path("/etc/localtime")) -> tzinfo:
    """The system's zone by name when it can be told (so summer time is right for every date),
    else its offset now."""
    try:
        parts = localtime.resolve().parts
        if "zoneinfo" in parts:
            return ZoneInfo("/".join(parts[parts.index("zoneinfo") + 1 :]))
    except (ZoneInfoNotFoundError, ValueError, OSError):
        pass
    return datetime.now().astimezone().tzinfo or UTC
