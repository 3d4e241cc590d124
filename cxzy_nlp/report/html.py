"""One self-contained, offline HTML report comparing departments (no CDN, charts as inline SVG)."""

from __future__ import annotations

import html
import itertools
from collections import Counter
from collections.abc import Iterable
from datetime import date

from .. import __version__
from ..locate import describe
from ..model import Document, Section
from .summary import (
    SEVERITY_ZH,
    DocRow,
    Summary,
    finding_section_name,
    format_money,
    section_name,
)

CSS = """
:root{--err:#c62828;--warn:#ef6c00;--info:#1565c0;--ok:#2e7d32;--mute:#777;--line:#ddd;--bg:#fafafa}
*{box-sizing:border-box}
body{margin:0;font-family:"Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei","PingFang SC","WenQuanYi Micro Hei","SimSun",sans-serif;color:#222;background:#fff;line-height:1.6}
header{background:#263238;color:#fff;padding:16px 28px}
header h1{margin:0;font-size:22px}
header .meta{color:#b0bec5;font-size:13px}
nav{position:sticky;top:0;background:#eceff1;padding:6px 28px;border-bottom:1px solid var(--line);z-index:2;font-size:14px}
nav a{margin-right:18px;color:#37474f;text-decoration:none}
main{padding:8px 28px 60px}
h2{border-left:5px solid #455a64;padding-left:10px;margin-top:36px}
h3{margin-bottom:6px}
table{border-collapse:collapse;margin:8px 0 16px;font-size:13px}
th,td{border:1px solid var(--line);padding:4px 8px;vertical-align:top}
th{background:#eceff1;position:sticky;top:34px}
td.num{text-align:right;font-variant-numeric:tabular-nums}
.cards{display:flex;gap:14px;flex-wrap:wrap}
.card{border:1px solid var(--line);border-radius:6px;padding:10px 16px;min-width:120px;background:var(--bg)}
.card b{display:block;font-size:24px}
.sev-error{color:var(--err)} .sev-warn{color:var(--warn)} .sev-info{color:var(--info)}
.cov-yes{background:#e8f5e9;color:var(--ok);text-align:center}
.cov-miss{background:#ffebee;color:var(--err);text-align:center;font-weight:bold}
.cov-no{color:#bbb;text-align:center}
.badge{display:inline-block;border-radius:3px;padding:0 5px;font-size:12px;background:#eceff1;margin-right:3px}
.doc{border-top:2px solid #90a4ae;margin-top:40px}
.outline ul{margin:2px 0 2px 18px;padding:0}
.doctext{white-space:pre-wrap;border:1px solid var(--line);padding:12px;background:var(--bg);max-height:520px;overflow:auto;font-size:14px}
.hl-h{font-weight:bold;color:#263238;background:#e3f2fd}
.hl-g{background:#fff59d}
.hl-a{background:#c8e6c9}
.hl-c{background:#f8bbd0}
.hl-f-error{text-decoration:underline wavy var(--err);text-decoration-skip-ink:none}
.hl-f-warn{text-decoration:underline wavy var(--warn);text-decoration-skip-ink:none}
.hl-f-info{text-decoration:underline dotted var(--info)}
.legend span{margin-right:12px;padding:0 4px}
.side{display:grid;grid-template-columns:1fr 1fr;gap:10px}
.side div{border:1px solid var(--line);padding:6px;background:var(--bg);font-size:13px}
.errors li{color:var(--err)}
#filter label{margin-right:12px;font-size:13px}
svg text{font-family:inherit;font-size:11px}
"""

JS = """
window.__reportErrors=[];
window.addEventListener('error',function(e){window.__reportErrors.push(String(e.message));
 var b=document.getElementById('js-errors');if(b){b.textContent='脚本错误：'+window.__reportErrors.join('; ');}});
document.addEventListener('DOMContentLoaded',function(){
 var boxes=document.querySelectorAll('#filter input');
 function apply(){var on={};boxes.forEach(function(b){on[b.value]=b.checked;});
  document.querySelectorAll('tr[data-sev]').forEach(function(r){r.style.display=on[r.dataset.sev]?'':'none';});}
 boxes.forEach(function(b){b.addEventListener('change',apply);});apply();
 document.body.dataset.ready='1';
});
"""


