"""Run the analysis over many files: worker processes with time and memory caps, the result cache.

One hostile file can never stall or kill a batch: each file runs in a worker process whose
address space is capped (``RLIMIT_AS``) and whose wall time is watched by the parent; a worker
that overruns is killed, the file gets a ``timeout`` / ``memory-limit`` / ``worker-crashed``
record, and a fresh worker takes the next file. Results are yielded as they finish.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any

from ..config import DEFAULT_CONFIG, Config
from ..errors import CxzyError, ReadError
from ..model import Analysis
from .cache import ResultCache, file_sha256

SKIP_DIRS = {".git", "__pycache__", ".cxzy-cache"}


def iter_inputs(paths: Iterable[str | os.PathLike[str]], suffixes: tuple[str, ...] | None = None) -> Iterator[str]:
    """Files named and files under folders named (recursively, sorted), each once.

    Files named explicitly are yielded whatever their suffix (they get an error record if
    unreadable); files found in folders are filtered by ``suffixes``.
    """
    from ..read import SUPPORTED_SUFFIXES

    wanted = suffixes or SUPPORTED_SUFFIXES
    seen: set[str] = set()
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            for root, dirs, files in os.walk(p):
                dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS and not d.startswith("."))
                for name in sorted(files):
                    if name.startswith((".", "~$")):
                        continue
                    if Path(name).suffix.lower() in wanted:
                        full = str(Path(root) / name)
                        if full not in seen:
                            seen.add(full)
                            yield full
        else:
            key = str(p)
            if key not in seen:
                seen.add(key)
                yield key


@dataclass
class Run:
    """The files of a run (in input order) and their analyses, yielded as they finish."""

    inputs: list[str]
    results: Iterator[Analysis]

    @property
    def order(self) -> dict[str, int]:
        return {p: i for i, p in enumerate(self.inputs)}


# ------------------------------------------------------------------ workers


@dataclass(frozen=True)
class Job:
    stages: str = "check"
    profile: str | None = None


def _limit_memory(megabytes: int) -> None:
    try:
        import resource

        limit = megabytes * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (ImportError, ValueError, OSError):  # pragma: no cover - platform without rlimits
        pass


def _worker_main(conn: Connection, config: Config, job: Job) -> None:
    from ..pipeline import analyse, error_analysis

    _limit_memory(config.memory_limit_mb)
    while True:
        try:
            path = conn.recv()
        except (EOFError, KeyboardInterrupt):
            return
        if path is None:
            return
        try:
            result = analyse(path, config, stages=job.stages, profile=job.profile)
        except MemoryError:
            result = error_analysis(
                path, ReadError(f"处理时超出内存上限（{config.memory_limit_mb} MB），已中止该文件", code="memory-limit")
            )
        except CxzyError as exc:
            result = error_analysis(path, exc)
        except Exception as exc:  # a bug must not kill the batch; it is recorded
            result = error_analysis(path, CxzyError(f"内部错误：{type(exc).__name__}: {exc}", code="internal-error"))
        try:
            conn.send(replace(result, normal=None))
        except MemoryError:
            conn.send(error_analysis(path, ReadError("结果过大，超出内存上限", code="memory-limit")))


class _Worker:
    def __init__(self, ctx: Any, config: Config, job: Job):
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_worker_main, args=(child, config, job), daemon=True)
        self.proc.start()
        child.close()
        self.path: str | None = None
        self.started = 0.0

    def give(self, path: str) -> None:
        self.path = path
        self.started = time.monotonic()
        self.conn.send(path)

    def stop(self, kill: bool = False) -> None:
        try:
            if kill:
                self.proc.kill()
            else:
                self.conn.send(None)
        except (OSError, BrokenPipeError):
            pass
        self.proc.join(timeout=5)
        if self.proc.is_alive():
            self.proc.kill()
            self.proc.join()
        self.conn.close()


def _mp_context() -> Any:
    method = "fork" if "fork" in mp.get_all_start_methods() else "spawn"
    return mp.get_context(method)


def run_batch(
    paths: Iterable[str],
    config: Config = DEFAULT_CONFIG,
    *,
    stages: str = "check",
    profile: str | None = None,
    cache: ResultCache | None = None,
) -> Iterator[Analysis]:
    """Analyse every path, yielding each :class:`Analysis` as it finishes (not in input order).

    With ``config.isolate`` false the files run in this process (no caps; for tests and
    profiling).
    """
    from ..pipeline import analyse, error_analysis

    settings = f"{stages}|{profile or ''}"
    todo: list[str] = []
    for path in paths:
        if cache is not None:
            sha = file_sha256(path)
            hit = cache.get(sha, settings) if sha else None
            if hit is not None:
                from ..jsonio import analysis_from_dict

                cached = analysis_from_dict(hit)
                yield replace(cached, source=replace(cached.source, path=path))
                continue
        todo.append(path)

    def remember(result: Analysis) -> Analysis:
        if (
            cache is not None
            and result.source.sha256
            and not any(
                e.get("code") in ("timeout", "memory-limit", "worker-crashed", "internal-error") for e in result.errors
            )
        ):
            from ..jsonio import analysis_to_dict

            cache.put(result.source.sha256, settings, analysis_to_dict(result))
        return result

    if config.executor == "dask" and todo:  # the same per-file work as Dask tasks, in input order
        from .distributed import dask_results

        for finished in dask_results(todo, config, run_batch, stages=stages, profile=profile):
            yield remember(finished)
        return

    if not config.isolate:
        for path in todo:
            yield remember(replace(analyse(path, config, stages=stages, profile=profile), normal=None))
        return

    ctx = _mp_context()
    job = Job(stages=stages, profile=profile)
    queue = list(reversed(todo))
    workers = [_Worker(ctx, config, job) for _ in range(max(1, min(config.jobs, len(todo))))] if todo else []
    try:
        for w in workers:
            if queue:
                w.give(queue.pop())
        while any(w.path is not None for w in workers):
            busy = [w for w in workers if w.path is not None]
            now = time.monotonic()
            deadline = min(w.started + config.time_limit for w in busy)
            ready = wait([w.conn for w in busy] + [w.proc.sentinel for w in busy], timeout=max(0.0, deadline - now))
            for i, w in enumerate(list(workers)):
                if w.path is None:
                    continue
                path = w.path
                result: Analysis | None = None
                replace_worker = False
                if w.conn in ready:
                    try:
                        result = w.conn.recv()
                    except (EOFError, OSError):
                        result = None
                    if result is None:
                        replace_worker = True
                if result is None and (w.proc.sentinel in ready or replace_worker):
                    w.proc.join(timeout=1)
                    code = w.proc.exitcode
                    if code is not None and code < 0 and -code == 9:
                        err = ReadError(
                            f"处理时超出内存上限（{config.memory_limit_mb} MB），进程被终止", code="memory-limit"
                        )
                    else:
                        err = ReadError(f"处理进程意外退出（退出码 {code}）", code="worker-crashed")
                    result = error_analysis(path, err)
                    replace_worker = True
                elif result is None and time.monotonic() - w.started >= config.time_limit:
                    result = error_analysis(
                        path, ReadError(f"处理超过 {config.time_limit:g} 秒时限，已中止该文件", code="timeout")
                    )
                    replace_worker = True
                if result is None:
                    continue
                w.path = None
                if replace_worker:
                    w.stop(kill=True)
                    w = workers[i] = _Worker(ctx, config, job)
                yield remember(result)
                if queue:
                    w.give(queue.pop())
    finally:
        for w in workers:
            w.stop(kill=w.path is not None)


def analyse_files(
    paths: Sequence[str],
    config: Config = DEFAULT_CONFIG,
    *,
    stages: str = "check",
    profile: str | None = None,
    cache: ResultCache | None = None,
    progress: Callable[[Analysis], None] | None = None,
) -> list[Analysis]:
    """Every analysis of :func:`run_batch`, in input order; ``progress`` is called as each finishes."""
    order = {p: i for i, p in enumerate(paths)}
    results = []
    for analysis in run_batch(paths, config, stages=stages, profile=profile, cache=cache):
        results.append(analysis)
        if progress is not None:
            progress(analysis)
    results.sort(key=lambda a: order.get(a.source.path, 0))
    return results
