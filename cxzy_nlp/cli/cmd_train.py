"""`cxzy train`: rebuild every model under models/ from corpora/ (deterministic, no pickle)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ._app import app
from .common import fail


@app.command()
def train(
    corpora: Annotated[Path, typer.Option("--corpora", help="标注语料目录（*.jsonl，含 heading 与 labels）")] = Path(
        "corpora"
    ),
    models: Annotated[Path, typer.Option("--models", help="模型输出目录")] = Path("models"),
    synth: Annotated[int, typer.Option("--synth", min=0, help="参与训练的合成方案篇数（固定随机种子）")] = 300,
    spans: Annotated[
        bool,
        typer.Option("--spans/--no-spans", help="同时训练 spaCy 跨度模型（models/spacy_spans，单线程，约需十几分钟）"),
    ] = True,
) -> None:
    """重新训练 models/ 下的全部模型（固定随机种子，结果逐字节可复现）。"""
    from ..errors import CxzyError
    from ..train import train as train_models

    try:
        result = train_models(corpora, models, n_synth=synth, spans=spans)
    except CxzyError as exc:
        raise fail(exc.message) from None
    typer.echo(
        f"章节分类模型：{result['path']}（样本 {result['examples']} 条，类别 {result['classes']} 个，"
        f"特征 {result['features']} 个）"
    )
    span = result.get("spans")
    if span:
        typer.echo(
            f"跨度模型：{span['path']}（训练文本 {span['texts']} 篇，标注跨度 {span['spans']} 个，{span['bytes']} 字节）"
        )
