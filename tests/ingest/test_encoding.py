"""decode_bytes: encodings round-trip, binary data is refused with a clear message."""
import codecs

import pytest

from app.ingest.encoding import decode_bytes

SAMPLE = "Blinken said: “It’s a ‘pivotal moment’ — café, naïve, €5.”\nSecond line."
ROUND_TRIPS = [
    pytest.param(SAMPLE.encode("utf-8"), SAMPLE, id="utf-8"),
    pytest.param(codecs.BOM_UTF8 + SAMPLE.encode("utf-8"), SAMPLE, id="utf-8 with BOM"),
    pytest.param(SAMPLE.encode("utf-16"), SAMPLE, id="utf-16 with BOM"),
    pytest.param(codecs.BOM_UTF16_LE + SAMPLE.encode("utf-16-le"), SAMPLE, id="utf-16-le BOM"),
    pytest.param(codecs.BOM_UTF16_BE + SAMPLE.encode("utf-16-be"), SAMPLE, id="utf-16-be BOM"),
    pytest.param(SAMPLE.encode("utf-16-le"), SAMPLE, id="utf-16-le without BOM"),
    pytest.param(SAMPLE.encode("utf-16-be"), SAMPLE, id="utf-16-be without BOM"),
    pytest.param(SAMPLE.encode("cp1252"), SAMPLE, id="cp1252 smart quotes"),
    pytest.param("Le président a dit « non ».".encode("latin-1"), "Le président a dit « non ».",
                 id="latin-1 é"),
    pytest.param(b"un caf\xe9 au lait \x81 s'il vous pla\xeet",
                 "un café au lait \x81 s'il vous plaît", id="latin-1 when cp1252 cannot decode"),
    pytest.param(b"", "", id="empty"),
]
BINARY_DATA = [
    pytest.param(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01", id="png header"),
    pytest.param(b"PK\x03\x04\x14\x00\x00\x00\x08\x00" * 20, id="zip"),
    pytest.param(bytes(range(1, 32)) * 10, id="control characters"),
    pytest.param(b"text with a stray \x00 NUL in the middle of many bytes", id="NUL byte"),
]


@pytest.mark.parametrize(("data", "expected"), ROUND_TRIPS)
def test_decode_round_trips(data: bytes, expected: str) -> None:
    assert decode_bytes(data) == expected


@pytest.mark.parametrize("data", BINARY_DATA)
def test_binary_data_is_refused(data: bytes) -> None:
    with pytest.raises(ValueError, match="binary"):
        decode_bytes(data)
