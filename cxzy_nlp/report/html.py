"""One self-contained, offline HTML report comparing departments (no CDN, charts as inline SVG).

Made to be read on a screen, printed (a page group per document, nothing clipped) and opened on a
phone (tables become cards or scroll in their own box). Document texts travel deflated inline and
are expanded on demand; without the script every row is still shown, in document order.
"""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from .. import __version__
from ..locate import describe
from ..model import Document, Finding, Section
from .html_assets import CSS, HEAD_JS, JS
from .html_charts import svg_bars, svg_timeline, timeline_legend
from .html_text import PACKED_TYPE, excerpt, highlighted_text, packed, shown_text
from .summary import (
    SEVERITY_ZH,
    DocRow,
    Summary,
    finding_section_name,
    format_money,
    section_name,
)

if TYPE_CHECKING:
    from ..corpus.board import Board

__all__ = ["highlighted_text", "render_html", "rule_name", "svg_bars", "svg_timeline"]

SEVERITY_COLORS = {"error": "#c62828", "warn": "#ef6c00", "info": "#1565c0"}
STATUS_CLASS = {"已报送": "st-ok", "读取失败": "st-failed", "未报送": "st-missing"}
HEADING_CHARS = 80  # longer headings and titles are shown cut, whole in the tooltip
TITLE_CHARS = 400  # the tooltip's own bound (a contents line glued into one "heading")


def _e(value: object) -> str:
    return html.escape("" if value is None else str(value))


def _clip(text: str | None, limit: int = HEADING_CHARS, *, tip: bool = True) -> str:
    """Escaped text, cut to ``limit`` characters with the whole of it in a tooltip (unless ``tip`` is off)."""
    text = text or ""
    if len(text) <= limit:
        return _e(text)
    if not tip:
        return f"{_e(text[: limit - 1])}…"
    whole = text if len(text) <= TITLE_CHARS else text[:TITLE_CHARS] + "…"
    return f'<span class="clip" title="{_e(whole)}">{_e(text[: limit - 1])}…</span>'


@lru_cache(maxsize=1)
def _rule_names() -> dict[str, str]:
    from ..check.knowledge import catalogue

    return {rule_id: info.name for rule_id, info in catalogue().items() if info.name}


def rule_name(rule: str) -> str:
    """The rule's Chinese name from the rule catalogue (the id when it has none)."""
    return _rule_names().get(rule, rule)


def _rule_cell(rule: str) -> str:
    return f"{_e(rule_name(rule))}<code class='rule-id'>{_e(rule)}</code>"


def _sev_tag(severity: str) -> str:
    return f"<span class='tag tag-{_e(severity)}'>{_e(SEVERITY_ZH.get(severity, severity))}</span>"


def severity_legend() -> str:
    items = "".join(
        f"<span><i style='background:{color}'></i>{SEVERITY_ZH[sev]}（{sev}）</span>"
        for sev, color in SEVERITY_COLORS.items()
    )
    return f"<p class='legend sev-legend'>级别：{items}</p>"


def _scroll(inner: str) -> str:
    return f"<div class='scroll'>{inner}</div>"


# ------------------------------------------------------------------ page parts


