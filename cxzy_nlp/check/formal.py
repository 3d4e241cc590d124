"""The parts a 公文 cannot do without (GB/T 9704—2012 §7.2–7.3): 标题, 发文机关署名 (落款) and 成文日期."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from ..model import Finding
from . import knowledge
from .context import Context

MIN_BODY_CHARS = 80  # a fragment this short is a quotation or an excerpt, not a whole 公文
TITLE_MAX_CHARS = 60  # a first line longer than this is a sentence, not a title
TITLE_LINES = 5  # the lines a title may stand among (a web page puts its time and source above it)
SIGNER_MAX_CHARS = 30  # the line above a lone date names the issuer when it is this short and no sentence
_SENTENCE_MARK = re.compile(r"[。，；：！？,;:]")
# The name of a body that issues a 公文 ends with one of these (某某区民政局, 校监察室, 某某公司办公室).
_ISSUER_END = re.compile(
    r"(?:局|室|处|办|厅|委|委员会|院|部|中心|政府|公司|集团|学校|学院|大学|中学|小学|支部|党委|所|站|馆|社|团委)\s*$"
)
# What may follow a 落款 glued to the body's last line: nothing, or the attachments the page also glued on.
_AFTER_GLUED = re.compile(r"[ \t\u3000]*(?:附件|\n|$)")
GLUED_TAIL_SHARE = 0.25  # a glued 落款 sits in this last share of the document
# A 公文 title: 关于…的通知 / 某某局通报 ; a slide headed 修改意见 or a form is no 公文.
_OFFICIAL_TITLE = re.compile(r"关于|的(?:通知|意见|实施意见|指导意见|批复|复函|函|通报|决定|公告|通告)$")


def missing_signoff(ctx: Context) -> Iterator[Finding]:
    """A 公文 (a 关于…的通知, 意见, 批复, 通报) without a title, or without the issuing body's name after its
    text or its date.

    A document another one wraps (the plan a 通知 issues) signs through its wrapper and is not asked; one
    dated but unsigned in the text is told at info (its seal, which the text does not hold, may bear the name).
    """
    doc = ctx.doc
    title = " ".join((doc.title or "").split()) or _title_line(ctx)
    if doc.parent is not None or len("".join(ctx.body.split())) < MIN_BODY_CHARS:
        return
    if doc.zones and not any(zone.kind == "body" for zone in doc.zones):
        return  # read only as page furniture: nothing to judge
    if not title:
        yield ctx.finding(
            "missing-signoff",
            "缺少标题：公文应有标题，写明发文机关、事由和文种（如“某某县教育局关于开展校园安全检查的通知”），请补全",
            evidence=ctx.quote((doc.span[0], min(doc.span[1], doc.span[0] + 30))),
        )
        return
    if not _OFFICIAL_TITLE.search(title) or knowledge.residue()["web_page"].search(ctx.body):
        return  # a page copied from a website keeps its title but loses the layout of its 落款 (scrape-residue)
    signed, dated = _signature_block(ctx)
    missing = [
        what
        for what, present in (("落款（发文机关署名）", doc.issuer or signed), ("成文日期", doc.date or dated))
        if not present
    ]
    if not missing:
        return
    finding = ctx.finding(
        "missing-signoff",
        f"“{title[:30]}”缺少{'和'.join(missing)}：公文正文之后应署发文机关名称并写明成文日期"
        "（如“某某县人民政府办公室”“2024年3月1日”），请补全",
        span=doc.title_span,
        evidence=title,
    )
    if missing == ["落款（发文机关署名）"]:
        # dated but unsigned in the text: the seal over the date (an image the text does not hold) often bears
        # the name, so the reviewer looks at the original
        finding = replace(
            finding, severity="info", message=finding.message + "（成文日期已有；原件若加盖印章，请核对署名）"
        )
    yield finding


def _title_line(ctx: Context) -> str:
    """A 公文 title (关于…的通知) among the document's first lines that the segmenter did not take."""
    lines = [line.strip() for line in ctx.body.splitlines() if line.strip()][:TITLE_LINES]
    return next((line for line in lines if len(line) <= TITLE_MAX_CHARS and _OFFICIAL_TITLE.search(line)), "")