def _e(value: object) -> str:
    return html.escape("" if value is None else str(value))


# ------------------------------------------------------------------ charts (inline SVG)


def svg_bars(values: list[tuple[str, dict[str, int]]], colors: dict[str, str], width: int = 720) -> str:
    """Horizontal stacked bars: one row per label, segments per key (e.g. severity)."""
    if not values:
        return '<p class="mute">（无数据）</p>'
    row_h, label_w = 22, 170
    total_max = max(sum(v.values()) for _, v in values) or 1
    scale = (width - label_w - 50) / total_max
    height = row_h * len(values) + 10
    parts = [
        f'<svg class="chart" role="img" width="{width}" height="{height}" viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg">'
    ]
    for i, (label, counts) in enumerate(values):
        y = 5 + i * row_h
        parts.append(f'<text x="{label_w - 6}" y="{y + 14}" text-anchor="end">{_e(label)}</text>')
        x = float(label_w)
        for key, color in colors.items():
            n = counts.get(key, 0)
            if n:
                w = n * scale
                parts.append(
                    f'<rect x="{x:.1f}" y="{y + 3}" width="{w:.1f}" height="{row_h - 6}" fill="{color}"><title>{_e(label)} {_e(SEVERITY_ZH.get(key, key))}：{n}</title></rect>'
                )
                x += w
        parts.append(f'<text x="{x + 4:.1f}" y="{y + 14}">{sum(counts.values())}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _iso(d: str | None) -> date | None:
    try:
        return date.fromisoformat(d) if d else None
    except ValueError:
        return None


def svg_timeline(rows: list[DocRow], width: int = 900) -> str:
    """Plan periods on one time axis, one bar per document that states its period."""
    spans = []
    for r in rows:
        p = r.document.period
        start, end = (_iso(p.start), _iso(p.end)) if p and p.source == "stated" else (None, None)
        if start and end and end >= start:
            spans.append((r, start, end))
    if not spans:
        return '<p class="mute">（没有文档写明实施期限）</p>'
    lo = min(s for _, s, _ in spans)
    hi = max(e for _, _, e in spans)
    lo = date(lo.year, 1, 1)
    hi = date(hi.year, 12, 31)
    days = (hi - lo).days or 1
    label_w, row_h = 260, 20
    scale = (width - label_w - 10) / days
    height = 24 + row_h * len(spans)
    parts = [
        f'<svg class="chart" role="img" width="{width}" height="{height}" viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg">'
    ]
    for year in range(lo.year, hi.year + 2):
        x = label_w + (date(year, 1, 1) - lo).days * scale if year <= hi.year else width - 10
        parts.append(f'<line x1="{x:.1f}" y1="14" x2="{x:.1f}" y2="{height}" stroke="#ccc"/>')
        if year <= hi.year:
            parts.append(f'<text x="{x + 3:.1f}" y="11">{year}年</text>')
    for i, (r, s, e) in enumerate(spans):
        y = 20 + i * row_h
        x = label_w + (s - lo).days * scale
        w = max(2.0, (e - s).days * scale)
        title = f"{r.department}·{r.title}"[:28]
        parts.append(
            f'<text x="{label_w - 6}" y="{y + 12}" text-anchor="end"><a href="#{r.key}">{_e(title)}</a></text>'
        )
        parts.append(
            f'<rect x="{x:.1f}" y="{y + 2}" width="{w:.1f}" height="{row_h - 6}" fill="#4db6ac"><title>{_e(s)} 至 {_e(e)}</title></rect>'
        )
    parts.append("</svg>")
    return "".join(parts)


# ------------------------------------------------------------------ text with highlights


def _marks(doc: Document, link_passages: Iterable[tuple[int, int]]) -> list[tuple[int, int, str, str | None]]:
    """(start, end, css class, anchor id) for every highlighted span of a document."""
    marks: list[tuple[int, int, str, str | None]] = []
    for section in doc.all_sections():
        marks.append((*section.heading_span, "hl-h", None))
    for i, g in enumerate(doc.goals, 1):
        marks.append((*g.span, "hl-g", f"g{i}"))
    for i, a in enumerate(doc.activities, 1):
        marks.append((*a.span, "hl-a", f"a{i}"))
    for i, f in enumerate(doc.findings, 1):
        if f.span:
            marks.append((*f.span, f"hl-f-{f.severity}", f"f{i}"))
    for p_start, p_end in link_passages:
        marks.append((p_start, p_end, "hl-c", None))
    return [m for m in marks if m[1] > m[0]]


def highlighted_text(text: str, doc: Document, key: str, copied: Iterable[tuple[int, int]] = ()) -> str:
    """The document's text as HTML, each character carrying the classes of the spans over it."""
    start, end = doc.span
    if any(f.rule == "personal-data" for f in doc.findings):  # personal data shown masked, as in the findings
        from ..check.privacy import masked_text

        text = text[:start] + masked_text(text[start:end]) + text[end:]
    marks = [(max(s, start), min(e, end), c, a) for s, e, c, a in _marks(doc, copied) if e > start and s < end]
    cuts = sorted({start, end, *(m[0] for m in marks), *(m[1] for m in marks)})
    anchors: dict[int, list[str]] = {}
    for m_start, _m_end, _cls, anchor_id in marks:
        if anchor_id:
            anchors.setdefault(m_start, []).append(f"{key}-{anchor_id}")
    # sweep the cuts once, keeping a count of the marks open over each piece
    opening: dict[int, list[str]] = {}
    closing: dict[int, list[str]] = {}
    for m_start, m_end, cls, _ in marks:
        opening.setdefault(m_start, []).append(cls)
        closing.setdefault(m_end, []).append(cls)
    active: Counter[str] = Counter()
    out: list[str] = []
    for a, b in itertools.pairwise(cuts):
        active.subtract(closing.get(a, ()))
        active.update(opening.get(a, ()))
        for anchor in anchors.get(a, []):
            out.append(f'<a id="{anchor}"></a>')
        classes = sorted(cls for cls, n in active.items() if n > 0)
        piece = _e(text[a:b])
        out.append(f'<span class="{" ".join(classes)}">{piece}</span>' if classes else piece)
    return "".join(out)


def _outline(sections: tuple[Section, ...]) -> str:
    if not sections:
        return ""
    items = []
    for s in sections:
        labels = "".join(f'<span class="badge">{_e(section_name(lab))}</span>' for lab in s.labels)
        items.append(f"<li>{_e(s.number)}{_e(s.heading)} {labels}{_outline(s.children)}</li>")
    return "<ul>" + "".join(items) + "</ul>"


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
            f"<tr><td>{_e(d.department)}</td><td class=num>{d.files}</td><td class=num>{d.documents}</td><td>{_e(types)}</td>"
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
    by_dept = [(d.department, {k: d.findings[k] for k in ("error", "warn", "info")}) for d in summary.departments]
    rule_counts: Counter[tuple[str, str]] = Counter(
        (f.rule, f.severity) for d in summary.docs for f in d.document.findings
    )
    by_rule: dict[str, dict[str, int]] = {}
    for (rule, sev), n in rule_counts.items():
        by_rule.setdefault(rule, {})[sev] = n
    rules_sorted = sorted(by_rule.items(), key=lambda kv: -sum(kv[1].values()))
    colors = {"error": "#c62828", "warn": "#ef6c00", "info": "#1565c0"}
    return (
        f'<section id="overview"><h2>总览</h2><div class="cards">{html_cards}</div>{table}'
        f"<h3>各部门问题数（按严重程度）</h3>{svg_bars(by_dept, colors)}"
        f"<h3>问题规则分布</h3>{svg_bars(rules_sorted, colors)}"
        f"<h3>实施期限</h3>{svg_timeline(list(summary.docs))}</section>"
    )


def _coverage(summary: Summary) -> str:
    labels = summary.labels
    head = "".join(f"<th>{_e(section_name(lab))}</th>" for lab in labels)
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
            f"<tr data-doc='{d.key}'><td>{_e(d.department)}</td><td><a href='#{d.key}'>{_e(d.title)}</a></td>"
            f"<td>{_e(d.doc_type_zh)}</td>{''.join(cells)}</tr>"
        )
    return (
        f'<section id="coverage"><h2>章节覆盖矩阵</h2><p>✓ 有该部分；<span class="sev-error">✗</span> 检查发现缺少该必备部分（missing-section）；· 非必备且未出现。</p>'
        f"<table id='coverage-matrix'><thead><tr><th>部门</th><th>文档</th><th>文种</th>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></section>"
    )


