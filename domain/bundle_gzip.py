"""Gzip-compressed bundles, inflated within a budget however they were made.

An app may gzip a bundle before it uploads it; the gzip magic bytes say so, whatever
the upload's headers claimed. Inflating goes a step at a time and stops as soon as the
output passes its budget, so a decompression bomb never takes more memory than that:
the bundle cap, or less when the output would pass MAX_RATIO times the upload's size
(readings compress about 10 to 20 to one, a bomb about a thousand to one).
"""

from __future__ import annotations

import gzip
import io
import zlib

from domain.errors import InvalidInput

MAGIC = b"\x1f\x8b"
MAX_RATIO = 100
# Below this many inflated bytes no ratio is held against a bundle: a small bundle of
# near-identical lines compresses far better than a large one of real readings.
RATIO_FREE_BYTES = 1024 * 1024


def is_gzip(data: bytes | memoryview) -> bool:
    return bytes(data[: len(MAGIC)]) == MAGIC


def gunzipped(data: bytes, cap: int) -> bytes:
    """The inflated bytes of every gzip member in turn, or InvalidInput("bundle") naming
    why not: more than `cap` bytes (or a bomb's ratio), damaged, cut short, or followed by
    something that is not gzip. Zero bytes after the last member are padding (as gzip(1)).

    The standard library's GzipFile reads members one after another and inflates only as
    much as asked: asking one byte past the budget tells a bomb without holding more."""
    budget = min(cap, max(RATIO_FREE_BYTES, MAX_RATIO * len(data)))
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as inflating:
            inflated = inflating.read(budget + 1)
    except EOFError as error:
        raise InvalidInput("bundle", "the bundle's gzip stream is cut short") from error
    except gzip.BadGzipFile as error:
        raise InvalidInput("bundle", f"the bundle is not valid gzip: {error}") from error
    except zlib.error as error:
        raise InvalidInput("bundle", f"the bundle is not valid gzip: {error}") from error
    if len(inflated) > budget:
        raise _too_large(budget, cap)
    return inflated


def _too_large(budget: int, cap: int) -> InvalidInput:
    if budget == cap:
        return InvalidInput("bundle", f"the bundle inflates to more than {cap} bytes")
    return InvalidInput(
        "bundle",
        f"the bundle inflates to more than {MAX_RATIO} times its size: a decompression bomb",
    )