def _overview(summary: Summary) -> str:
    n_docs = len(summary.docs)
    n_find = Counter(f.severity for d in summary.docs for f in d.document.findings)
    failed = sum(1 for f in summary.files if f.analysis.errors)
    cards = [
        ("部门", len(summary.departments)),
        ("文件", len(summary.files)),
        ("文档", n_docs),
        ("错误", n_find["error"]),
        ("警告", n_find["warn"]),
        ("提示", n_find["info"]),
        ("无法读取", failed),
    ]
    html_cards = "".join(f'<div class="card"><b>{v}</b>{_e(k)}</div>' for k, v in cards)
    rows = []
    for d in summary.departments:
        types = "、".join(f"{t}×{n}" for t, n in d.doc_types.most_common())
        share = f"{d.copied_share:.0%}" if d.copied_share is not None else ""
        rows.append(
            f"<tr><td>{_clip(d.department, 40)}</td><td class=num>{d.files}</td><td class=num>{d.documents}</td><td>{_e(types)}</td>"
            f"<td class=num>{d.goals}</td><td class=num>{d.measurable}</td><td class=num>{d.activities}</td>"
            f"<td class=num>{_e(format_money(d.budget) if d.budget else '')}</td>"
            f"<td class='num sev-error'>{d.findings['error']}</td><td class='num sev-warn'>{d.findings['warn']}</td>"
            f"<td class='num sev-info'>{d.findings['info']}</td><td class=num>{share}</td><td class=num>{d.failed}</td></tr>"
        )
    table = (
        "<table id='departments'><thead><tr><th>部门</th><th>文件</th><th>文档</th><th>文种</th><th>目标</th><th>可量化目标</th>"
        "<th>活动</th><th>经费合计</th><th>错误</th><th>警告</th><th>提示</th><th>最高雷同比例</th><th>无法读取</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>"
    )
    by_dept = [(d.department, {k: d.findings[k] for k in SEVERITY_COLORS}) for d in summary.departments]
    rule_counts: Counter[tuple[str, str]] = Counter(
        (f.rule, f.severity) for d in summary.docs for f in d.document.findings
    )
    by_rule: dict[str, dict[str, int]] = {}
    for (rule, sev), n in rule_counts.items():
        by_rule.setdefault(rule, {})[sev] = n
    rules_sorted = sorted(by_rule.items(), key=lambda kv: (-sum(kv[1].values()), kv[0]))
    names = {rule: rule_name(rule) for rule in by_rule}
    return (
        f'<section id="overview"><h2>总览</h2><div class="cards">{html_cards}</div>{_scroll(table)}'
        f"<h3>各部门问题数（按严重程度）</h3>{severity_legend()}<div class='chartbox'>{svg_bars(by_dept, SEVERITY_COLORS)}</div>"
        f"<h3>问题规则分布</h3><div class='chartbox'>{svg_bars(rules_sorted, SEVERITY_COLORS, names=names)}</div>"
        f"<h3 id='timeline'>实施期限与阶段</h3>{timeline_legend()}"
        f"<div class='chartbox'>{svg_timeline(list(summary.docs))}</div></section>"
    )


def _board(board: Board | None) -> str:
    """The submission board (收文情况) computed by the corpus layer, rendered as a table."""
    if board is None:
        return ""
    rows = []
    for r in board.rows:
        missing = "、".join(r.missing)
        rows.append(
            f"<tr><td>{_clip(r.department, 40)}</td>"
            f"<td><span class='tag {STATUS_CLASS.get(r.status, 'st-missing')}'>{_e(r.status)}</span></td>"
            f"<td class=num>{r.files}</td><td class=num>{r.documents}</td>"
            f"<td class='num sev-error'>{r.errors}</td><td class='num sev-warn'>{r.warnings}</td>"
            f"<td class='num sev-info'>{r.infos}</td><td class=num>{r.unreadable}</td><td>{_clip(missing, 120)}</td></tr>"
        )
    counts = "，".join(f"{status} {board.count(status)} 个部门" for status in STATUS_CLASS)  # type: ignore[arg-type]
    return (
        f"<section id='board'><h2>收文情况</h2><p>{_e(counts)}。清单中列出而未收到文件的部门为“未报送”。</p>"
        + _scroll(
            "<table id='board-table'><thead><tr><th>部门</th><th>状态</th><th>报送文件</th><th>文档</th><th>错误</th>"
            "<th>警告</th><th>提示</th><th>无法读取</th><th>未报送文件</th></tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table>"
        )
        + "</section>"
    )


