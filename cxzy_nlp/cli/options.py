"""Option bundles shared by several commands, defined once."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Annotated, Any, Optional

import typer

from ..config import Config

Paths = Annotated[list[Path], typer.Argument(help="文件或文件夹（文件夹会递归读取）", show_default=False)]
Output = Annotated[Optional[Path], typer.Option("--output", "-o", help="写入此文件（默认输出到标准输出）")]
Jobs = Annotated[int, typer.Option("--jobs", "-j", min=1, help="并行工作进程数")]
Profile = Annotated[Optional[str], typer.Option("--profile", "-p", help="检查配置：内置名称或 YAML 文件路径")]
TimeLimit = Annotated[float, typer.Option("--time-limit", help="单个文件处理时限（秒）")]
MemoryLimit = Annotated[int, typer.Option("--memory-limit", help="单个工作进程内存上限（MB）")]
Manifest = Annotated[
    Optional[Path],
    typer.Option("--manifest", help="部门清单 CSV：file,department,year（未列出的文件按文件夹确定部门和年份）"),
]
SpanModel = Annotated[
    Optional[str],
    typer.Option(
        "--model",
        help="另用训练的跨度模型补充目标、活动、责任主体（default 为随包的 models/spacy_spans，或给出模型目录；需 spaCy）",
    ),
]
Executor = Annotated[
    Optional[str],
    typer.Option(
        "--executor",
        help="local（本机工作进程，默认）或 dask（Dask 集群；需安装 cxzy-nlp[dask]）；也可写在 cxzy.toml 中",
    ),
]
Scheduler = Annotated[
    Optional[str],
    typer.Option("--scheduler", help="Dask 调度器地址，如 tcp://10.0.0.5:8786（默认在本机启动 --jobs 个工作进程）"),
]


def with_executor(
    config: Config, executor: Optional[str], scheduler: Optional[str], paths: Sequence[Path] = ()
) -> Config:
    """``config`` running its files on the executor chosen (``--executor``, ``--scheduler``, else the
    ``executor``/``scheduler`` of the ``cxzy.toml`` found for ``paths``, else local)."""
    from dataclasses import replace

    from ..check.settings import find_config
    from ..config import executor_settings
    from .common import fail

    if executor is None and scheduler is None and (found := find_config(list(paths))) is not None:
        executor, scheduler = executor_settings(found)
    executor = executor or "local"
    if executor not in ("local", "dask"):
        raise fail(f"--executor 只能是 local 或 dask，实际为 {executor!r}")
    if scheduler and executor != "dask":
        raise fail("--scheduler 只能与 --executor dask 一起使用")
    if executor == "dask":
        try:
            import distributed  # noqa: F401
        except ImportError:
            raise fail("--executor dask 需要安装 Dask：pip install 'cxzy-nlp[dask]'") from None
    return replace(config, executor=executor, scheduler=scheduler)


def use_span_model(model: Optional[str]) -> None:
    """``--model``: the span model the extraction stage adds (worker processes inherit the setting)."""
    if not model:
        return  # the extraction stage is imported by whoever runs it (a cached re-run may not)
    import os

    from ..extract.spancat import MODEL_ENV, SpanModelError, load_model

    os.environ[MODEL_ENV] = model
    from ..extract.spancat import active_model

    try:
        load_model(str(active_model()))  # a missing model is a usage error now, not one record per file
    except SpanModelError as exc:
        from .common import fail

        raise fail(exc.message) from None


def format_option(command: str) -> Any:
    """``--format/-f`` of ``command``: choices from :mod:`cxzy_nlp.formats`; unset, ``-o``'s suffix decides."""
    from ..formats import format_help, formats_for

    default = formats_for(command)[0].name
    return typer.Option("--format", "-f", help=f"{format_help(command)}（默认按 -o 的扩展名，否则 {default}）")


def pick_format(command: str, name: str | None, output: Path | None) -> str:
    """The format name ``command`` writes, or a usage error quoting the bad value."""
    from ..errors import CxzyError
    from ..formats import resolve_format
    from .common import fail

    try:
        return resolve_format(command, name, output).name
    except CxzyError as exc:
        raise fail(exc.message) from None
