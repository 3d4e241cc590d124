"""Structure rules: required sections, empty sections, 文种 consistency, length."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..chinese.sentences import CLAUSE_STOPS, stop_class
from ..model import Finding, Section
from . import knowledge
from .context import Context

_WHITESPACE = re.compile(r"\s+")
_PUNCT_SPACE = re.compile(r"[\s，。、；：！？“”‘’（）《》〔〕【】,.;:!?()\-—…·]+")

_SELF_REFERENCE = re.compile(r"本(方案|计划|意见|总结|报告|要点|办法|规划|安排)|提出(?:如下|以下)(?:实施)?(意见)")


def _counts_for_presence(section: Section) -> bool:
    """Top-level sections count; deeper ones only when a heading synonym (not a model guess) labelled them."""
    return section.level == 1 or (section.label_source == "rule" and len(section.heading) <= HEADING_MAX_CHARS)


def missing_section(ctx: Context) -> Iterator[Finding]:
    """Required families without a section; a numbered sentence of a list does not count as one."""
    present = {label for s in ctx.sections if _counts_for_presence(s) for label in s.labels}
    for family in ctx.profile.required_sections:
        if present.intersection(family.labels) or (family.inline and re.search(family.inline, ctx.body)):
            continue
        kind = ctx.profile.zh or "此类文档"
        yield ctx.finding(
            "missing-section",
            f"缺少“{family.name}”部分：{kind}应当写明这一内容，请增设相应章节",
            span=ctx.doc.title_span,
            evidence=ctx.doc.title,
        )


def _own_text(ctx: Context, section: Section) -> str:
    """The section's body before its first child."""
    end = section.children[0].span[0] if section.children else section.span[1]
    return ctx.text[section.heading_span[1] : end]


def _substance(text: str) -> str:
    return _PUNCT_SPACE.sub("", text)


_SENTENCE_MARK = stop_class(CLAUSE_STOPS + ";")
HEADING_MAX_CHARS = 30
_QUESTION = re.compile(r"[？?]$|吗$|呢$|什么|哪些|怎样|如何")


def looks_like_heading(ctx: Context, section: Section) -> bool:
    """A real heading, not a numbered sentence of a list (long, or closed by 。 with nothing under it)."""
    if len(section.heading) > HEADING_MAX_CHARS:
        return False
    heading = ctx.text[section.heading_span[0] : section.heading_span[1]].rstrip()
    if _QUESTION.search(heading):
        return False  # a numbered question of a questionnaire
    has_body = bool(_substance(ctx.text[section.heading_span[1] : section.span[1]]))
    return has_body or not _SENTENCE_MARK.search(heading[-1:])


def _leaves_with_inherited_labels(
    sections: tuple[Section, ...], inherited: frozenset[str] = frozenset()
) -> Iterator[tuple[Section, frozenset[str], tuple[Section, ...]]]:
    """Sections without children, with the labels of their ancestors and their siblings."""
    for section in sections:
        labels = inherited | frozenset(section.labels)
        if section.children:
            yield from _leaves_with_inherited_labels(section.children, labels)
        else:
            yield section, labels, sections


def _has_body(ctx: Context, section: Section) -> bool:
    return bool(section.children) or bool(_substance(ctx.text[section.heading_span[1] : section.span[1]]))


def empty_section(ctx: Context) -> Iterator[Finding]:
    """Headings with no body, or whose body is stock formulas only (fine under 指导思想/要求)."""
    min_chars = int(ctx.setting("empty-section", "min_chars", 6))
    stock_share = float(ctx.setting("empty-section", "stock_share", 0.8))
    stock_ok = set(ctx.setting("empty-section", "stock_ok", []))
    for section, labels, siblings in _leaves_with_inherited_labels(ctx.doc.sections):
        if not looks_like_heading(ctx, section):
            continue
        content = _substance(ctx.text[section.heading_span[1] : section.span[1]])
        if len(content) < min_chars:
            others = [s for s in siblings if s is not section]
            if section.level > 1 and (
                2 * sum(_has_body(ctx, s) for s in others) <= len(others)
                or ctx.text[section.heading_span[0] : section.heading_span[1]].rstrip().endswith(("：", ":"))
            ):
                continue  # a list of short items, or a label introducing a table, not a heading left empty
            yield ctx.finding(
                "empty-section",
                f"{ctx.section_name(section)}只有标题没有内容，请补写具体内容或删去该标题",
                span=section.heading_span,
                section=section.id,
            )
            continue
        if stock_ok.intersection(labels):
            continue
        stock = _substance("".join(m.group(0) for m in knowledge.stock_regex().finditer(content)))
        if len(stock) >= stock_share * len(content):
            yield ctx.finding(
                "empty-section",
                f"{ctx.section_name(section)}的内容只有套话，没有实际安排，请写明具体做什么、做到什么程度",
                span=section.span,
                section=section.id,
            )


def doctype_mismatch(ctx: Context) -> Iterator[Finding]:
    titles = re.findall("|".join(knowledge.genres()), ctx.doc.title or "")
    if not titles:
        return
    genre = titles[-1]
    agreeing = knowledge.genres().get(genre, (genre,))
    for span, found in ctx.finditer(_SELF_REFERENCE):
        m = _SELF_REFERENCE.fullmatch(found)
        said = (m.group(1) or m.group(2)) if m else found
        if said not in agreeing and genre not in knowledge.genres().get(said, ()):
            yield ctx.finding_at(
                "doctype-mismatch",
                span,
                f"标题文种为“{genre}”，正文却自称“{found}”，请统一文种（疑似套用其他文件）",
                evidence=ctx.quote(ctx.sentence_at(span)),
            )
            return


def length(ctx: Context) -> Iterator[Finding]:
    limit = int(ctx.setting("length", "max_chars", 5000))
    size = len(_WHITESPACE.sub("", ctx.body))
    if size > limit:
        yield ctx.finding(
            "length",
            f"全文约{size}字，超过{limit}字的精简文件要求，请压缩篇幅、删去套话和重复内容",
            span=ctx.doc.title_span,
            evidence=ctx.doc.title,
        )
