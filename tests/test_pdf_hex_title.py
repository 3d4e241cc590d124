"""A PDF metadata title handed over as a hex string (<4D69…>: GBK bytes of "Microsoft Word - …") is decoded before it is
judged, so a program's default is never taken for the document's title (issue 14, rd022)."""

from __future__ import annotations

from cxzy_nlp.read.pdf import _hex_string, _metadata_title


class _Meta:
    def __init__(self, title: str) -> None:
        self.title = title

    def get_metadata_value(self, key: str) -> str:
        return self.title


def _hex(s: str, codec: str) -> str:
    return "<" + s.encode(codec).hex().upper() + ">"


def test_a_hex_title_is_decoded() -> None:
    assert _hex_string(_hex("报销情况说明书", "gb18030")) == "报销情况说明书"
    assert _hex_string(_hex("\ufeff报销情况说明书", "utf-16-be")) == "报销情况说明书"
    assert _metadata_title(_Meta(_hex("报销情况说明书", "gb18030"))) == "报销情况说明书"


def test_a_hex_program_default_is_no_title() -> None:
    assert _metadata_title(_Meta(_hex("Microsoft Word - 报销情况说明书", "gb18030"))) is None


def test_control_a_plain_title_is_kept() -> None:
    assert _metadata_title(_Meta("<草案>")) == "<草案>"
    assert _metadata_title(_Meta("报销情况说明书")) == "报销情况说明书"
