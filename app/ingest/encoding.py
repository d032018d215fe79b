"""Turn the bytes of an article file into text, guessing the encoding with simple robust rules.

charset-normalizer is installed (trafilatura depends on it), but on short English news texts it
often guesses a wrong single-byte code page; the rules below are predictable and cover what
article files actually use: UTF-8, UTF-16, Windows-1252 and Latin-1.
"""
from __future__ import annotations

import codecs
import re

SAMPLE_BYTES = 8192
# Share of odd (or even) bytes that must be NUL for BOM-less text to count as UTF-16.
UTF16_NUL_SHARE = 0.3
# Share of control characters (other than tab, newlines, form feed) that marks a binary file.
BINARY_CONTROL_SHARE = 0.05

_BOMS: list[tuple[bytes, str]] = [
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
]
# Control characters but tab, newlines, vertical tab and form feed (\t \n \x0b \f \r).
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")


def decode_bytes(data: bytes) -> str:
    """Decode article bytes to text; raise ValueError for data that is binary, not text."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _decode_strict(data[len(bom):], encoding)
    utf16 = _utf16_by_nul_pattern(data[:SAMPLE_BYTES])
    if utf16 is not None:
        return _decode_strict(data, utf16)
    if b"\x00" in data[:SAMPLE_BYTES]:
        # Text files never contain NUL bytes; git uses the same rule to spot binaries.
        raise ValueError("binary data, not text (contains NUL bytes)")
    text = _decode_single_byte_fallback(data)
    _reject_control_heavy(text)
    return text


def _decode_strict(data: bytes, encoding: str) -> str:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise ValueError(f"binary data, not valid {encoding} text ({exc.reason})") from None
    _reject_control_heavy(text)
    return text


def _utf16_by_nul_pattern(sample: bytes) -> str | None:
    """'utf-16-le' / 'utf-16-be' when NULs sit on one parity only, as in mostly-ASCII UTF-16."""
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    even_nuls, odd_nuls = even.count(0) / len(even), odd.count(0) / len(odd)
    if odd_nuls >= UTF16_NUL_SHARE and even_nuls < 0.05:
        return "utf-16-le"
    if even_nuls >= UTF16_NUL_SHARE and odd_nuls < 0.05:
        return "utf-16-be"
    return None


def _decode_single_byte_fallback(data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        # Windows-1252 is what "Latin-1" text usually really is: it adds “smart quotes” and €.
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def _reject_control_heavy(text: str) -> None:
    sample = text[:SAMPLE_BYTES]
    if not sample:
        return
    controls = len(_CONTROLS.findall(sample))
    if controls / len(sample) > BINARY_CONTROL_SHARE:
        raise ValueError(f"binary data, not text ({controls} control characters "
                         f"in the first {len(sample)})")

