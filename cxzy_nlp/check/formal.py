"""The parts a 公文 cannot do without (GB/T 9704—2012 §7.2–7.3): 标题, 发文机关署名 (落款) and 成文日期."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..model import Finding
from .context import Context

MIN_BODY_CHARS = 80  # a fragment this short is a quotation or an excerpt, not a whole 公文
# A 公文 title: 关于…的通知 / 某某局通报 ; a slide headed 修改意见 or a form is no 公文.
_OFFICIAL_TITLE = re.compile(r"关于|的(?:通知|意见|实施意见|指导意见|批复|复函|函|通报|决定|公告|通告)$")


def missing_signoff(ctx: Context) -> Iterator[Finding]:
    """A 公文 (a 关于…的通知, 意见, 批复, 通报) without the issuing body's name after its text or its date.

    A document another one wraps (the plan a 通知 issues) signs through its wrapper and is not asked.
    """
    doc = ctx.doc
    title = " ".join((doc.title or "").split())
    if doc.parent is not None or not _OFFICIAL_TITLE.search(title) or len("".join(ctx.body.split())) < MIN_BODY_CHARS:
        return
    missing = [what for what, present in (("落款（发文机关署名）", doc.issuer), ("成文日期", doc.date)) if not present]
    if not missing:
        return
    yield ctx.finding(
        "missing-signoff",
        f"“{title[:30]}”缺少{'和'.join(missing)}：公文正文之后应署发文机关名称并写明成文日期"
        "（如“某某县人民政府办公室”“2024年3月1日”），请补全",
        span=doc.title_span,
        evidence=title,
    )