def _coverage(summary: Summary) -> str:
    labels = summary.labels
    head = "".join(f"<th>{_e(section_name(lab))}</th>" for lab in labels)  # drawn upright (vertical)
    rows = []
    for d in summary.docs:
        cells = []
        for lab in labels:
            if lab in d.missing:  # exactly the missing-section findings, even where a sub-heading carries the label
                names = "、".join(n for n, m in zip(d.missing_names, d.missing, strict=True) if m == lab)
                cells.append(f'<td class="cov-miss" title="缺少必备部分：{_e(names)}">✗</td>')
            elif lab in d.labels:
                cells.append('<td class="cov-yes" title="有">✓</td>')
            else:
                cells.append('<td class="cov-no">·</td>')
        rows.append(
            f"<tr data-doc='{d.key}'><td>{_clip(d.department, 20)}</td><td><a href='#{d.key}'>{_clip(d.title, 40)}</a></td>"
            f"<td>{_e(d.doc_type_zh)}</td>{''.join(cells)}</tr>"
        )
    return (
        '<section id="coverage"><h2>章节覆盖矩阵</h2><p>✓ 有该部分；<span class="sev-error">✗</span> 检查发现缺少该必备部分（缺少必备章节）；· 非必备且未出现。</p>'
        + _scroll(
            f"<table id='coverage-matrix'><thead><tr><th>部门</th><th>文档</th><th>文种</th>{head}</tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table>"
        )
        + "</section>"
    )


def _options(values: Sequence[tuple[str, str]]) -> str:
    return "<option value=''>全部</option>" + "".join(
        f"<option value='{_e(v)}'>{_e(label)}</option>" for v, label in values
    )


def _findings_filter(summary: Summary) -> str:
    depts = sorted({d.department for d in summary.docs if d.document.findings})
    docs = [(d.key, f"{d.department}·{d.title}"[:40]) for d in summary.docs if d.document.findings]
    rules = sorted({f.rule for d in summary.docs for f in d.document.findings}, key=lambda r: (rule_name(r), r))
    sev = "".join(
        f'<label><input type="checkbox" value="{s}" checked> {SEVERITY_ZH[s]}</label>' for s in SEVERITY_COLORS
    )
    return (
        "<div id='filter' class='js-only'>"
        f"<label>部门 <select id='f-dept'>{_options([(d, d[:30]) for d in depts])}</select></label>"
        f"<label>文档 <select id='f-doc'>{_options(docs)}</select></label>"
        f"<label>规则 <select id='f-rule'>{_options([(r, rule_name(r)) for r in rules])}</select></label>"
        f"<span>级别：{sev}</span><button type='button' id='f-reset'>全部显示</button>"
        "<span id='f-count' class='mute'></span><span class='mute'>点表头排序</span></div>"
    )


def _findings_table(summary: Summary) -> str:
    rows = []
    for d in summary.docs:
        for i, f in enumerate(d.document.findings, 1):
            # the message links to the finding's excerpt only where there is one to go to
            message = f"<a href='#{d.key}-f{i}'>{_e(f.message)}</a>" if _has_excerpt(d.document, f) else _e(f.message)
            rows.append(
                f"<tr data-sev='{f.severity}' data-dept='{_e(d.department)}' data-doc='{d.key}' data-rule='{_e(f.rule)}'>"
                f"<td>{_clip(d.department, 30)}</td><td><a href='#{d.key}'>{_clip(d.title, 40, tip=False)}</a></td>"
                f"<td>{_clip(finding_section_name(d.document, f), 60)}</td><td>{_rule_cell(f.rule)}</td>"
                f"<td>{_sev_tag(f.severity)}</td><td class='msg'>{message}</td><td>{_clip(f.evidence, 80, tip=not _has_excerpt(d.document, f))}</td>"
                f"<td>{_e(describe(f.location, section=False))}</td></tr>"
            )
    cols = (
        "<colgroup><col class='c-dept'><col class='c-doc'><col class='c-sec'><col class='c-rule'>"
        "<col class='c-sev'><col class='c-msg'><col class='c-quote'><col class='c-loc'></colgroup>"
    )
    head = (
        "<thead><tr><th data-sort='dept'>部门</th><th data-sort='doc'>文档</th><th>章节</th><th data-sort='rule'>规则</th>"
        "<th data-sort='sev'>级别</th><th>说明</th><th>原文</th><th>位置</th></tr></thead>"
    )
    return (
        f'<section id="findings"><h2>问题清单</h2>{severity_legend()}{_findings_filter(summary)}'
        f"<table id='findings-table'>{cols}{head}<tbody>{''.join(rows)}</tbody></table></section>"
    )


