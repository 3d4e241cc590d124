"""`cxzy eval`: section-boundary F1 and label accuracy on held-out synthetic plans and the seed."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from . import app
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
    formats: Annotated[
        Optional[str],
        typer.Option("--formats", help="另把 --n 篇合成方案渲染为这些格式后评测一级标题（逗号分隔：txt,docx,pdf）"),
    ] = None,
) -> None:
    """评测：章节边界 F1 与标签准确率（留出的合成语料与种子文件）。"""
    from ..errors import CxzyError
    from ..train import evaluate_golden, evaluate_handwritten, evaluate_rendered, evaluate_synth

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
    typer.echo(f"{'数据':<28}{'文档':>6}{'章节':>6}{'边界P':>8}{'边界R':>8}{'边界F1':>8}{'标签准确率':>10}")
    for r in rows:
        typer.echo(
            f"{r.name:<28}{r.documents:>6}{r.sections:>6}{r.boundary_precision:>8.3f}{r.boundary_recall:>8.3f}"
            f"{r.boundary_f1:>8.3f}{r.label_accuracy:>10.3f}"
        )
