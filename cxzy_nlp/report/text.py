"""Terminal text report of `cxzy check`: findings grouped per file, with quotes and a summary table."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import IO

from ..model import SEVERITIES, Analysis, Finding

SEVERITY_STYLE = {"error": "bold red", "warn": "yellow", "info": "cyan"}
SEVERITY_ZH = {"error": "错误", "warn": "警告", "info": "提示"}


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

    # stdout is looked up on each write, so a progress bar on stderr can keep the two apart
    return Console(
        file=None if out is sys.stdout else out,
        force_terminal=colour,
        no_color=colour is False,
        highlight=False,
        soft_wrap=True,
        width=120 if colour is False else None,
    )


def place_of(finding: Finding, text: str) -> str:
    """Where a reviewer finds ``finding``: "第3页 · 二、（三）"; a line of ``text`` for a record without location."""
    from ..locate import describe

    if finding.location is not None:
        return describe(finding.location)
    if finding.span is not None:
        return f"第{text.count(chr(10), 0, finding.span[0]) + 1}行"
    return ""


def _finding_lines(finding: Finding, text: str) -> list[str]:
    from rich.markup import escape

    style = SEVERITY_STYLE.get(finding.severity, "")
    where = place_of(finding, text)
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
        for finding in doc.findings:
            for line in _finding_lines(finding, analysis.text):
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
        for column in ("规则", "级别", "条数", "说明"):
            table.add_column(column, justify="right" if column == "条数" else "left")
        for rule, count in stats.by_rule.most_common():
            severity = stats.rule_severity.get(rule, "")
            info = catalogue().get(rule)
            table.add_row(
                rule,
                f"[{SEVERITY_STYLE.get(severity, '')}]{SEVERITY_ZH.get(severity, severity)}[/]",
                str(count),
                escape(info.zh) if info else "",
            )
        console.print(table)
