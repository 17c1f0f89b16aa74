"""Fetching's defaults, in one place.

The settings file (``clipper.config.FetchSettings``), the Python API
(``clipper.fetch.FetchOptions``), files read from disk
(``clipper.sources``) and the help of ``clipper clip`` all start from these.
Plain constants, so that the command line's help can show them without
importing anything.
"""

JOBS = 16  # pages fetched at once in a batch
PER_HOST = 2  # pages fetched at once from one site
TIMEOUT = 60.0  # seconds for a whole page: redirects, retries, the body
CONNECT_TIMEOUT = 10.0
READ_TIMEOUT = 20.0  # the longest silence while reading
MAX_SIZE_MB = 20.0  # larger pages (decoded) are refused
RETRIES = 2  # after 429/503 or a network error
MAX_RETRY_WAIT = 30.0  # the longest Retry-After honoured, in seconds
MAX_REDIRECTS = 10
# Images (``clipper clip --images``, or ``images = true`` in [fetch]).
IMAGES = False  # fetched with each clipping only when asked
MAX_IMAGE_MB = 10.0  # larger images are refused (decoded size)
MAX_IMAGES = 50  # pictures of one clipping kept, in story order
MAX_IMAGES_MB = 50.0  # all the pictures of one clipping
IMAGE_WIDTH = 1600  # from srcset and <picture>: the widest candidate up to this


def megabytes_to_bytes(megabytes: float) -> int:
    return int(megabytes * 1024 * 1024)


MAX_BYTES = megabytes_to_bytes(MAX_SIZE_MB)
MAX_IMAGE_BYTES = megabytes_to_bytes(MAX_IMAGE_MB)
MAX_IMAGES_BYTES = megabytes_to_bytes(MAX_IMAGES_MB)