def _has_excerpt(doc: Document, f: Finding) -> bool:
    return bool(f.span and min(f.span[1], doc.span[1]) > max(f.span[0], doc.span[0]))


PASSAGE_CHARS = 200  # each side of a copied passage, in the copying view


def _copying(summary: Summary) -> str:
    if not summary.links:
        return '<section id="copying"><h2>雷同与套用</h2><p>未发现文档间的雷同段落（或本次未做查重）。</p></section>'
    dept_of = {d.key: d.department for d in summary.docs}
    depts = sorted({d.department for d in summary.docs})
    matrix: dict[tuple[str, str], float] = {}
    for link in summary.links:
        if link.boilerplate:
            continue
        pair = (dept_of.get(link.a, "?"), dept_of.get(link.b, "?"))
        matrix[pair] = max(matrix.get(pair, 0.0), link.share)
    head = "".join(f"<th>{_clip(d, 20)}</th>" for d in depts)
    body = []
    for a in depts:
        cells = []
        for b in depts:
            v = matrix.get((a, b))
            shade = f"background:rgba(198,40,40,{min(1.0, v):.2f})" if v else ""
            cells.append(f"<td class=num style='{shade}'>{f'{v:.0%}' if v else ''}</td>")
        body.append(f"<tr><th>{_clip(a, 20)}</th>{''.join(cells)}</tr>")
    details = []
    for link in sorted(summary.links, key=lambda x: -x.share):
        da, db = summary.doc(link.a), summary.doc(link.b)
        if da is None or db is None:
            continue
        kind = "套话/模板" if link.boilerplate else "雷同"
        sides = "".join(
            f"<div>{_clip(ta, PASSAGE_CHARS)}</div><div>{_clip(tb, PASSAGE_CHARS)}</div>"
            for _, _, ta, tb in link.passages[:5]
        )
        details.append(
            f"<h4>{kind}：<a href='#{da.key}'>{_e(da.department)}·{_clip(da.title, 40)}</a> ↔ "
            f"<a href='#{db.key}'>{_e(db.department)}·{_clip(db.title, 40)}</a>（{link.share:.0%}）</h4><div class='side'>{sides}</div>"
        )
    pairs = (
        f"<h3>雷同段落（{len(details)} 对文档）</h3>" + _packed_box("copying", "展开雷同段落", "".join(details))
        if details
        else ""
    )
    return (
        '<section id="copying"><h2>雷同与套用</h2><p>行部门的文本在列部门文本中出现的最高比例（已排除常见套话）。</p>'
        + _scroll(
            f"<table id='copy-matrix'><thead><tr><th></th>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"
        )
        + f"{pairs}</section>"
    )


def _packed_box(key: str, label: str, fragment: str) -> str:
    """A part of the page that travels deflated and is expanded on demand (and by the print button)."""
    return (
        f"<div class='fulltext' id='{key}-text' data-doc='{key}'>"
        f"<p class='js-only'><button type='button' class='expand' data-label='{_e(label)}'>{_e(label)}</button></p>"
        "<noscript><p class='mute'>这一部分经压缩保存在报告中，需启用浏览器脚本后展开。</p></noscript>"
        "<p class='print-note'>（未展开：请用页首“打印全部”按钮打印，以包含这一部分。）</p>"
        f"<div class='unpacked' hidden></div></div>"
        f"<script type='{PACKED_TYPE}' id='{key}-packed'>{packed(fragment)}</script>"
    )


