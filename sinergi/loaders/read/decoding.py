"""Turn file bytes into text: a byte-order mark first, then UTF-8, else a detected encoding.

News exports come as UTF-8, UTF-8 with a BOM (Excel), UTF-16 with a BOM (what Windows
Notepad saves as "Unicode" or "Unicode big endian") or Windows-1252 (older Windows
tools). A byte-order mark names its encoding for certain, so it is honoured before
anything else: UTF-16 text is half NUL bytes and would otherwise be rejected as binary.
Without one, UTF-8 is tried strictly, since a valid UTF-8 byte string is almost never
anything else; otherwise charset-normalizer guesses the encoding, and only a confident
single-byte Latin guess is accepted. Binary data and undecodable bytes are rejected with
a reason instead of being read as mojibake.
"""

from __future__ import annotations

import codecs

__all__ = ["DecodingError", "decode_bytes"]

# Marks of the encodings whose text has NUL bytes; UTF-8's mark is dropped by "utf-8-sig"
# below. Longest first: the UTF-32 LE mark begins with the UTF-16 LE one. The "utf-16"
# and "utf-32" codecs read the byte order from the mark and drop it.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16", "UTF-16"),
)

_ACCEPTED = {"cp1252", "windows-1252", "iso-8859-1", "latin-1", "latin_1", "iso8859_15", "cp1250"}


class DecodingError(ValueError):
    """The bytes are not text sinergi can read; the message says why."""


def decode_bytes(data: bytes) -> str:
    """Decode ``data`` to text, or raise :class:`DecodingError` with a reason."""
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec)
            except UnicodeDecodeError as exc:
                raise DecodingError(
                    f"starts with a {name} byte-order mark but is not valid {name} "
                    f"({exc.reason} at byte {exc.start})"
                ) from exc
    if b"\x00" in data[:65536]:
        raise DecodingError("binary file (NUL bytes), not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        position = exc.start
    from charset_normalizer import from_bytes  # only for text that is not UTF-8

    best = from_bytes(data).best()
    encoding = (best.encoding if best else "").lower().replace("_", "-")
    if best is None or encoding.replace("-", "_") not in {e.replace("-", "_") for e in _ACCEPTED}:
        raise DecodingError(
            f"not UTF-8 (invalid byte at {position}) and no Windows-1252/Latin-1 "
            "encoding detected; convert the file to UTF-8"
        )
    return str(best)
