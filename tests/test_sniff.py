"""Formats are told from the bytes; a misnamed or damaged file gets the code a reviewer can act on."""

from __future__ import annotations

import io
import zipfile

import pytest

from cxzy_nlp.errors import ReadError
from cxzy_nlp.model import Block
from cxzy_nlp.normalise import rejoin_lines
from cxzy_nlp.read import read_bytes
from cxzy_nlp.read.sniff import OLE_MAGIC, sniff

WORDML = (
    '<?xml version="1.0" encoding="UTF-8"?><?mso-application progid="Word.Document"?>'
    '<w:wordDocument xmlns:w="http://schemas.microsoft.com/office/word/2003/wordml"><w:body>'
    "<w:p><w:r><w:t>一、工作目标</w:t></w:r></w:p><w:p><w:r><w:t>到年底完成</w:t></w:r><w:r><w:t>全部任务。</w:t></w:r></w:p>"
    "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>阶段</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>时间</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
    "</w:body></w:wordDocument>"
).encode()


def _zip(names: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, data in names.items():
            # a fixed date: test ids are made from these bytes, and xdist workers must collect the same ids
            zf.writestr(zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0)), data)
    return buf.getvalue()


# fmt: off
SNIFF = [
    (b"%PDF-1.7\n...", ".doc", "pdf"),
    (b"{\\rtf1\\ansi\\ansicpg936 ...}", ".doc", "rtf"),
    (b"<!DOCTYPE html><html><body>\xe6\x96\xb9\xe6\xa1\x88</body></html>", ".doc", "html"),
    (b"MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=x\r\n", ".doc", "mht"),
    (WORDML, ".doc", "wordml"),
    (_zip({"word/document.xml": b"<w:document/>", "[Content_Types].xml": b""}), ".doc", "docx"),
    ("一、工作目标\n".encode("gb18030"), ".doc", "txt"),
    ("# 标题\n".encode(), ".md", "md"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), ".docx", "png"),
]
# fmt: on


@pytest.mark.parametrize(("data", "suffix", "fmt"), SNIFF)
def test_sniff_by_content_not_name(data: bytes, suffix: str, fmt: str) -> None:
    assert sniff(data, suffix) == fmt


def test_word_2003_xml_saved_as_doc_is_read() -> None:
    result = read_bytes(WORDML, "plan.doc")
    assert result.source.format == "wordml"
    assert [(b.kind, b.text) for b in result.blocks] == [
        ("paragraph", "一、工作目标"),
        ("paragraph", "到年底完成全部任务。"),
        ("table_row", "阶段\t时间"),
    ]


@pytest.mark.parametrize(
    ("data", "name", "code"),
    [
        (OLE_MAGIC + b"\x00" * 600, "cut.doc", {"corrupt", "truncated"}),  # a damaged Word file, not a "type mismatch"
        (OLE_MAGIC + b"\x00" * 600, "cut.xls", {"unsupported-format"}),
        (_zip({"xl/workbook.xml": b""}), "sheet.docx", {"corrupt"}),
        (_zip({"word/document.xml": b"<w:document/>"})[:-30], "cut.docx", {"truncated"}),
        (b"plain words", "fake.pdf", {"type-mismatch"}),
        (b"", "empty.txt", {"empty"}),
    ],
)
def test_damaged_or_misnamed_files_get_clear_codes(data: bytes, name: str, code: set[str]) -> None:
    with pytest.raises(ReadError) as err:
        read_bytes(data, name)
    assert err.value.code in code
    assert err.value.message


def test_blank_line_ends_a_plain_text_paragraph() -> None:
    long_line = "这一行足够长而且没有句末标点，所以看起来像是在页边被折行的一句话但后面隔了空行"
    blocks = (Block(text=long_line, paragraph=0), Block(text="新的一段从这里开始。", paragraph=2))
    assert len(rejoin_lines(blocks)) == 2
    adjacent = (Block(text=long_line, paragraph=0), Block(text="接着上一行。", paragraph=1))
    assert [b.text for b in rejoin_lines(adjacent)] == [long_line + "接着上一行。"]
