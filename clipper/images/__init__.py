"""A clipping's pictures, kept in the library with it (``clipper clip --images``).

- ``formats``: what an image's bytes are (magic bytes, never the server's word)
  and how large its header says it is, read without decoding a pixel.
- ``refs``: the images a story names (its Markdown, its lead image), and the
  Markdown rewritten to point at local copies.
- ``srcset``: the candidates a page offers for one picture (``srcset``,
  ``<picture>``), read from the raw page, and the one to fetch.
- ``fetch``: fetching them with a batch's ``Fetcher`` (its politeness limits),
  each refused with a reason a person can read, never failing the clipping.
- ``store``: the SQL (migration 11): images stored once by SHA-256, and each
  clipping's references to them.

SVG is kept as data: clipper never renders, parses for display, or runs it.
"""
