"""`cxzy eval`: section-boundary F1 and label accuracy on held-out synthetic plans and the seed."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from ._app import app
from .common import fail

ROOT = Path(__file__).resolve().parents[2]


@app.command(name="eval")
def eval_command(
    n: Annotated[int, typer.Option("--n", min=1, help="留出的合成方案篇数")] = 60,
    seed_file: Annotated[Optional[Path], typer.Option("--seed-file", help="种子文件")] = None,
    golden: Annotated[Optional[Path], typer.Option("--golden", help="种子文件的期望提纲（YAML）")] = None,
    model: Annotated[
        Optional[Path], typer.Option("--model", help="章节分类模型（默认 models/section_classifier.json）")
    ] = None,
    no_model: Annotated[bool, typer.Option("--no-model", help="只用规则，不用模型")] = False,
    corpora: Annotated[
        Path, typer.Option("--corpora", help="语料目录（使用 generated/plans.jsonl 的留出部分）")
    ] = Path("corpora"),
    real: Annotated[
        Optional[Path],
        typer.Option("--real", help="按阅读写成的真实文档期望文件目录（含 heldout/ 与 dev/，默认 tests/golden/real）"),
    ] = None,
    shared: Annotated[
        Optional[Path], typer.Option("--shared", help="真实文档所在目录（期望文件中的路径相对于它，默认 ../shared）")
    ] = None,
    no_real: Annotated[bool, typer.Option("--no-real", help="不评测真实文档")] = False,
    span_model: Annotated[
        Optional[str],
        typer.Option(
            "--span-model",
            help="另评测跨度模型的抽取（default 为 models/spacy_spans，或给出模型目录）：规则、仅模型、规则+模型各一行",
        ),
    ] = None,
    formats: Annotated[
        Optional[str],
        typer.Option("--formats", help="另把 --n 篇合成方案渲染为这些格式后评测一级标题（逗号分隔：txt,docx,pdf）"),
    ] = None,
    variants: Annotated[
        Optional[str],
        typer.Option(
            "--variants",
            help="另把开发集真实文档的原文件渲染为这些形式，用同一期望文件评测（逗号分隔：pdf 为 LibreOffice 转出的 PDF，"
            "scan 为页面图像组成的扫描 PDF、经 OCR 读取），与原文件并列；渲染结果缓存在系统临时目录",
        ),
    ] = None,
    variant_limit: Annotated[
        Optional[int],
        typer.Option("--variant-limit", min=0, help="scan 形式最多评测的文件数（均匀抽取；OCR 较慢），默认全部"),
    ] = None,
    variants_only: Annotated[
        bool, typer.Option("--variants-only", help="只评测 --variants 的各形式，不评测合成方案与留出集")
    ] = False,
    variant_details: Annotated[
        bool, typer.Option("--variant-details", help="另列出各形式比原文件少命中的条目（逐文件）")
    ] = False,
) -> None:
    """评测：章节边界 F1 与标签准确率（留出的合成语料与种子文件）。"""
    from ..errors import CxzyError
    from ..train import (
        evaluate_golden,
        evaluate_handwritten,
        evaluate_real,
        evaluate_rendered,
        evaluate_second,
        evaluate_synth,
    )

    wanted = [v.strip() for v in (variants or "").split(",") if v.strip()]
    real_dir, shared_dir = real or ROOT / "tests" / "golden" / "real", shared or ROOT.parent / "shared"
    if variants_only:
        if not wanted:
            raise fail("--variants-only 需要 --variants")
        _variant_rows(wanted, variant_limit, real_dir, shared_dir, variant_details)
        return
    seed_file = seed_file or ROOT.parent / "shared" / "seeds" / "000_61f72360f45c4ab3.txt"
    golden = golden or ROOT / "tests" / "golden" / "seed_outline.yaml"
    model_path = str(model) if model else None
    rows = []
    try:
        rows.append(evaluate_synth(n, use_model=not no_model, model_path=model_path, corpora=corpora))
    except CxzyError as exc:
        raise fail(exc.message) from None
    handwritten = evaluate_handwritten(corpora, use_model=not no_model, model_path=model_path)
    if handwritten is not None:
        rows.append(handwritten)
    for fmt in [f.strip() for f in (formats or "").split(",") if f.strip()]:
        try:
            rows.append(evaluate_rendered(fmt, n, use_model=not no_model, model_path=model_path))
        except CxzyError as exc:
            raise fail(exc.message) from None
    if seed_file.is_file() and golden.is_file():
        rows.append(evaluate_golden(seed_file, golden, use_model=not no_model, model_path=model_path))
    else:
        typer.echo(f"找不到种子文件或期望提纲：{seed_file}，{golden}", err=True)
    if not rows:
        raise fail("没有可评测的数据")
    real_rows = [] if no_real else evaluate_real(real_dir, shared_dir) + evaluate_second(real_dir, shared_dir)
    typer.echo("合成方案与种子文件（数据集见第一列）：")
    typer.echo(f"{'数据':<28}{'文档':>6}{'章节':>6}{'边界P':>8}{'边界R':>8}{'边界F1':>8}{'标签准确率':>10}")
    for r in rows:
        typer.echo(
            f"{r.name:<28}{r.documents:>6}{r.sections:>6}{r.boundary_precision:>8.3f}{r.boundary_recall:>8.3f}"
            f"{r.boundary_f1:>8.3f}{r.label_accuracy:>10.3f}"
        )
    if real_rows:
        typer.echo("")
        typer.echo(
            "真实文档（按阅读写成的期望文件；heldout 为冻结的留出集，dev 为开发集，分别统计；"
            "second 为另一人对部分 dev 文件的盲读，与同文件的第一读并列）："
        )
        typer.echo(
            f"{'数据':<28}{'文件':>6}{'一级F1':>8}{'一级P':>8}{'一级R':>8}{'下级召回':>8}{'标签准确率':>10}"
            f"{'文种准确率':>10}{'文档数一致':>10}{'分区召回':>8}"
        )
        for rr in real_rows:
            f = rr.figures
            cells = [f.get(k) for k in ("top_f1", "top_precision", "top_recall", "child_recall")]
            tail = [f.get(k) for k in ("label_accuracy", "kind_accuracy", "documents_exact")]
            typer.echo(
                f"{'真实文档/' + rr.name:<28}{rr.files:>6}"
                + "".join(f"{_cell(v):>8}" for v in cells)
                + "".join(f"{_cell(v):>10}" for v in tail)
                + f"{_cell(f.get('zone_recall')):>8}"
            )
            if rr.absent:
                typer.echo(f"  {rr.name}：{len(rr.absent)} 个期望文件找不到原文件，未计入", err=True)
        ext = (
            "goals_recall",
            "activities_recall",
            "activities_precision",
            "period_exact",
            "period_none_right",
            "budget_exact",
            "owners_recall",
        )
        typer.echo(f"{'抽取（真实文档）':<24}" + "".join(f"{k:>22}" for k in ext))
        for rr in real_rows:
            typer.echo(f"{'真实文档抽取/' + rr.name:<28}" + "".join(f"{_cell(rr.figures.get(k)):>22}" for k in ext))
        if span_model:
            _span_rows(span_model, real_dir, shared_dir)
    if wanted:
        _variant_rows(wanted, variant_limit, real_dir, shared_dir, variant_details)


VARIANT_FIGURES = (
    ("top_f1", "一级F1"),
    ("child_recall", "下级召回"),
    ("label_accuracy", "标签"),
    ("kind_accuracy", "文种"),
    ("documents_exact", "文档数"),
    ("zone_recall", "分区"),
    ("goals_recall", "目标召回"),
    ("activities_recall", "活动召回"),
    ("activities_precision", "活动精确"),
    ("period_exact", "时段"),
    ("period_none_right", "无时段"),
    ("budget_exact", "经费"),
    ("owners_recall", "责任主体"),
)


def _variant_rows(wanted: list[str], limit: int | None, golden: Path, shared: Path, details: bool) -> None:
    """The dev split's figures on each variant's renderings beside the original's on the same files. Only the
    dev split is rendered: the held-back files are neither rendered nor looked at."""
    from ..goldeval import VARIANTS, evaluate_variants, variant_cache_dir, variant_totals

    unknown = [v for v in wanted if v not in VARIANTS]
    if unknown:
        raise fail(f"不支持的形式：{'、'.join(unknown)}（可用：{'、'.join(VARIANTS)}）")
    folder = golden / "dev"
    if not folder.is_dir():
        raise fail(f"找不到开发集期望文件目录：{folder}")
    cache = variant_cache_dir()
    typer.echo("")
    typer.echo(
        f"开发集的其他形式（渲染缓存：{cache}；scan 抽样上限：{'全部' if limit is None else limit}）：", err=False
    )
    records = evaluate_variants(
        folder,
        shared,
        wanted,
        cache=cache,
        limits={"scan": limit} if limit is not None else None,
        progress=lambda line: typer.echo(f"  {line}", err=True),
    )
    typer.echo(f"{'形式':<16}{'文件':>5}" + "".join(f"{name:>9}" for _, name in VARIANT_FIGURES))
    for v in wanted:
        original, rendered = variant_totals(records, v)
        for name, tally in ((f"原文件（同{v}）", original), (v, rendered)):
            f = tally.figures()
            typer.echo(f"{name:<16}{tally.files:>5}" + "".join(f"{_cell(f.get(k)):>9}" for k, _ in VARIANT_FIGURES))
        skipped = [(r.gold, r.skipped[v]) for r in records if v in r.skipped]
        for gold, reason in skipped:
            typer.echo(f"  {v} 跳过 {gold}：{reason}")
        if details:
            for r in records:
                if v not in r.variants:
                    continue
                lost = sorted(set(r.variants[v].misses) - set(r.original.misses))
                gained = sorted(set(r.original.misses) - set(r.variants[v].misses))
                for m in lost:
                    typer.echo(f"  {v} 失：{r.gold} {m}")
                for m in gained:
                    typer.echo(f"  {v} 得：{r.gold} {m}")


def _span_rows(model: str, golden: Path, shared: Path) -> None:
    """The extraction figures (hits/gold) of rules alone, the span model alone and both, per split. Period and
    budget are the rules' own in every row: the model does not work them out, so its alone row shows "-"."""
    import os

    from ..extract.spancat import MODE_ENV, MODEL_ENV
    from ..goldeval import evaluate_folder
    from ..train import REAL_SPLITS

    fields = (
        ("goals_recall", "goal_hits", "gold_goals"),
        ("activities_recall", "activity_hits", "gold_activities"),
        ("activities_precision", "found_activity_hits", "found_activities"),
        ("period_exact", "periods_ok", "periods"),
        ("budget_exact", "budgets_ok", "budgets"),
        ("owners_recall", "owner_hits", "gold_owners"),
    )
    typer.echo("")
    typer.echo("跨度模型的增益（真实文档抽取，命中/总数；仅模型一行的时段与经费不由模型给出）：")
    typer.echo(f"{'数据':<22}" + "".join(f"{k:>24}" for k, _, _ in fields))
    saved = {k: os.environ.pop(k, None) for k in (MODEL_ENV, MODE_ENV)}
    try:
        for split in REAL_SPLITS:
            if not (golden / split).is_dir():
                continue
            for mode, name in ((None, "规则"), ("alone", "仅模型"), ("combined", "规则+模型")):
                if mode:
                    os.environ[MODEL_ENV], os.environ[MODE_ENV] = model, mode
                else:  # the rules alone, also after the previous split's model rows
                    os.environ.pop(MODEL_ENV, None)
                    os.environ.pop(MODE_ENV, None)
                counts = evaluate_folder(golden / split, shared)[0].counts()
                cells = []
                for key, hits, total in fields:
                    own = mode == "alone" and key in ("period_exact", "budget_exact")
                    n, d = counts[hits], counts[total]
                    cells.append("-" if own or not d else f"{n / d:.3f} ({n}/{d})")
                typer.echo(f"{split + '/' + name:<22}" + "".join(f"{c:>24}" for c in cells))
    finally:
        for k, v in saved.items():
            os.environ.pop(k, None)
            if v is not None:
                os.environ[k] = v


def _cell(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"
