"""Whole documents: title, notice wrapper, preface, sections by document type, sign-off, compilations."""

from __future__ import annotations

import random
from collections.abc import Iterable
from datetime import date
from typing import Any

from . import era
from .builder import TextBuilder
from .content import WRITERS, Ctx, cn_date
from .gold import SynthPlan
from .nodes import Node, Para, Part, Piece, emit, emit_para, para
from .numbering import STYLES, Numbering, chinese_numeral
from .vocab import Vocab, load_vocab

DOC_TYPES = ("implementation_plan", "work_plan", "activity_plan", "work_schedule", "work_summary")
FAULT_RULES = (
    "missing-section",
    "empty-section",
    "vague-goal",
    "task-no-owner",
    "step-no-time",
    "date-logic",
    "budget-mismatch",
    "placeholder",
    "scrape-residue",
    "censor-gap",
    "informal-voice",
    "outdated-reference",
    "era-formula",
    "campaign-window",
    "anniversary",
    "docnum-format",
    "date-format",
    "duplicate-passage",
)
# Faults that need a section a summary does not have.
_PLAN_ONLY = {
    "vague-goal",
    "task-no-owner",
    "step-no-time",
    "date-logic",
    "budget-mismatch",
    "censor-gap",
    "era-formula",
    "outdated-reference",
    "campaign-window",
    "anniversary",
    "docnum-format",
}
# Section a fault lives in: it is forced into the layout when the fault is planted (and never dropped).
_NEEDS = {
    "budget-mismatch": "budget",
    "censor-gap": "guiding_ideology",
    "era-formula": "guiding_ideology",
    "outdated-reference": "guiding_ideology",
    "vague-goal": "goals",
    "task-no-owner": "tasks",
    "step-no-time": "steps",
    "date-logic": "steps",
}
YEARS = (2008, 2026)
_DEFAULT_FAULT_RATE = 0.12
_SLOGAN_SHARE = 0.2


def choose_faults(rng: random.Random, doc_type: str, faults: bool | float | Iterable[str]) -> set[str]:
    """Rules to plant in one document: none, a random draw at a rate, or exactly the given rules."""
    if not isinstance(faults, (bool, int, float)):
        wanted = set(faults)
        unknown = wanted - set(FAULT_RULES)
        if unknown:
            raise ValueError(f"unknown fault rules: {sorted(unknown)}")
        if doc_type == "work_summary" and wanted & _PLAN_ONLY:
            raise ValueError(f"a work_summary has no place for {sorted(wanted & _PLAN_ONLY)}")
        return wanted
    rate = _DEFAULT_FAULT_RATE if faults is True else float(faults)
    chosen = {r for r in FAULT_RULES if rng.random() < rate}
    if doc_type == "work_summary":
        chosen -= _PLAN_ONLY
    if "step-no-time" in chosen:
        chosen.discard("date-logic")  # undated stages cannot be out of order
    return chosen


def _needs_a_plan(faults: bool | float | Iterable[str]) -> bool:
    """Whether explicitly requested faults need a plan rather than a summary."""
    return not isinstance(faults, (bool, int, float)) and bool(set(faults) & _PLAN_ONLY)


def pick_unit(
    v: Vocab, rng: random.Random, department: str | None, theme: dict[str, Any] | None = None
) -> tuple[dict[str, Any], str, str]:
    """(unit entry, full department name, region) — ``department`` may name a unit type or a full name."""
    units = v.units
    if theme is not None and "any" not in theme["kinds"]:
        units = [u for u in units if u["kind"] in theme["kinds"]]
    if department:
        for u in units:
            if department.endswith(u["name"]):
                region = department[: -len(u["name"])] or rng.choice(v.regions[u["level"]])
                return u, region + u["name"], region
        unit = rng.choice(units)
        return unit, department, department
    unit = rng.choice(units)
    region = rng.choice(v.regions[unit["level"]])
    return unit, region + unit["name"], region


def plan_title(c: Ctx, year_text: str) -> str:
    zh = c.v.doc_types[c.doc_type]["zh"]
    core = c.theme["title"] if c.doc_type != "work_summary" else c.theme["task"]
    forms: tuple[str, ...]
    if c.doc_type in ("work_summary", "work_schedule"):
        forms = (f"{c.dept}{year_text}{core}{zh}", f"{year_text}{core}{zh}")
    else:
        forms = (
            f"{c.dept}{year_text}{core}{zh}",
            f"{c.dept}关于开展{year_text}{core}的{zh}",
            f"{core}{zh}",
            f"{year_text}{core}{zh}",
        )
    return c.rng.choice(forms)


