"""The values that carry images between fetching, the library and the exports."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any

from clipper.images.formats import BY_TYPE

if TYPE_CHECKING:
    from clipper.fetch import FetchOptions


@dataclass(frozen=True)
class ImageData:
    """An image's bytes with what is known of them without decoding: the media type its
    magic number shows, its size, and its width and height when its header gives them."""

    content: bytes
    media_type: str
    width: int | None = None
    height: int | None = None

    @cached_property
    def sha256(self) -> str:
        """Worked out once, where the image was fetched (a batch's worker), and carried
        with it to the library's writer."""
        return hashlib.sha256(self.content).hexdigest()

    @property
    def size(self) -> int:
        return len(self.content)


@dataclass(frozen=True)
class ImageOutcome:
    """What became of one picture of a clipping (known by its reference ``key``): its
    ``image``, or the ``error`` saying why it was not stored. ``source`` is where the
    bytes came from (the candidate chosen, after redirects); ``None`` for a ``data:``
    URL or a picture refused before fetching."""

    key: str
    image: ImageData | None = None
    error: str = ""
    source: str | None = None
    fetched_at: str | None = None


@dataclass(frozen=True)
class StoredReference:
    """A picture a clipping keeps a record of (``clipper images ID``), without its bytes:
    stored (``sha256`` set) or not, and why not."""

    key: str
    position: int
    source: str | None
    fetched_at: str | None
    error: str
    sha256: str | None
    media_type: str | None
    size: int | None
    width: int | None
    height: int | None

    @property
    def stored(self) -> bool:
        return self.sha256 is not None

    @property
    def extension(self) -> str:
        kind = BY_TYPE.get(self.media_type or "")
        return kind.extension if kind else "bin"

    @property
    def filename(self) -> str:
        """The name an export gives the stored image: its hash and its extension."""
        return f"{self.sha256}.{self.extension}"


@dataclass(frozen=True)
class ImageLimits:
    """The limits a clipping's pictures are fetched under (README: Images)."""

    max_bytes: int
    max_count: int
    max_total: int
    max_width: int

    @classmethod
    def of(cls, options: FetchOptions) -> ImageLimits:
        return cls(
            options.max_image_bytes,
            options.max_images,
            options.max_images_bytes,
            options.image_width,
        )


def outcome_record(outcome: ImageOutcome) -> dict[str, Any]:
    """An outcome as JSON lines carry it (``export --with-images``): the bytes in base64."""
    import base64

    image = outcome.image
    return {
        "url": outcome.key,
        "source": outcome.source,
        "fetched_at": outcome.fetched_at,
        "error": outcome.error or None,
        "type": image.media_type if image else None,
        "size": image.size if image else None,
        "width": image.width if image else None,
        "height": image.height if image else None,
        "sha256": image.sha256 if image else None,
        "content_base64": base64.b64encode(image.content).decode("ascii") if image else None,
    }
