"""URL helpers: what counts as the same story, and which URLs are safe to show."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

# Query parameters that identify a campaign or a click, never the page.
_TRACKING_PREFIXES = ("utm_", "mtm_", "pk_", "hsa_", "__hs", "_hs", "vero_", "oly_")
_TRACKING_NAMES = frozenset(
    {
        "fbclid", "gclid", "gclsrc", "dclid", "msclkid", "yclid", "twclid", "igshid",
        "mc_cid", "mc_eid", "mkt_tok", "_ga", "_gl", "ocid", "cmpid", "ito", "ncid",
        "srsltid", "wt_mc", "wt.mc_id", "spm", "share", "smid", "sr_share", "ref_src",
    }
)  # fmt: skip

#: Schemes a link may keep when rendered or exported; ``javascript:``, ``data:``,
#: ``vbscript:`` and the like are dropped wherever a page's links are shown.
SAFE_LINK_SCHEMES = frozenset({"http", "https", "mailto", "ftp"})


def is_web_url(text: str) -> bool:
    """True when ``text`` is an absolute http(s) URL with a host."""
    parts = urlsplit(text.strip())
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def _is_tracking(name: str) -> bool:
    lowered = name.lower()
    return lowered in _TRACKING_NAMES or lowered.startswith(_TRACKING_PREFIXES)


def clean_url(url: str) -> str:
    """``url`` without tracking parameters, fragment, default port or host case.

    Two links to the same story that differ only in these clean to one string,
    which is what the library uses to recognise a story it already holds.
    """
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").rstrip(".")
    if parts.port and not (
        (scheme == "http" and parts.port == 80) or (scheme == "https" and parts.port == 443)
    ):
        host = f"{host}:{parts.port}"
    if parts.username:
        host = f"{parts.username}{':' + parts.password if parts.password else ''}@{host}"
    query = [
        (k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _is_tracking(k)
    ]
    path = parts.path or ("/" if scheme in ("http", "https") else "")
    return urlunsplit((scheme, host, path, urlencode(query, doseq=True), ""))


def canonical_url(declared: str | None, known: str | None) -> str | None:
    """The URL a story is filed under.

    ``declared`` is the page's own ``<link rel=canonical>`` (or ``og:url``);
    ``known`` is where the page was fetched from or what the user said. A declared
    URL wins, resolved against the known one, except when it points at the site's
    front page while the known URL points deeper: a common template mistake that
    would file every story of a site under one URL.
    """
    base = known if known and is_web_url(known) else None
    if declared:
        resolved = urljoin(base, declared.strip()) if base else declared.strip()
        if is_web_url(resolved):
            deeper = base is not None and urlsplit(base).path.strip("/") != ""
            if not (deeper and urlsplit(resolved).path.strip("/") == ""):
                return clean_url(resolved)
    if base:
        return clean_url(base)
    return known


def safe_link(url: str | None) -> str | None:
    """``url`` if it uses a scheme that is safe to render as a link, else ``None``."""
    if not url:
        return None
    scheme = urlsplit(url.strip()).scheme.lower()
    if scheme and scheme not in SAFE_LINK_SCHEMES:
        return None
    return url.strip()