def doc_number(c: Ctx, code: str | None = None) -> Piece:
    """文号 of a notice (the unit's own 代字) or a cited document: 代字〔YYYY〕N号, or a malformed one as a fault."""
    code = code or c.region[:1] + c.unit["code"]
    n = c.rng.randint(1, 99)
    if c.has("docnum-format"):
        bad = c.rng.choice(
            (
                f"{code}[{c.year}]{n}号",
                f"{code}({c.year}){n}号",
                f"{code}【{c.year}】{n}号",
                f"{code}〔{c.year}〕第{n}号",
                f"{code}〔{c.year % 100:02d}〕{n}号",
                f"{code}〔{c.year}〕{n:03d}号",
            )
        )
        return Piece(bad, fault=("docnum-format", "文号应为“代字〔年份〕序号号”"))
    return Piece(f"{code}〔{c.year}〕{n}号")


def signed_date(c: Ctx) -> Piece:
    d = c.signed
    if c.has("placeholder") and c.fill.get("placeholder_site") == "date" and not c.has("date-format"):
        return Piece("____年__月__日", fault=("placeholder", "成文日期未填写"))
    if c.has("date-format"):
        digits = "〇一二三四五六七八九"
        month_cn = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二"]
        day_cn = "".join(digits[int(x)] for x in str(d.day)) if d.day < 10 else _cn_day(d.day)
        bad = c.rng.choice(
            (
                "".join(digits[int(x)] for x in str(d.year)) + f"年{month_cn[d.month]}月{day_cn}日",
                d.isoformat(),
                f"{d.year}年{d.month:02d}月{d.day:02d}日",
            )
        )
        return Piece(bad, fault=("date-format", "成文日期应使用阿拉伯数字且不编虚位"))
    return Piece(cn_date(d))


def _as_item(piece: Piece, kind: str, value: str | None = None) -> Piece:
    """Mark a 文号 or 成文日期 piece as a gold item (keeping any fault planted in it)."""
    piece.kind = kind
    piece.fields = {"text": piece.text, "value": value if value is not None else piece.text}
    return piece


def _cn_day(day: int) -> str:
    ones = "〇一二三四五六七八九"
    tens, unit = divmod(day, 10)
    return ("" if tens == 1 else ones[tens]) + "十" + ("" if unit == 0 else ones[unit])


def preface(c: Ctx) -> list[Para]:
    """Opening paragraph: purpose, basis (a cited document with 文号) and the self-reference."""
    ref_title = c.pick("ref_titles")
    ref_piece = Piece(ref_title, kind="reference")
    num = doc_number(c, c.region[:1] + c.rng.choice(c.v.phrases["ref_issuers"]))
    ref_piece.fields = {"title": ref_title, "doc_number": num.text}
    spirit = f"上级关于{c.theme['task']}的决策部署"
    campaign = era.campaign_for(c.year)
    pieces: list[Piece] = []
    if c.has("campaign-window"):
        wrong = era.out_of_window_campaign(c.year, c.rng)
        pieces += [Piece("结合"), Piece(wrong, fault=("campaign-window", f"{wrong}不在{c.year}年开展")), Piece("，")]
    elif campaign and c.theme["id"] == "party_study":
        pieces += [Piece(f"结合{campaign}，")]
    self_piece = Piece(c.fill["self"])
    if c.has("placeholder") and c.fill.get("placeholder_site") == "preface":
        ph = c.rng.choice(("（单位名称）", "XX单位", "某某"))
        self_piece = Piece(ph, fault=("placeholder", "单位名称未填写"))
    lead = c.rng.choice(("为深入贯彻落实", "为认真落实", "按照"))
    pieces += [
        Piece(f"{lead}{spirit}，根据"),
        ref_piece,
        Piece("（"),
        num,
        Piece("）要求，结合"),
        self_piece,
        Piece(c.f("实际，特制定{self_ref}。")),
    ]
    out = [Para(pieces)]
    if c.has("anniversary") or (c.doc_type == "activity_plan" and c.rng.random() < 0.2):
        n = c.year - 1921
        if c.has("anniversary"):
            wrong_n = n + c.rng.choice((-2, -1, 1, 2))
            out.append(
                Para(
                    [
                        Piece("活动以庆祝"),
                        Piece(f"建党{wrong_n}周年", fault=("anniversary", f"{c.year}年应为建党{n}周年")),
                        Piece("为契机，营造浓厚氛围。"),
                    ]
                )
            )
        else:
            out.append(para(f"活动以庆祝建党{n}周年为契机，营造浓厚氛围。"))
    return out


