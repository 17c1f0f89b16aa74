"""Where things live and which defaults apply: library path and the settings file.

The settings file is TOML, at ``config.toml`` in the user config folder
(``~/.config/clipper/config.toml`` on Linux), or wherever ``$CLIPPER_CONFIG``
points. Every key is optional; command-line options beat it::

    library = "~/Documents/clippings.db"

    [fetch]
    jobs = 16             # pages fetched at once
    per_host = 2          # at once from one site
    timeout = 60          # seconds for a whole page
    connect_timeout = 10
    read_timeout = 20
    max_size_mb = 20      # larger pages are refused
    user_agent = "..."
    retries = 2           # after 429/503 or a network error (0: never retry)
    max_retry_wait = 30   # longest Retry-After honoured, in seconds
    max_redirects = 10
    images = false        # true: fetch each story's pictures too (clip --images)
    max_image_mb = 10     # larger images are refused
    max_images = 50       # pictures kept for one clipping
    max_images_mb = 50    # all the pictures of one clipping
    image_width = 1600    # srcset and <picture>: the widest candidate up to this

    [export]
    folder = "~/notes"    # default for `clipper export` without --to

Unknown keys and wrong types are errors that name the key, because a typo that
silently did nothing is worse than a refusal.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from clipper import defaults
from clipper.errors import ConfigError

APP_NAME = "clipper"
LIBRARY_ENV = "CLIPPER_LIBRARY"
CONFIG_ENV = "CLIPPER_CONFIG"
LIBRARY_FILENAME = "clippings.db"
CONFIG_FILENAME = "config.toml"


@dataclass(frozen=True)
class FetchSettings:
    jobs: int = defaults.JOBS
    per_host: int = defaults.PER_HOST
    timeout: float = defaults.TIMEOUT
    connect_timeout: float = defaults.CONNECT_TIMEOUT
    read_timeout: float = defaults.READ_TIMEOUT
    max_size_mb: float = defaults.MAX_SIZE_MB
    retries: int = defaults.RETRIES
    max_retry_wait: float = defaults.MAX_RETRY_WAIT
    max_redirects: int = defaults.MAX_REDIRECTS
    user_agent: str | None = None
    images: bool = defaults.IMAGES
    max_image_mb: float = defaults.MAX_IMAGE_MB
    max_images: int = defaults.MAX_IMAGES
    max_images_mb: float = defaults.MAX_IMAGES_MB
    image_width: int = defaults.IMAGE_WIDTH


@dataclass(frozen=True)
class ExportSettings:
    folder: str | None = None


@dataclass(frozen=True)
class Settings:
    library: str | None = None
    fetch: FetchSettings = FetchSettings()
    export: ExportSettings = ExportSettings()


def default_library_path() -> Path:
    """The per-user data folder's library (e.g. ``~/.local/share/clipper/clippings.db``)."""
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False) / LIBRARY_FILENAME


def config_path() -> Path:
    """``$CLIPPER_CONFIG``, else ``config.toml`` in the user config folder."""
    chosen = os.environ.get(CONFIG_ENV)
    if chosen:
        return Path(chosen).expanduser()
    from platformdirs import user_config_path

    return user_config_path(APP_NAME, appauthor=False) / CONFIG_FILENAME


#: Settings for which 0 is a meaningful value (all others must be greater than 0).
_ZERO_ALLOWED = frozenset({"retries", "max_redirects"})

_ACCEPTED: dict[str, tuple[type, ...]] = {
    "int": (int,),
    "float": (int, float),
    "str | None": (str,),
    "bool": (bool,),
}


def _section(cls: type[Any], values: Any, where: str) -> Any:
    """An instance of the settings dataclass ``cls`` from a TOML table, checked."""
    if not isinstance(values, dict):
        raise ConfigError(f"{where} must be a table")
    known = {f.name: _ACCEPTED[str(f.type)] for f in fields(cls)}
    for key, value in values.items():
        if key not in known:
            raise ConfigError(f"{where}: unknown setting {key!r} (known: {', '.join(known)})")
        accepted = known[key]
        if accepted == (bool,):
            if not isinstance(value, bool):
                raise ConfigError(f"{where}: {key} must be true or false, not {value!r}")
            continue
        if isinstance(value, bool) or not isinstance(value, accepted):
            kind = "a string" if accepted == (str,) else "a number"
            raise ConfigError(f"{where}: {key} must be {kind}, not {value!r}")
        if isinstance(value, int | float) and key in _ZERO_ALLOWED and value < 0:
            raise ConfigError(f"{where}: {key} must be 0 or more")
        if isinstance(value, int | float) and key not in _ZERO_ALLOWED and value <= 0:
            raise ConfigError(f"{where}: {key} must be greater than 0")
    return cls(**values)


def load_settings(path: Path | None = None) -> Settings:
    """The settings in ``path`` (default ``config_path()``); defaults when it is absent."""
    path = path or config_path()
    try:
        with path.open("rb") as stream:
            data = tomllib.load(stream)
    except FileNotFoundError:
        return Settings()
    except OSError as error:
        raise ConfigError(f"cannot read the settings file {path}: {error.strerror}") from error
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"the settings file {path} is not valid TOML: {error}") from error
    unknown = set(data) - {"library", "fetch", "export"}
    if unknown:
        raise ConfigError(f"{path}: unknown setting {sorted(unknown)[0]!r}")
    library = data.get("library")
    if library is not None and not isinstance(library, str):
        raise ConfigError(f"{path}: library must be a string (a file path)")
    return Settings(
        library=library,
        fetch=_section(FetchSettings, data.get("fetch", {}), f"{path} [fetch]"),
        export=_section(ExportSettings, data.get("export", {}), f"{path} [export]"),
    )


def library_path(option: str | None = None) -> Path:
    """``--library`` wins, then ``$CLIPPER_LIBRARY``, then the settings file, then the default."""
    chosen = option or os.environ.get(LIBRARY_ENV) or load_settings().library
    return Path(chosen).expanduser() if chosen else default_library_path()


def library_source(option: str | None = None) -> str:
    """What chose ``library_path(option)``, in words, for ``clipper config``."""
    from_env = os.environ.get(LIBRARY_ENV)
    if option and option != from_env:  # Typer fills the option from the variable too
        return "--library"
    if from_env:
        return f"${LIBRARY_ENV}"
    if load_settings().library:
        return "the settings file"
    return "default"