OUTLINE_DEPTH = 3  # deeper headings are marked in the text itself


def _outline(sections: tuple[Section, ...], depth: int = OUTLINE_DEPTH) -> str:
    if not sections:
        return ""
    items = []
    for s in sections:
        labels = "".join(f'<span class="badge">{_e(section_name(lab))}</span>' for lab in s.labels)
        below = _outline(s.children, depth - 1) if depth > 1 else ""
        items.append(f"<li>{_clip(s.number + s.heading, 50)} {labels}{below}</li>")
    return "<ul>" + "".join(items) + "</ul>"


def _text_link(key: str, anchor: str, text: str) -> str:
    """A link into the packed full text: the script expands it first; without script, the text's box."""
    return f"<a href='#{key}-text' data-doc='{key}' data-anchor='{key}-{anchor}'>{text}</a>"


def _document(summary: Summary, d: DocRow) -> str:
    doc = d.document
    analysis = summary.analysis_of(d)
    key = d.key
    goals = "".join(
        f"<tr><td>{_text_link(key, f'g{i}', _clip(g.text, 120, tip=False))}</td><td>{'是' if g.measurable else '否'}</td>"
        f"<td>{_e('、'.join(g.indicators))}</td><td class='loc'>{_e(describe(g.location, section=False))}</td></tr>"
        for i, g in enumerate(doc.goals, 1)
    )
    acts = "".join(
        f"<tr><td><a href='#{key}-a{i}'>{_clip(a.name, 60)}</a></td><td>{_clip(a.when, 40)}</td>"
        f"<td>{_clip(a.owner, 40)}</td><td class='loc'>{_e(describe(a.location, section=False))}</td></tr>"
        for i, a in enumerate(doc.activities, 1)
    )
    finds = []
    shown = shown_text(analysis.text, doc)
    for i, f in enumerate(doc.findings, 1):
        where = describe(f.location)
        quote = excerpt(shown, doc, f, f"{key}-f{i}")
        finds.append(
            f"<li>{_sev_tag(f.severity)} <b>{_e(rule_name(f.rule))}</b> <code class='rid'>{_e(f.rule)}</code>"
            f" {_e(f.message)}"
            + (f" <small class='mute'>（{_e(where)}）</small>" if where else "")
            + (f"<span class='excerpt'>{quote}</span>" if quote else "")
            + "</li>"
        )
    copied = [
        p[0] if link.a == key else p[1]
        for link in summary.links
        if key in (link.a, link.b) and not link.boilerplate
        for p in link.passages
    ]
    period = f"{doc.period.start or '?'} 至 {doc.period.end or '?'}" if doc.period else "未写明"
    if doc.period and doc.period.source == "derived":
        period += "（由阶段推算）"
    budget = format_money(doc.budget.total) if doc.budget and doc.budget.total else "未写明"
    meta = (
        f"<p><span class='badge'>{_e(d.department)}</span><span class='badge'>{_e(d.doc_type_zh)}</span>"
        f" 文件：<code>{_e(d.path)}</code> 文号：{_e(doc.doc_number or '无')} 年份：{_e(doc.year or '未知')}"
        f" 期限：{_e(period)} 经费：{_e(budget)}</p>"
    )
    stages = "".join(
        f"<tr><td>{_clip(p.phase, 60)}</td><td>{_e(p.start or '')}</td><td>{_e(p.end or '')}</td></tr>"
        for p in doc.schedule
    )
    legend = (
        "<p class='legend'><span class='hl-h'>标题</span><span class='hl-g'>目标</span><span class='hl-a'>活动</span>"
        "<span class='hl-c'>雷同</span><span class='hl-f-error'>问题</span></p>"
    )
    top = "、".join(_clip(s.number + s.heading, 30) for s in doc.sections[:40]) + (
        "……" if len(doc.sections) > 40 else ""
    )
    # the reference part travels packed: the whole outline, the stages, the activities and the text
    details = (
        f"<h4>结构</h4><div class='outline'>{_outline(doc.sections) or '<p>（未识别出章节）</p>'}</div>"
        + (
            f"<h4>阶段（{len(doc.schedule)}）</h4>"
            f"<div class='scroll'><table><tr><th>阶段</th><th>开始</th><th>结束</th></tr>{stages}</table></div>"
            if stages
            else ""
        )
        + (
            f"<h4>活动（{len(doc.activities)}）</h4><div class='scroll'><table><tr><th>活动</th><th>时间</th>"
            f"<th>责任单位</th><th>位置</th></tr>{acts}</table></div>"
            if acts
            else ""
        )
        + f"<h4>原文</h4>{legend}<div class='doctext'>{highlighted_text(analysis.text, doc, key, copied, anchors='ga')}</div>"
    )
    return (
        f"<section class='doc' id='{key}'><h2>{_clip(d.title, 120)}</h2>{meta}"
        f"<h3>问题（{len(doc.findings)}）</h3>"
        + (f"<ol class='doc-findings'>{''.join(finds)}</ol>" if finds else "<p class='mute'>未发现问题。</p>")
        + f"<p><b>一级标题：</b>{top or '（未识别出章节）'}</p>"
        + f"<h3>目标（{len(doc.goals)}）</h3>"
        + (
            _scroll(f"<table><tr><th>目标</th><th>可量化</th><th>指标</th><th>位置</th></tr>{goals}</table>")
            if goals
            else ""
        )
        + f"<h3>结构、阶段（{len(doc.schedule)}）、活动（{len(doc.activities)}）与原文</h3>"
        + _packed_box(key, "展开全文", details)
        + "</section>"
    )