def layout(c: Ctx) -> list[str]:
    """Section types of this document, in order, after dropping optional ones and forcing those faults need."""
    needed = {_NEEDS[f] for f in c.faults if f in _NEEDS}
    out = []
    for sid, p in c.v.layouts[c.doc_type]:
        if p == "required" or sid in needed or c.rng.random() < float(p):
            out.append(sid)
    return out


def heading_for(c: Ctx, sid: str) -> str:
    choices = c.v.headings[sid]
    if choices["slogan"] and c.rng.random() < _SLOGAN_SHARE:
        c.note("slogan_headings")
        return c.f(c.rng.choice(choices["slogan"]))
    return str(c.rng.choice(choices["plain"]))


_SECTION_FAULTS = {
    "task-no-owner": ("tasks", "任务没有写明牵头或责任单位"),
    "step-no-time": ("steps", "实施步骤没有时间节点"),
}


def section_faults(c: Ctx, sid: str, empty: str | None) -> list[tuple[str, str]]:
    """Faults recorded over a whole top-level section."""
    if sid == empty:
        return [("empty-section", sid)]
    return [(rule, note) for rule, (where, note) in _SECTION_FAULTS.items() if where == sid and c.has(rule)]


_RUN_ON_SHARE = 0.04


def _runs_on(c: Ctx, body: list) -> bool:
    """Whether the next heading follows this short section on the same line (“三、活动主题“…”四、活动时间…”)."""
    short = len(body) == 1 and isinstance(body[0], Para) and sum(len(p.text) for p in body[0].pieces) < 40
    return short and c.rng.random() < _RUN_ON_SHARE * 5


def paragraphs(nodes: list[Node]) -> list[Para]:
    """Every paragraph of a body, those of its parts included, in order."""
    out: list[Para] = []
    for node in nodes:
        out.extend([node] if isinstance(node, Para) else paragraphs(node.body))
    return out


def write_sections(b: TextBuilder, c: Ctx, numbering: Numbering) -> None:
    sids = layout(c)
    required = [s for s, p in c.v.layouts[c.doc_type] if p == "required"]
    needed = {_NEEDS[f] for f in c.faults if f in _NEEDS}
    droppable = [s for s in required if s not in needed]
    if c.has("missing-section") and droppable:
        dropped = c.rng.choice(droppable)
        sids.remove(dropped)
        b.fault("missing-section", None, dropped)
    else:
        c.faults.discard("missing-section")  # every required section carries another fault
    blankable = [s for s in sids if s not in required and s not in needed] or [s for s in sids if s not in needed]
    empty = c.rng.choice(blankable) if c.has("empty-section") and blankable else None
    if empty is None:
        c.faults.discard("empty-section")
    residue_at = (
        c.rng.choice([i for i, s in enumerate(sids) if s != empty] or [None]) if c.has("scrape-residue") else None
    )
    dup_at = len(sids) - 1 if c.has("duplicate-passage") else None
    glue_sep = c.rng.choices(("。", "：", ""), weights=(70, 20, 10))[0]  # scraped text sometimes loses the stop
    glue_top = c.rng.random() < 0.15
    c.note("top_headings_glued", glue_top)
    c.note("glue_separator", glue_sep)
    written: list[str] = []
    for i, sid in enumerate(sids):
        body = [] if sid == empty else WRITERS[sid](c)
        written += [p.pieces[0].text for p in paragraphs(body) if len(p.pieces) == 1 and len(p.pieces[0].text) > 30]
        if i == residue_at:
            body.append(
                Para(
                    [
                        Piece(
                            c.pick(
                                "residue_lines", kb=c.rng.randint(20, 90), n=c.rng.randint(2, 9), m=c.rng.randint(1, 5)
                            ),
                            fault=("scrape-residue", "下载网站残留文字"),
                        )
                    ]
                )
            )
        if i == dup_at and written:
            body.append(Para([Piece(c.rng.choice(written), fault=("duplicate-passage", "与前文段落重复"))]))
        elif i == dup_at:
            c.faults.discard("duplicate-passage")  # nothing long enough to repeat
        part = Part(
            heading_for(c, sid), body, labels=(sid,), glue=glue_top and bool(body), faults=section_faults(c, sid, empty)
        )
        emit(b, numbering, 1, part, glue_sep)
        b.run_on = i + 1 < len(sids) and _runs_on(c, body)
        if b.run_on:
            c.note("run_on_headings")


