"""Small texts written for the dedup tests (not taken from any real plan)."""

from __future__ import annotations

import hashlib

from cxzy_nlp.model import Analysis, Document, SourceInfo

# A passage a department might reuse, and unrelated passages around it.
COPIED = (
    "青山区农业农村局将在全区推广稻渔综合种养模式，今年新建示范基地三个，"
    "每个基地配备技术指导员两名，带动周边农户增收百分之十五以上。"
)
OTHER_A = (
    "今年还要完成高标准农田建设两万亩，重点解决灌溉渠系老化、机耕道路狭窄的问题，"
    "工程竣工后由乡镇组织验收并建立管护台账。"
)
OTHER_B = "区图书馆计划全年举办阅读分享会二十场，开放夜间自习室，并与中小学合作建立流动书箱，每月轮换图书一次。"
STOCK = "以新时代中国特色社会主义思想为指导，深入贯彻落实上级关于乡村振兴的决策部署。"


def analysis(path: str, *docs: str) -> Analysis:
    """An Analysis of one file holding ``docs`` (each one document), joined by blank lines."""
    text, spans, pos = "", [], 0
    for body in docs:
        text += body + "\n"
        spans.append((pos, pos + len(body)))
        pos = len(text)
    documents = tuple(
        Document(title=body.split("\n", 1)[0][:20], span=span) for body, span in zip(docs, spans, strict=True)
    )
    return Analysis(
        source=SourceInfo(path=path, format="txt", sha256=hashlib.sha256(text.encode()).hexdigest(), size=len(text)),
        text=text,
        documents=documents,
    )