def _signature_block(ctx: Context) -> tuple[bool, bool]:
    """Whether the document's 落款 zone names someone and whether it holds a date (a month counts: 2019年9月)."""
    signed = dated = False
    for zone in ctx.doc.zones:
        if zone.kind != "signature":
            continue
        dates = [m.span for m in ctx.doc.dates if zone.span[0] <= m.span[0] < zone.span[1]]
        dated = dated or bool(dates)
        rest = ctx.text[zone.span[0] : zone.span[1]]
        for a, b in sorted(dates, reverse=True):
            rest = rest[: a - zone.span[0]] + rest[b - zone.span[0] :]
        signed = signed or any(ch.isalpha() for ch in rest)
    if not (signed and dated):  # a date on a line of its own under a short name line: a 落款 the zones missed
        for mention in ctx.doc.dates:
            line_start = ctx.text.rfind("\n", 0, mention.span[0]) + 1
            line_end = ctx.text.find("\n", mention.span[1])
            line = ctx.text[line_start : line_end if line_end >= 0 else len(ctx.text)]
            if mention.year_inferred or line.strip() != mention.text.strip():
                continue
            above = ctx.text[: max(line_start - 1, 0)].rstrip().rpartition("\n")[2].strip()
            dated = True
            signed = signed or (0 < len(above) <= SIGNER_MAX_CHARS and not _SENTENCE_MARK.search(above))
    if not (signed and dated):
        signed, dated = (True, True) if _glued_signoff(ctx) else (signed, dated)
    return signed, dated


def _glued_signoff(ctx: Context) -> bool:
    """A 落款 a copy that lost its line breaks glued to the body's last line (…按要求执行。区教育局办公室2024年3月29日附件…):
    a full date near the end, right after an issuing body's name and followed by nothing but the attachments."""
    lo, hi = ctx.doc.span
    tail = hi - GLUED_TAIL_SHARE * (hi - lo)
    for mention in ctx.doc.dates:
        a, b = mention.span
        if mention.year_inferred or mention.kind != "day" or a < tail:
            continue
        line_start = ctx.text.rfind("\n", 0, a) + 1
        if a > line_start and _ISSUER_END.search(ctx.text, line_start, a) and _AFTER_GLUED.match(ctx.text, b):
            return True
    return False


def _bigrams(text: str) -> set[str]:
    return {text[i : i + 2] for i in range(len(text) - 1)}


def group_name_mismatch(ctx: Context) -> Iterator[Finding]:
    """A 领导小组 (指挥部, 工作专班) named after another piece of work: its name shares no word with the title,
    and most of what it names is said nowhere else in the document (疑似套用其他方案)."""
    facts = ctx.doc.quantities
    if len(facts.title_topic) < 2:
        return
    titled = _bigrams(facts.title_topic)
    spans = [g.span for g in facts.groups]
    elsewhere = "".join(
        ctx.text[a:b]
        for a, b in zip(
            [ctx.doc.span[0], *(e for _, e in spans)], [*(s for s, _ in spans), ctx.doc.span[1]], strict=True
        )
    )
    reported: set[str] = set()
    for group in facts.groups:
        words = _bigrams(group.topic)
        if len(group.topic) < 2 or words & titled or group.topic in reported:
            continue
        if 2 * sum(w in elsewhere for w in words) >= len(words):
            continue  # the document is about what the body is named for, under another title word
        reported.add(group.topic)
        yield ctx.finding_at(
            "group-name-mismatch",
            group.span,
            f"“{group.name}”的名称与文件主题“{ctx.doc.title}”无关，文中别处也未提及“{group.topic}”，"
            "疑似套用其他方案，请核对机构名称",
        )
