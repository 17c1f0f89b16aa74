"""httpx, imported without its command-line client.

``import httpx`` also imports ``httpx._main``, httpx's own command-line
client, and with it click, pygments and Rich's syntax highlighting whenever
click is installed (Rich always is, for clipper): 50-70 ms measured, a sixth
of the start-up of ``clipper clip``, for a client clipper never runs. A
stand-in takes its place while httpx is imported. ``httpx.main`` still works:
called, it imports the real client and runs it.
"""

from __future__ import annotations

import importlib.util
import sys
import types
from typing import Any


def _real_main(*args: Any, **kwargs: Any) -> Any:
    sys.modules.pop("httpx._main", None)
    from httpx._main import main

    return main(*args, **kwargs)


def _import_httpx() -> types.ModuleType:
    if "httpx" in sys.modules or importlib.util.find_spec("click") is None:
        # Without click, httpx's client fails to import at once, cheaply, and
        # httpx puts its own stand-in in its place: nothing to save.
        import httpx

        return httpx
    stand_in = types.ModuleType("httpx._main")
    stand_in.main = _real_main  # type: ignore[attr-defined]
    sys.modules["httpx._main"] = stand_in
    try:
        import httpx
    finally:
        if sys.modules.get("httpx._main") is stand_in:
            del sys.modules["httpx._main"]  # a later import gets the real one
    return httpx


_import_httpx()

import httpx  # noqa: E402  (already imported above, without its client)

__all__ = ["httpx"]
