"""Word 2003 XML ("WordprocessingML 2003", often saved with a .doc name): paragraphs and table rows."""

from __future__ import annotations

from ..config import Config
from ..errors import ReadError
from ..model import Block
from .base import ReaderOutput

W = "{http://schemas.microsoft.com/office/word/2003/wordml}"


def read_wordml(data: bytes, config: Config) -> ReaderOutput:
    from lxml import etree

    if b"<!DOCTYPE" in data[:4096].upper():
        raise ReadError("Word XML 文档含有 DTD 声明，已拒绝解析", code="dtd-forbidden")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, recover=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise ReadError("Word XML 文档已损坏（XML 格式错误），无法读取", code="corrupt", detail=str(exc)) from None
    body = root.find(f".//{W}body")
    if body is None:
        raise ReadError("Word XML 文档没有正文（w:body）", code="corrupt")
    blocks: list[Block] = []

    def para_text(p: etree._Element) -> str:
        parts = []
        for el in p.iter(f"{W}t", f"{W}tab", f"{W}br"):
            parts.append(el.text or "" if el.tag == f"{W}t" else ("\t" if el.tag == f"{W}tab" else "\n"))
        return "".join(parts)

    for el in body.iter(f"{W}p", f"{W}tr"):
        if el.tag == f"{W}tr":
            cells = ["".join(para_text(p) for p in tc.iter(f"{W}p")) for tc in el.iter(f"{W}tc")]
            blocks.append(Block(text="\t".join(cells), kind="table_row", paragraph=len(blocks)))
        elif not any(a.tag == f"{W}tc" for a in el.iterancestors()):
            blocks.append(Block(text=para_text(el), paragraph=len(blocks)))
    return ReaderOutput(blocks=tuple(blocks))
