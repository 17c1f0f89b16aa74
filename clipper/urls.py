"""URL helpers: what counts as the same story, and which URLs are safe to show."""

from __future__ import annotations

from urllib.parse import SplitResult, parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

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


def split(url: str) -> SplitResult | None:
    """``urlsplit`` that answers ``None`` for what it cannot take apart.

    The standard library raises ``ValueError`` on an unclosed IPv6 bracket or
    a port that is not a number, and pages are full of such links; every URL
    clipper reads from a page or a person goes through here or ``join``.
    """
    try:
        parts = urlsplit(url.strip())
        _ = parts.port  # raises on "host:abc" or a port above 65535
    except ValueError:
        return None
    return parts


def join(base: str | None, href: str) -> str | None:
    """``href`` resolved against ``base`` (``urljoin``), or ``None`` if either is malformed."""
    href = href.strip()
    try:
        joined = urljoin(base, href) if base else href
    except ValueError:
        return None
    return joined if split(joined) is not None else None


def host_of(url: str | None) -> str:
    """The host of an http(s) URL, without ``www.``, port or credentials."""
    if not url or "://" not in url:
        return ""
    host = url.split("://", 1)[1].split("/", 1)[0].split("?", 1)[0].split("#", 1)[0]
    host = host.rsplit("@", 1)[-1].split(":", 1)[0].lower()
    return host.removeprefix("www.")


def url_problem(text: str) -> str | None:
    """What stops ``text`` from being a URL clipper can fetch, in words; ``None`` if nothing."""
    stripped = text.strip()
    try:
        parts = urlsplit(stripped)
    except ValueError as error:
        return "its IPv6 address is not closed with ]" if "IPv6" in str(error) else str(error)
    if parts.scheme.lower() not in ("http", "https"):
        return "only http:// and https:// URLs can be clipped"
    if not (parts.hostname or "").strip("."):  # "http://.." names no host either
        return "it has no host name"
    try:
        _ = parts.port
    except ValueError:
        return "its port is not a number from 0 to 65535"
    if any(c.isspace() for c in parts.netloc):
        return "its host name contains a space"
    return None


def is_web_url(text: str) -> bool:
    """True when ``text`` is an absolute http(s) URL with a host (and nothing malformed)."""
    return url_problem(text) is None


def _is_tracking(name: str) -> bool:
    lowered = name.lower()
    return lowered in _TRACKING_NAMES or lowered.startswith(_TRACKING_PREFIXES)


def clean_url(url: str) -> str:
    """``url`` without tracking parameters, fragment, default port or host case.

    Two links to the same story that differ only in these clean to one string,
    which is what the library uses to recognise a story it already holds.
    """
    parts = split(url)
    if parts is None:
        return url.strip()
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").rstrip(".")
    if ":" in host:  # an IPv6 address: hostname drops the brackets the URL needs
        host = f"[{host}]"
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
        resolved = join(base, declared)
        if resolved is not None and is_web_url(resolved):
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
    parts = split(url)
    if parts is None:
        return None
    scheme = parts.scheme.lower()
    if scheme and scheme not in SAFE_LINK_SCHEMES:
        return None
    return url.strip()
