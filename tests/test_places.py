"""Where the journal and the caches live: the quick answer on Linux must be platformdirs's."""

from __future__ import annotations

import sys
from pathlib import Path

import platformdirs
import pytest

from tpcycle import places

linux_only = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="the quick answer is given on Linux only"
)


@linux_only
@pytest.mark.parametrize(
    ("home", "data", "cache"),
    [
        ("/home/ana", None, None),
        ("/home/ana", "/srv/data", "/srv/cache"),
        ("/home/ana", "", ""),  # set but empty: the defaults
        ("/home/ana", "relative/data", "relative/cache"),  # not absolute: platformdirs decides
        ("relative-home", None, None),  # an odd HOME: platformdirs decides
        ("/home/ana lópez/\u0131", None, None),  # spaces and letters beyond ASCII
    ],
)
def test_the_folders_are_platformdirs_folders(
    monkeypatch: pytest.MonkeyPatch, home: str, data: str | None, cache: str | None
) -> None:
    monkeypatch.setenv("HOME", home)
    for variable, value in (("XDG_DATA_HOME", data), ("XDG_CACHE_HOME", cache)):
        if value is None:
            monkeypatch.delenv(variable, raising=False)
        else:
            monkeypatch.setenv(variable, value)
    assert places.user_data_dir() == Path(platformdirs.user_data_dir("tpcycle", appauthor=False))
    assert places.user_cache_dir() == Path(platformdirs.user_cache_dir("tpcycle", appauthor=False))


def test_elsewhere_platformdirs_answers(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "platform", "darwin")
    assert places.user_cache_dir() == Path(platformdirs.user_cache_dir("tpcycle", appauthor=False))
