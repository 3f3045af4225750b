"""The folders tpcycle keeps its journal and its caches in: the platform's usual ones.

``platformdirs`` knows every platform's rules, and costs 3-6 ms to import and ask on each
command. On Linux, in the everyday case (an absolute ``HOME``, and the XDG variable unset or
absolute), the answer is simple enough to give here, and a test holds it equal to
``platformdirs``'s; anything else asks ``platformdirs`` itself.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP = "tpcycle"


def user_data_dir() -> Path:
    """Where the journal lives when no ``--db`` or ``TPCYCLE_DB`` names one."""
    simple = _xdg("XDG_DATA_HOME", ".local/share")
    if simple is not None:
        return simple
    from platformdirs import user_data_dir as asked  # the seam: other platforms and odd setups

    return Path(asked(APP, appauthor=False))


def user_cache_dir() -> Path:
    """Where compiled rules and read protocols are kept between runs."""
    simple = _xdg("XDG_CACHE_HOME", ".cache")
    if simple is not None:
        return simple
    from platformdirs import user_cache_dir as asked

    return Path(asked(APP, appauthor=False))


def _xdg(variable: str, default: str) -> Path | None:
    if not sys.platform.startswith("linux"):
        return None
    home = os.environ.get("HOME", "")
    chosen = os.environ.get(variable, "")
    if not os.path.isabs(home) or (chosen and not os.path.isabs(chosen)):
        return None
    return Path(chosen or os.path.join(home, default), APP)
