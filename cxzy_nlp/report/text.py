"""Terminal text report of `cxzy check`: findings grouped per file, with quotes and a summary table."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import IO

from ..model import SEVERITIES, Analysis, Document, Finding

SEVERITY_STYLE = {"error": "bold red", "warn": "yellow", "info": "cyan"}
SEVERITY_ZH = {"error": "错误", "warn": "警告", "info": "提示"}
REDIRECTED_WIDTH = 1000  # columns of a console writing to a file or a pipe


def unread(analysis: Analysis) -> bool:
    """A file read without error but with no text to check (every page scanned, say)."""
    return not analysis.documents and bool(analysis.problems)


@dataclass
class CheckStats:
    """Running totals of a check run, for the summary table and the exit code."""

    files: int = 0
    documents: int = 0
    unreadable: int = 0
    by_severity: Counter[str] = field(default_factory=Counter)
    by_rule: Counter[str] = field(default_factory=Counter)
    rule_severity: dict[str, str] = field(default_factory=dict)

    def add(self, analysis: Analysis) -> None:
        self.files += 1
        self.documents += len(analysis.documents)
        self.unreadable += bool(analysis.errors) or unread(analysis)
        for doc in analysis.documents:
            for f in doc.findings:
                self.by_severity[f.severity] += 1
                self.by_rule[f.rule] += 1
                self.rule_severity.setdefault(f.rule, f.severity)


def make_console(out: IO[str], colour: bool | None = None):  # type: ignore[no-untyped-def]
    """A rich console on ``out``; colour when it is a terminal (or as forced)."""
    import sys

    from rich.console import Console

    # stdout is looked up on each write, so a progress bar on stderr can keep the two apart; redirected to a
    # file or a pipe, lines and the summary table keep their whole width (no cut at 80 columns)
    terminal = colour if colour is not None else out.isatty()
    return Console(
        file=None if out is sys.stdout else out,
        force_terminal=colour,
        no_color=colour is False,
        highlight=False,
        soft_wrap=True,
        width=None if terminal else REDIRECTED_WIDTH,
    )


def place_of(finding: Finding, text: str, doc: Document | None = None) -> str:
    """Where a reviewer finds ``finding``: "第3页 · 二、（三）", "第12段"; without a location, the number of its
    section ("二、（三）"), never a line of the extracted text (which the reviewer cannot see)."""
    from ..locate import describe

    if finding.location is not None:
        return describe(finding.location)
    section = doc.section_by_id(finding.section) if doc is not None and finding.section else None
    return section.number if section is not None else ""


def by_position(findings: tuple[Finding, ...]) -> list[Finding]:
    """Findings in the order of the text; those about the whole document (no span) first."""
    return sorted(findings, key=lambda f: f.span[0] if f.span else -1)


def _finding_lines(finding: Finding, text: str, doc: Document | None = None) -> list[str]:
    from rich.markup import escape

    style = SEVERITY_STYLE.get(finding.severity, "")
    where = place_of(finding, text, doc)
    where = f"{escape(where)} " if where else ""
    lines = [
        f"  [{style}]{SEVERITY_ZH.get(finding.severity, finding.severity)}[/] "
        f"[dim]{where}{escape(f'[{finding.rule}]')}[/] {escape(finding.message)}"
    ]
    if finding.evidence:
        quoted = finding.evidence.replace("\n", " ")
        lines.append(f"      [dim]“{escape(quoted)}”[/]")
    return lines


def write_analysis(console, analysis: Analysis) -> None:  # type: ignore[no-untyped-def]
    """One file's block: path, then per document its title and findings."""
    from rich.markup import escape

    total = sum(len(d.findings) for d in analysis.documents)
    console.print(f"[bold]{escape(analysis.source.path)}[/]" + (f"  [dim]{total} 条问题[/]" if total else ""))
    for err in analysis.errors:
        code = escape(f"[{err.get('code', '')}]")
        console.print(f"  [bold red]无法读取[/] [dim]{code}[/] {escape(err.get('message', ''))}")
    if unread(analysis):
        for problem in analysis.problems:
            console.print(f"  [bold red]无法检查[/] [dim]{escape(f'[{problem.code}]')}[/] {escape(problem.message)}")
    many = len(analysis.documents) > 1
    for i, doc in enumerate(analysis.documents, 1):
        if many:
            console.print(f" [bold]第{i}篇：{escape(doc.title or '（无标题）')}[/]")
        if not doc.findings and not many:
            console.print("  [green]未发现问题[/]")
        for finding in by_position(doc.findings):
            for line in _finding_lines(finding, analysis.text, doc):
                console.print(line)
    console.print()


def write_summary(console, stats: CheckStats) -> None:  # type: ignore[no-untyped-def]
    """The closing table: counts per severity and per rule."""
    from rich.table import Table

    console.print(
        f"共检查 {stats.files} 个文件、{stats.documents} 篇文档；"
        + "、".join(f"{SEVERITY_ZH[s]} {stats.by_severity.get(s, 0)} 条" for s in SEVERITIES)
        + (f"；{stats.unreadable} 个文件无法读取" if stats.unreadable else "")
    )
    if stats.by_rule:
        from rich.markup import escape

        from ..check.knowledge import catalogue

        table = Table(title="按规则统计")
        for column in ("规则", "编号", "级别", "条数", "说明"):
            table.add_column(column, justify="right" if column == "条数" else "left")
        for rule, count in stats.by_rule.most_common():
            severity = stats.rule_severity.get(rule, "")
            info = catalogue().get(rule)
            table.add_row(
                escape(info.name) if info and info.name else rule,
                rule,
                f"[{SEVERITY_STYLE.get(severity, '')}]{SEVERITY_ZH.get(severity, severity)}[/]",
                str(count),
                escape(info.zh) if info else "",
            )
        console.print(table)


_RANK = {"info": 1, "warn": 2, "error": 3}


def exit_reason(stats: CheckStats, fail_on: str, unreadable: int = 0) -> str:
    """The last line of a run: why it ends with exit status 1 (退出码 1：发现 3 条错误级问题), or 0; files that
    could not be read are records, not a reason (they are named)."""
    reaching = [s for s in SEVERITIES if fail_on != "never" and _RANK[s] >= _RANK.get(fail_on, 4)]
    counts = "、".join(f"{stats.by_severity[s]} 条{SEVERITY_ZH[s]}级" for s in reaching if stats.by_severity.get(s))
    unread_note = f"；另有 {unreadable} 个文件无法读取（不影响退出码），见上方记录" if unreadable else ""
    if counts:
        return f"退出码 1：发现 {counts}问题（--fail-on {fail_on}）{unread_note}"
    return f"退出码 0：没有达到 --fail-on {fail_on} 的问题{unread_note}"
