"""One settings object for a run, validated when it is made."""

from __future__ import annotations

import os
from dataclasses import dataclass

from .errors import ConfigError


@dataclass(frozen=True)
class Config:
    """Limits and switches shared by every stage.

    Sizes are bytes, times seconds. Limits protect a batch from one hostile file.
    """

    max_file_bytes: int = 200 * 1024 * 1024
    max_inflated_bytes: int = 200 * 1024 * 1024
    max_zip_ratio: float = 100.0
    zip_ratio_floor_bytes: int = 1024 * 1024
    max_pdf_pages: int = 2000
    max_page_chars: int = 200_000
    time_limit: float = 120.0
    memory_limit_mb: int = 2048
    jobs: int = 1
    isolate: bool = True
    executor: str = "local"  # "dask": each file's isolated analysis runs as a Dask task (corpus/distributed.py)
    scheduler: str | None = None  # Dask scheduler address; None starts a loopback LocalCluster of `jobs` workers

    def __post_init__(self) -> None:
        for name in (
            "max_file_bytes",
            "max_inflated_bytes",
            "zip_ratio_floor_bytes",
            "max_pdf_pages",
            "max_page_chars",
            "memory_limit_mb",
            "jobs",
        ):
            value = getattr(self, name)
            if not isinstance(value, int) or value < 1:
                raise ConfigError(f"设置 {name} 必须是正整数，实际为 {value!r}")
        if self.max_zip_ratio <= 1:
            raise ConfigError(f"设置 max_zip_ratio 必须大于 1，实际为 {self.max_zip_ratio!r}")
        if self.executor not in ("local", "dask"):
            raise ConfigError(f"设置 executor 只能是 local 或 dask，实际为 {self.executor!r}")
        if self.time_limit <= 0:
            raise ConfigError(f"设置 time_limit 必须大于 0，实际为 {self.time_limit!r}")


DEFAULT_CONFIG = Config()


def executor_settings(path: str | os.PathLike[str]) -> tuple[str | None, str | None]:
    """``executor`` and ``scheduler`` of a ``cxzy.toml`` (None where absent); a bad value is a :class:`ConfigError`.

    The command line's ``--executor``/``--scheduler`` win over the file.
    """
    from pathlib import Path

    import tomllib

    origin = f"配置文件 {path}"
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"无法读取{origin}：{exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{origin} 不是有效的 TOML：{exc}") from None
    executor, scheduler = data.get("executor"), data.get("scheduler")
    if executor is not None and executor not in ("local", "dask"):
        raise ConfigError(f"{origin} 中 executor 只能是 local 或 dask，实际为 {executor!r}")
    if scheduler is not None and (not isinstance(scheduler, str) or not scheduler.strip()):
        raise ConfigError(f"{origin} 中 scheduler 应为 Dask 调度器地址（如 tcp://10.0.0.5:8786），实际为 {scheduler!r}")
    if scheduler is not None and executor != "dask":
        raise ConfigError(f'{origin} 中 scheduler 只能与 executor = "dask" 一起使用')
    return executor, scheduler