def write_document(b: TextBuilder, c: Ctx, numbering_style: str, notice: bool) -> tuple[int, int]:
    """One plan (possibly wrapped in a 印发 notice); return its span."""
    start = b.next_start
    first_fault = len(b.faults)
    year_text = f"{c.year}年"
    title_pieces = [Piece(plan_title(c, year_text))]
    if c.has("placeholder") and c.fill.get("placeholder_site") == "title" and year_text in title_pieces[0].text:
        head, tail = title_pieces[0].text.split(year_text, 1)
        title_pieces = [Piece(head), Piece("____年", fault=("placeholder", "标题年份未填写")), Piece(tail)]
    title = "".join(p.text for p in title_pieces)
    c.fill["title"] = c.theme["title"]
    if c.has("informal-voice") and c.rng.random() < 0.5:
        emit_para(b, Para([Piece(c.pick("informal_opening"), fault=("informal-voice", "网络范文的口语化文字"))]))
    if notice:
        notice_title = f"关于印发《{title}》的通知"
        emit_para(b, Para([Piece(notice_title, kind="notice_title", fields={"text": notice_title})]))
        emit_para(b, Para([_as_item(doc_number(c), "doc_number")]))
        emit_para(b, para(c.rng.choice(c.v.phrases["recipients"])))
        emit_para(b, para(c.pick("notice_body", plan_title=title)))
        if c.rng.random() < 0.4:  # 附件说明: the plan itself is the attachment
            emit_para(b, para(f"附件：{title}"))
        emit_para(b, para(c.dept))
        emit_para(b, Para([_as_item(signed_date(c), "date", c.signed.isoformat())]))
    b.item("title", (b.next_start, b.next_start + len(title)), text=title)
    emit_para(b, Para(title_pieces))
    if c.doc_type == "work_summary":
        emit_para(b, para(c.pick("summary_preface", year=c.year)))
    else:
        for p in preface(c):
            emit_para(b, p)
    write_sections(b, c, Numbering(numbering_style))
    dated = c.has("date-format") or (c.has("placeholder") and c.fill["placeholder_site"] == "date")
    if not notice and (dated or c.rng.random() < 0.5):
        emit_para(b, para(c.dept))
        emit_para(b, Para([_as_item(signed_date(c), "date", c.signed.isoformat())]))
    planted = {f.rule for f in b.faults[first_fault:]}
    if c.has("placeholder") and "placeholder" not in planted:  # the chosen place did not occur in this plan
        emit_para(
            b,
            Para(
                [
                    Piece("联系人："),
                    Piece("XXX", fault=("placeholder", "联系人未填写")),
                    Piece("，联系电话：0000-0000000。"),
                ]
            ),
        )
    if c.has("informal-voice") and "informal-voice" not in planted:
        emit_para(b, Para([Piece(c.pick("informal_closing"), fault=("informal-voice", "网络范文的口语化文字"))]))
    return (start, b.end)


def make_ctx(
    rng: random.Random,
    v: Vocab,
    doc_type: str,
    department: str | None,
    year: int,
    faults: set[str],
    size: int,
    theme: dict[str, Any] | None = None,
) -> Ctx:
    unit, dept, region = pick_unit(v, rng, department, theme)
    theme = theme or rng.choice(v.themes_for(unit["kind"]))
    # plans are signed early in their year, summaries at its end
    signed = date(year, 12 if doc_type == "work_summary" else rng.randint(1, 4), rng.randint(1, 28))
    self_ref = v.doc_types[doc_type]["self"]
    fill = {
        "task": theme["task"],
        "field": theme["field"],
        "title": theme["title"],
        "objects": theme["objects"],
        "unit": dept,
        "self": unit["self"],
        "self_ref": self_ref,
        "year": str(year),
        "placeholder_site": rng.choice(("title", "date", "preface", "leader")),
    }
    return Ctx(
        rng=rng,
        v=v,
        unit=unit,
        dept=dept,
        region=region,
        theme=theme,
        year=year,
        doc_type=doc_type,
        faults=faults,
        size=size,
        signed=signed,
        fill=fill,
    )