def _findings_table(summary: Summary) -> str:
    rows = []
    for d in summary.docs:
        for i, f in enumerate(d.document.findings, 1):
            target = f"#{d.key}-f{i}" if f.span else f"#{d.key}"
            rows.append(
                f"<tr data-sev='{f.severity}'><td>{_e(d.department)}</td><td><a href='#{d.key}'>{_e(d.title)}</a></td>"
                f"<td>{_e(finding_section_name(d.document, f))}</td><td><code>{_e(f.rule)}</code></td>"
                f"<td class='sev-{f.severity}'>{_e(SEVERITY_ZH.get(f.severity, f.severity))}</td>"
                f"<td><a href='{target}'>{_e(f.message)}</a></td><td>{_e((f.evidence or '')[:80])}</td>"
                f"<td>{_e(describe(f.location, section=False))}</td></tr>"
            )
    filt = "".join(
        f'<label><input type="checkbox" value="{s}" checked> {SEVERITY_ZH[s]}</label>'
        for s in ("error", "warn", "info")
    )
    return (
        f'<section id="findings"><h2>问题清单</h2><div id="filter">显示：{filt}</div>'
        "<table id='findings-table'><thead><tr><th>部门</th><th>文档</th><th>章节</th><th>规则</th><th>级别</th><th>说明</th><th>原文</th><th>位置</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table></section>"
    )


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
    head = "".join(f"<th>{_e(d)}</th>" for d in depts)
    body = []
    for a in depts:
        cells = []
        for b in depts:
            v = matrix.get((a, b))
            shade = f"background:rgba(198,40,40,{min(1.0, v):.2f})" if v else ""
            cells.append(f"<td class=num style='{shade}'>{f'{v:.0%}' if v else ''}</td>")
        body.append(f"<tr><th>{_e(a)}</th>{''.join(cells)}</tr>")
    details = []
    for link in sorted(summary.links, key=lambda x: -x.share):
        da, db = summary.doc(link.a), summary.doc(link.b)
        if da is None or db is None:
            continue
        kind = "套话/模板" if link.boilerplate else "雷同"
        sides = "".join(f"<div>{_e(ta)}</div><div>{_e(tb)}</div>" for _, _, ta, tb in link.passages[:5])
        details.append(
            f"<h3>{kind}：<a href='#{da.key}'>{_e(da.department)}·{_e(da.title)}</a> ↔ "
            f"<a href='#{db.key}'>{_e(db.department)}·{_e(db.title)}</a>（{link.share:.0%}）</h3><div class='side'>{sides}</div>"
        )
    return (
        f'<section id="copying"><h2>雷同与套用</h2><p>行部门的文本在列部门文本中出现的最高比例（已排除常见套话）。</p>'
        f"<table id='copy-matrix'><thead><tr><th></th>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>{''.join(details)}</section>"
    )