def _errors(summary: Summary) -> tuple[str, str]:
    errors = [f for f in summary.files if f.analysis.errors]
    if not errors:
        return "", ""
    items = "".join(
        f"<li><code>{_e(f.path)}</code>（{_e(f.department)}）：[{_e(e['code'])}] {_e(e['message'])}</li>"
        for f in errors
        for e in f.analysis.errors
    )
    return (
        f'<section id="errors"><h2>无法读取的文件</h2><ul class="errors">{items}</ul></section>',
        "<a href='#errors'>无法读取</a>",
    )


def render_html(summary: Summary, title: str = "方案审阅报告", *, board: Board | None = None) -> str:
    """The whole report as one HTML string (UTF-8, no external resources).

    ``board`` is the submission board (:func:`cxzy_nlp.corpus.board.submission_board`), shown when given.
    """
    err_html, err_nav = _errors(summary)
    docs_html = "".join(_document(summary, d) for d in summary.docs)
    nav = (
        "<nav><a href='#overview'>总览</a>"
        + ("<a href='#board'>收文情况</a>" if board is not None else "")
        + "<a href='#coverage'>章节覆盖</a><a href='#findings'>问题清单</a><a href='#timeline'>期限</a>"
        "<a href='#copying'>雷同</a><a href='#documents'>各文档</a>" + err_nav + "</nav>"
    )
    return (
        "<!DOCTYPE html><html lang='zh-CN'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        f"<title>{_e(title)}</title><script>{HEAD_JS}</script><style>{CSS}</style><script>{JS}</script></head><body>"
        f"<header><div><h1>{_e(title)}</h1><div class='meta'>cxzy {__version__} 生成 · {len(summary.files)} 个文件 · "
        f"{len(summary.departments)} 个部门</div><div id='js-errors'></div></div>"
        "<button type='button' id='print-btn' class='js-only' title='展开全部原文后打印'>打印全部</button></header>"
        f"{nav}<main>{_overview(summary)}{_board(board)}{_coverage(summary)}{_findings_table(summary)}"
        f"{_copying(summary)}{err_html}<div id='documents'>{docs_html}</div></main></body></html>"
    )
