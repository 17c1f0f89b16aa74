"""Where things live: the library file, resolved from option, environment, default."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "clipper"
LIBRARY_ENV = "CLIPPER_LIBRARY"
LIBRARY_FILENAME = "clippings.db"


def default_library_path() -> Path:
    """The per-user data folder's library (e.g. ``~/.local/share/clipper/clippings.db``)."""
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False) / LIBRARY_FILENAME


def library_path(option: str | None = None) -> Path:
    """``--library`` wins, then ``$CLIPPER_LIBRARY``, then the default location."""
    chosen = option or os.environ.get(LIBRARY_ENV)
    return Path(chosen).expanduser() if chosen else default_library_path()
