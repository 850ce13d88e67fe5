"""Turn file bytes into text: UTF-8 (with or without BOM) first, else a detected encoding.

News exports come as UTF-8, UTF-8 with a BOM (Excel) or Windows-1252 (older Windows
tools). UTF-8 is tried strictly first, since a valid UTF-8 byte string is almost never
anything else; otherwise charset-normalizer guesses the encoding, and only a confident
single-byte Latin guess is accepted. Binary data and undecodable bytes are rejected with
a reason instead of being read as mojibake.
"""

from __future__ import annotations

from charset_normalizer import from_bytes

__all__ = ["DecodingError", "decode_bytes"]

_ACCEPTED = {"cp1252", "windows-1252", "iso-8859-1", "latin-1", "latin_1", "iso8859_15", "cp1250"}


class DecodingError(ValueError):
    """The bytes are not text sinergi can read; the message says why."""


def decode_bytes(data: bytes) -> str:
    """Decode ``data`` to text, or raise :class:`DecodingError` with a reason."""
    if b"\x00" in data[:65536]:
        raise DecodingError("binary file (NUL bytes), not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        position = exc.start
    best = from_bytes(data).best()
    encoding = (best.encoding if best else "").lower().replace("_", "-")
    if best is None or encoding.replace("-", "_") not in {e.replace("-", "_") for e in _ACCEPTED}:
        raise DecodingError(
            f"not UTF-8 (invalid byte at {position}) and no Windows-1252/Latin-1 "
            "encoding detected; convert the file to UTF-8"
        )
    return str(best)
