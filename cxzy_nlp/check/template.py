"""Traces of a downloaded template: placeholders, site residue, filtered words, filler voice."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..model import Finding, Span
from . import knowledge
from .context import Context
from .words import is_word

DEFAULT_MAX_FINDINGS = 20
WHOLE_PHRASES = ("web_page", "machine_text")  # listed phrases long enough to need no word-boundary test
BLOCK_KINDS = ("residue", "web_page")  # traces on neighbouring lines are one block, one problem
SIGNATURE_REACH = 16  # characters before a blank in which a 签字/盖章 cue makes it a signature box


def _capped(ctx: Context, rule: str, findings: Iterator[Finding]) -> Iterator[Finding]:
    limit = int(ctx.setting(rule, "max_findings", DEFAULT_MAX_FINDINGS))
    for i, finding in enumerate(findings):
        if i >= limit:
            return
        yield finding


_WRITE_IN = re.compile(r"(?:^|\s)[A-Ha-h][.．、]\s*$|其[他它][（(]?(?:请注明|请说明)?[）)]?[：:]?\s*$")
FORM_SLOTS = ("blank", "undecided")  # placeholder kinds that are a form's slots or answers, not gaps


def placeholder(ctx: Context) -> Iterator[Finding]:
    """One finding per sentence with unfilled slots; sentences explaining a form's format are skipped."""
    instructions = knowledge.placeholder_instructions()
    sentences: dict[Span, list[tuple[Span, str, str, str]]] = {}
    taken: list[Span] = []
    signer = knowledge.placeholder_signature_box()
    cells_are_slots = bool(ctx.setting("placeholder", "undecided_cells", False))
    for pattern in knowledge.placeholders():
        for span, found in ctx.finditer(pattern.regex):
            if any(a < span[1] and span[0] < b for a, b in taken):
                continue
            if signer.search(ctx.text, max(ctx.doc.span[0], span[0] - SIGNATURE_REACH), span[0]):
                continue  # 签字、盖章：年 月 日 — a box the signer fills on paper
            if pattern.category == "undecided" and not cells_are_slots and _in_table_row(ctx, span):
                continue  # a report's table answers 待定: not decided yet, said on purpose
            if pattern.category in FORM_SLOTS and ctx.form_like:
                continue  # a form's blanks (年 月 日, ____) and 待定 answers: the filer's, on paper
            if pattern.category == "blank" and _WRITE_IN.search(
                ctx.text[ctx.text.rfind("\n", 0, span[0]) + 1 : span[0]]
            ):
                continue  # a questionnaire's write-in option (D. ____ / 其他：____): the respondent's slot
            taken.append(span)
            sentences.setdefault(ctx.sentence_at(span), []).append((span, found, pattern.zh, pattern.category))

    _specimens_as_slots(ctx, sentences)

    def hits() -> Iterator[Finding]:
        for sentence in sorted(sentences):
            section = ctx.section_at(sentence[0])
            heading = ctx.text[section.heading_span[0] : section.heading_span[1]] if section else ""
            slots = sorted(sentences[sentence])
            if all(kind != "leftover" for *_, kind in slots) and (
                instructions.search(ctx.text[sentence[0] : sentence[1]]) or instructions.search(heading)
            ):
                continue  # the sentence (or its heading) explains how to fill the form
            names = "、".join(dict.fromkeys(_slot_name(found, zh) for _, found, zh, _ in slots))
            yield ctx.finding_at(
                "placeholder", slots[0][0], f"模板占位符{names}未填写，请填入实际内容", evidence=ctx.quote(sentence)
            )

    yield from _capped(ctx, "placeholder", hits())


def _slot_name(found: str, zh: str) -> str:
    """“张三”（示例人名）; a description that only quotes the slot (“XX”占位, “待定”) adds nothing to “XXX”."""
    return f"“{found}”" if zh.startswith("“") else f"“{found}”（{zh}）"


def _in_table_row(ctx: Context, span: Span) -> bool:
    line_start = ctx.text.rfind("\n", 0, span[0]) + 1
    line_end = ctx.text.find("\n", span[1])
    return "\t" in ctx.text[line_start : line_end if line_end >= 0 else len(ctx.text)]


SPECIMEN_MIN = 2  # distinct specimen names (张三, 李四) that make them slots rather than a name
# A name of two or three characters listed next to a specimen name (刘洋、张三、陈静): the list names people.
_LISTED_BEFORE = re.compile(r"([一-龥]{2,3})、$")
_LISTED_AFTER = re.compile(r"、([一-龥]{2,3})(?=[、，,；;。\s]|同志|$)")