def _document(summary: Summary, d: DocRow) -> str:
    doc = d.document
    analysis = summary.analysis_of(d)
    goals = "".join(
        f"<tr><td><a href='#{d.key}-g{i}'>{_e(g.text[:120])}</a></td><td>{'是' if g.measurable else '否'}</td>"
        f"<td>{_e('、'.join(g.indicators))}</td></tr>"
        for i, g in enumerate(doc.goals, 1)
    )
    acts = "".join(
        f"<tr><td><a href='#{d.key}-a{i}'>{_e(a.name)}</a></td><td>{_e(a.when or '')}</td><td>{_e(a.owner or '')}</td></tr>"
        for i, a in enumerate(doc.activities, 1)
    )
    finds = "".join(
        f"<li class='sev-{f.severity}'><a href='#{d.key}-f{i}'>[{_e(f.rule)}]</a> {_e(f.message)}"
        + (f" <small>（{_e(describe(f.location))}）</small>" if describe(f.location) else "")
        + "</li>"
        for i, f in enumerate(doc.findings, 1)
    )
    copied = [
        p[0] if link.a == d.key else p[1]
        for link in summary.links
        if d.key in (link.a, link.b) and not link.boilerplate
        for p in link.passages
    ]
    period = f"{doc.period.start or '?'} 至 {doc.period.end or '?'}" if doc.period else "未写明"
    budget = format_money(doc.budget.total) if doc.budget and doc.budget.total else "未写明"
    meta = (
        f"<p><span class='badge'>{_e(d.department)}</span><span class='badge'>{_e(d.doc_type_zh)}</span>"
        f" 文件：<code>{_e(d.path)}</code> 文号：{_e(doc.doc_number or '无')} 年份：{_e(doc.year or '未知')}"
        f" 期限：{_e(period)} 经费：{_e(budget)}</p>"
    )
    legend = (
        "<p class='legend'><span class='hl-h'>标题</span><span class='hl-g'>目标</span><span class='hl-a'>活动</span>"
        "<span class='hl-c'>雷同</span><span class='hl-f-error'>问题</span></p>"
    )
    return (
        f"<section class='doc' id='{d.key}'><h2>{_e(d.title)}</h2>{meta}"
        f"<h3>结构</h3><div class='outline'>{_outline(doc.sections) or '<p>（未识别出章节）</p>'}</div>"
        f"<h3>目标（{len(doc.goals)}）</h3><table><tr><th>目标</th><th>可量化</th><th>指标</th></tr>{goals}</table>"
        f"<h3>活动（{len(doc.activities)}）</h3><table><tr><th>活动</th><th>时间</th><th>责任单位</th></tr>{acts}</table>"
        f"<h3>问题（{len(doc.findings)}）</h3><ul>{finds}</ul>"
        f"<h3>原文</h3>{legend}<div class='doctext'>{highlighted_text(analysis.text, doc, d.key, copied)}</div></section>"
    )


