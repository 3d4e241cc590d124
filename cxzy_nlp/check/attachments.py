"""Attachments announced and attachments present (GB/T 9704—2012 §7.3.4, §8): the 附件说明 after the text
lists every attachment by its number, the text refers to them by those numbers, and the attachments that
travel with the document carry the same numbers. A document whose attachments travel as files of their own
(most web pages and e-mailed notices) is only held to the numbers it lists and the numbers it cites."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ..chinese.numerals import SMALL_NUMBER, numeral_value
from ..model import Finding, Span
from .context import Context

_GAP = "[ \\t　]*"
# 1.某某申报书 / 附件：1.某某办法 / 附件1：某某汇总表 : an item of a 附件说明 (a number, then a name)
_LIST_ITEM = re.compile(
    rf"(?m)^{_GAP}(?:(?:附{_GAP}件{_GAP}[：:]{_GAP})?(?P<a>{SMALL_NUMBER}){_GAP}[.．、]"
    rf"|附{_GAP}件{_GAP}(?P<b>{SMALL_NUMBER}){_GAP}[：:　 \t]){_GAP}(?P<name>\S.*)$"
)
# 附件：某某办法 : a single attachment named without a number
_SINGLE = re.compile(rf"附{_GAP}件{_GAP}[：:]{_GAP}(\S.+)")
# 附件3, 见附件三 : a reference in the text
_REFERENCE = re.compile(rf"附{_GAP}件{_GAP}({SMALL_NUMBER})")
# 附件2 / 附件2：某某汇总表 on a line of its own: an attachment that is present
_PRESENT = re.compile(
    rf"(?m)^{_GAP}附{_GAP}件{_GAP}({SMALL_NUMBER}){_GAP}(?:[：:][^\n。；]{{0,60}}|[ \t　]+[^\n。；]{{0,60}})?$"
)
_ANOTHER_LIST = re.compile(rf"(?m)^{_GAP}附{_GAP}件{_GAP}[：:]")
NAME_MIN_CHARS = 2  # a listed attachment has a name; a bare ``1.`` is a link the copy lost


@dataclass(frozen=True)
class AttachmentList:
    numbers: frozenset[int]
    span: Span


def _announced(ctx: Context) -> AttachmentList | None:
    """The numbers the document's 附件说明 lists (an unnumbered single attachment counts as 1)."""
    for zone in ctx.doc.zones:
        if zone.kind != "attachment_list":
            continue
        listed = ctx.text[zone.span[0] : zone.span[1]]
        numbers = {
            numeral_value(m.group("a") or m.group("b"))
            for m in _LIST_ITEM.finditer(listed)
            if len(m.group("name").strip()) >= NAME_MIN_CHARS
        }
        single = _SINGLE.search(listed)
        if not numbers and single and sum(ch.isalpha() for ch in single.group(1)) >= NAME_MIN_CHARS:
            numbers = {1}
        if numbers:
            return AttachmentList(frozenset(numbers), zone.span)
    return None


def _skipped_zones(ctx: Context) -> list[Span]:
    return [z.span for z in ctx.doc.zones if z.kind in ("attachment_list", "contents", "attachment")]


def _references(ctx: Context, skipped: list[Span]) -> list[tuple[int, Span]]:
    """附件N cited inside the document's text (not its list, contents or the attachments' own headings)."""
    out = []
    for span, found in ctx.finditer(_REFERENCE):
        if any(a <= span[0] < b for a, b in skipped):
            continue
        line_start = ctx.text.rfind("\n", 0, span[0]) + 1
        if not ctx.text[line_start : span[0]].strip():
            continue  # 附件2 at the start of a line heads an attachment
        m = _REFERENCE.fullmatch(found)
        if m:
            out.append((numeral_value(m.group(1)), span))
    return out


def _present(ctx: Context, after: int) -> list[tuple[int, Span]]:
    """Attachments headed 附件N on a line of their own after the list, up to another document's list."""
    end = len(ctx.text)
    for m in _ANOTHER_LIST.finditer(ctx.text[after:]):
        end = after + m.start()
        break
    return [
        (numeral_value(m.group(1)), (after + m.start(), after + m.end()))
        for m in _PRESENT.finditer(ctx.text[after:end])
    ]


def _numbers(values: frozenset[int] | set[int]) -> str:
    return "、".join(f"附件{n}" for n in sorted(values))


def attachment_mismatch(ctx: Context) -> Iterator[Finding]:
    """A 附件N the text cites or the file carries that the 附件说明 does not list, and a listed attachment
    missing where the others are attached."""
    announced = _announced(ctx)
    if announced is None:
        return
    listed = announced.numbers
    reported: set[int] = set()
    for number, span in _references(ctx, _skipped_zones(ctx)):
        if number in listed or number in reported:
            continue
        reported.add(number)
        yield ctx.finding_at(
            "attachment-mismatch",
            span,
            f"正文提到“附件{number}”，但附件说明只列了{_numbers(listed)}，请补列该附件或改正引用的编号",
            evidence=ctx.quote(ctx.sentence_at(span)),
        )
    present = _present(ctx, announced.span[1])
    numbers_present = {n for n, _ in present}
    for number, span in present:
        if number in listed or number in reported:
            continue
        reported.add(number)
        yield ctx.finding_at(
            "attachment-mismatch",
            span,
            f"文后附有“附件{number}”，但附件说明只列了{_numbers(listed)}，请在附件说明中补列，或删去多附的材料",
        )
    missing = listed - numbers_present
    if numbers_present and missing and numbers_present <= listed:
        yield ctx.finding_at(
            "attachment-mismatch",
            announced.span,
            f"附件说明列了{_numbers(listed)}，文后只附了{_numbers(numbers_present)}，缺少{_numbers(missing)}，"
            "请补附或修改附件说明",
            evidence=ctx.quote(announced.span),
        )
