"""Following feeds: RSS, Atom and JSON Feed sources whose new stories are clipped.

One module per job:

- ``parse``     a feed's bytes → ``ParsedFeed`` (feedparser for RSS and Atom,
                the JSON Feed mapping here); a web page answered instead is
                a ``FeedError`` that names the feeds the page links
- ``dates``     the dates feeds write (RFC 822 and RFC 3339, with their
                variants) as clipper stores dates
- ``discover``  a web page → the feeds it links, and the usual places to look
- ``opml``      subscription lists in and out (OPML, every feed reader's format)
- ``store``     the feeds and every entry seen in them, in the library
- ``update``    ``clipper feed update``: read every feed at once (conditional
                requests), pick the new entries, clip them with the batch
                pipeline (``clipper.batch``)

Nothing here is imported by ``clipper.cli``; the feed parser is imported only
where a feed's body is parsed.
"""