def compilation_marker(rng: random.Random, v: Vocab, i: int, title: str, bare_index: bool) -> Para:
    """The line before the i-th plan of a compilation: 篇1 / 范文1 (residue) or a bare （一） / 1、 index."""
    if bare_index:
        return para(rng.choice(v.phrases["compilation_index"]).format(i=i + 1, c=chinese_numeral(i + 1)))
    marker = rng.choice(v.phrases["compilation_marker"]).format(i=i + 1, title=title)
    return Para([Piece(marker, fault=("scrape-residue", "汇编中的篇目序号"))])


def compose_plan(
    seed: int,
    *,
    doc_type: str | None = None,
    department: str | None = None,
    year: int | None = None,
    style: str | None = None,
    faults: bool | float | Iterable[str] = True,
    wrapper: str | None = None,
    size: int = 2,
    theme: str | None = None,
) -> SynthPlan:
    """See :func:`cxzy_nlp.synth.generate_plan`."""
    rng = random.Random(seed)
    v = load_vocab()
    if doc_type is not None and doc_type not in DOC_TYPES:
        raise ValueError(f"unknown doc_type {doc_type!r}; known: {', '.join(DOC_TYPES)}")
    if style is not None and style not in STYLES:
        raise ValueError(f"unknown numbering style {style!r}; known: {', '.join(STYLES)}")
    wrapper = wrapper or rng.choices(("plain", "notice", "compilation"), weights=(80, 12, 8))[0]
    if wrapper not in ("plain", "notice", "compilation"):
        raise ValueError(f"unknown wrapper {wrapper!r}; known: plain, notice, compilation")
    forced_theme = None
    if theme is not None:
        forced_theme = next((t for t in v.themes if t["id"] == theme), None)
        if forced_theme is None:
            raise ValueError(f"unknown theme {theme!r}; known: {', '.join(t['id'] for t in v.themes)}")
    if not 1 <= size <= 40:
        raise ValueError(f"size must be between 1 and 40, got {size}")
    b = TextBuilder()
    index_style = rng.random() < 0.3  # compilation plans numbered （一）/1、 instead of 篇1/范文1
    n_docs = rng.randint(2, 4) if wrapper == "compilation" else 1
    first: Ctx | None = None
    documents = []
    styles = []
    layouts: list[dict[str, Any]] = []
    for i in range(n_docs):
        dt = doc_type or rng.choices(DOC_TYPES, weights=(30, 25, 20, 15, 0 if _needs_a_plan(faults) else 10))[0]
        yr = year or rng.randint(*YEARS)
        ctx = make_ctx(
            rng, v, dt, department, yr, choose_faults(rng, dt, faults), size, first.theme if first else forced_theme
        )
        if first is None:
            first = ctx
            if wrapper == "compilation":
                header = rng.choice(v.phrases["compilation_header"]).format(
                    title=ctx.theme["title"] + v.doc_types[dt]["zh"], n=n_docs
                )
                emit_para(b, Para([Piece(header, fault=("scrape-residue", "范文网站的汇编标题"))]))
        if wrapper == "compilation":
            emit_para(b, compilation_marker(rng, v, i, ctx.theme["title"] + v.doc_types[dt]["zh"], index_style))
        numbering_style = style or rng.choice(tuple(STYLES))
        styles.append(numbering_style)
        documents.append(write_document(b, ctx, numbering_style, notice=wrapper == "notice" and dt != "work_summary"))
        layouts.append(
            {"doc_type": dt, "numbering": numbering_style, "faults_requested": sorted(ctx.faults), **ctx.notes}
        )
    assert first is not None
    title_line = next(str(it.fields["text"]) for it in b.items if it.kind == "title")
    return SynthPlan(
        text=b.text,
        title=title_line,
        doc_type=first.doc_type,
        department=first.dept,
        year=first.year,
        documents=tuple(documents),
        sections=tuple(b.top),
        items=tuple(b.items),
        faults=tuple(b.faults),
        style={
            "numbering": styles[0],
            "numbering_per_document": styles,
            "wrapper": wrapper,
            "size": size,
            "theme": first.theme["id"],
            "unit_kind": first.unit["kind"],
            "layout": layouts[0],
            "layouts": layouts,
        },
        seed=seed,
    )