def render_html(summary: Summary, title: str = "方案审阅报告") -> str:
    """The whole report as one HTML string (UTF-8, no external resources)."""
    errors = [f for f in summary.files if f.analysis.errors]
    err_html = ""
    if errors:
        items = "".join(
            f"<li><code>{_e(f.path)}</code>（{_e(f.department)}）：[{_e(e['code'])}] {_e(e['message'])}</li>"
            for f in errors
            for e in f.analysis.errors
        )
        err_html = f'<section id="errors"><h2>无法读取的文件</h2><ul class="errors">{items}</ul></section>'
    docs_html = "".join(_document(summary, d) for d in summary.docs)
    nav = (
        "<nav><a href='#overview'>总览</a><a href='#coverage'>章节覆盖</a><a href='#findings'>问题清单</a>"
        "<a href='#copying'>雷同</a><a href='#documents'>各文档</a>"
        + ("<a href='#errors'>无法读取</a>" if errors else "")
        + "</nav>"
    )
    return (
        "<!DOCTYPE html><html lang='zh-CN'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        f"<title>{_e(title)}</title><style>{CSS}</style><script>{JS}</script></head><body>"
        f"<header><h1>{_e(title)}</h1><div class='meta'>cxzy {__version__} 生成 · {len(summary.files)} 个文件 · "
        f"{len(summary.departments)} 个部门</div><div id='js-errors'></div></header>{nav}<main>"
        f"{_overview(summary)}{_coverage(summary)}{_findings_table(summary)}{_copying(summary)}{err_html}"
        f"<div id='documents'>{docs_html}</div></main></body></html>"
    )
