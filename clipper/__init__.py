"""clipper: clip news articles into a local, searchable SQLite library.

The Python API mirrors the command line::

    import clipper
    article = clipper.extract(html, url="https://example.org/story")
    with clipper.Library.open("clippings.db") as library:
        clipping = library.add(article)

Names are imported lazily (PEP 562) so that ``clipper --help`` does not pay for
the HTML parser or the HTTP client; see ``clipper.cli``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = [
    "Article",
    "ClipperError",
    "Clipping",
    "Library",
    "Page",
    "__version__",
    "extract",
]

if TYPE_CHECKING:
    from clipper.article import Article
    from clipper.clipping import Clipping
    from clipper.errors import ClipperError
    from clipper.extraction import extract
    from clipper.library import Library
    from clipper.page import Page

_LAZY = {
    "Article": "clipper.article",
    "ClipperError": "clipper.errors",
    "Clipping": "clipper.clipping",
    "Library": "clipper.library",
    "Page": "clipper.page",
    "extract": "clipper.extraction",
}


def __getattr__(name: str) -> Any:
    module_name = _LAZY.get(name)
    if module_name is None:
        raise AttributeError(f"module 'clipper' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module_name), name)
    globals()[name] = value
    return value