def _specimens_as_slots(ctx: Context, sentences: dict[Span, list[tuple[Span, str, str, str]]]) -> None:
    """Keep specimen names (kind ``specimen``) only when two different ones stand in the document and none
    in a sentence that gives an example; otherwise drop them from ``sentences`` (in place)."""
    found = [(s, slot) for s, slots in sentences.items() for slot in slots if slot[3] == "specimen"]
    if not found:
        return
    names, examples = knowledge.placeholder_examples()
    keep = (
        len({slot[1] for _, slot in found}) >= SPECIMEN_MIN
        and not any(examples.search(ctx.text, *ctx.sentence_at(span)) for span, _ in ctx.finditer(names))
        and not any(_listed_with_a_name(ctx, slot[0], names) for _, slot in found)
    )
    if keep:
        return
    for s, slot in found:
        sentences[s].remove(slot)
        if not sentences[s]:
            del sentences[s]


def _listed_with_a_name(ctx: Context, span: Span, names: re.Pattern[str]) -> bool:
    """Whether a specimen name stands in a list beside a name that is no specimen (呈刘洋、张三、陈静同志阅示):
    the writer lists people, and the specimens among them are names (or the sample's pseudonyms), not slots."""
    before = _LISTED_BEFORE.search(ctx.text, max(0, span[0] - 4), span[0])
    after = _LISTED_AFTER.match(ctx.text, span[1])
    return any(m is not None and not names.search(m.group(1)) for m in (before, after))


def _pattern_rule(ctx: Context, rule: str, kind: str, advice: str) -> Iterator[Finding]:
    """One finding per sentence holding new traces; a trace seen before only adds to its count."""
    regex: re.Pattern[str] = knowledge.residue()[kind]
    sentences: dict[Span, list[tuple[Span, str]]] = {}
    count: dict[str, int] = {}
    salutation = knowledge.residue()["salutation"] if kind == "informal_voice" else None
    for span, found in ctx.finditer(regex):
        if kind not in WHOLE_PHRASES and not is_word(ctx.text, span):
            continue  # 范文 inside 规范文明
        if salutation and salutation.match(ctx.text, ctx.sentence_at(span)[0]):
            continue  # 尊敬的各位领导、亲爱的同事们：a speech's salutation, not a chatty voice
        key = " ".join(found.split())
        count[key] = count.get(key, 0) + 1
        if count[key] == 1:
            sentences.setdefault(ctx.sentence_at(span), []).append((span, key))

    def hits() -> Iterator[Finding]:
        groups = _blocks(ctx, sentences) if kind in BLOCK_KINDS else iter(sorted(sentences.items()))
        for block, traces in groups:
            names = "”“".join(key for _, key in traces)
            repeats = sum(count[key] - 1 for _, key in traces)
            more = f"（另有{repeats}处重复）" if repeats else ""
            yield ctx.finding_at(rule, traces[0][0], advice.format(found=names) + more, evidence=ctx.quote(block))

    yield from _capped(ctx, rule, hits())


def _blocks(
    ctx: Context, sentences: dict[Span, list[tuple[Span, str]]]
) -> Iterator[tuple[Span, list[tuple[Span, str]]]]:
    """Sentences with traces, those on neighbouring lines merged: one residue block is one problem."""
    block: Span | None = None
    traces: list[tuple[Span, str]] = []
    for sentence in sorted(sentences):
        if block is not None and not ctx.text[block[1] : sentence[0]].strip(" \t\n-—•·*"):
            block = (block[0], sentence[1])
            traces.extend(sentences[sentence])
            continue
        if block is not None:
            yield block, traces
        block, traces = sentence, list(sentences[sentence])
    if block is not None:
        yield block, traces


def scrape_residue(ctx: Context) -> Iterator[Finding]:
    yield from _pattern_rule(
        ctx, "scrape-residue", "residue", "含有文库网站痕迹“{found}”，说明文本从网上下载，请删除并核实内容是否照搬"
    )
    yield from web_residue(ctx)


def web_residue(ctx: Context) -> Iterator[Finding]:
    yield from _pattern_rule(
        ctx,
        "scrape-residue",
        "web_page",
        "含有网页痕迹“{found}”（导航、翻页、点击数、版权或打印按钮），说明文本从网页复制，请删除并核实内容",
    )


def machine_generated(ctx: Context) -> Iterator[Finding]:
    yield from _pattern_rule(
        ctx,
        "machine-generated",
        "machine_text",
        "“{found}”是对话式生成工具回答的套语，说明文本由机器生成后未经整理，请删除并逐条核实内容",
    )


def censor_gap(ctx: Context) -> Iterator[Finding]:
    yield from _pattern_rule(
        ctx, "censor-gap", "censor_gaps", "“{found}”处疑似缺字（网站过滤留下的空缺），请补全并核对原文"
    )


def informal_voice(ctx: Context) -> Iterator[Finding]:
    yield from _pattern_rule(
        ctx, "informal-voice", "informal_voice", "“{found}”是口语化或自动生成文本的语气，不符合公文文风，请改为规范表述"
    )
