"""The per-file analysis as Dask tasks: the same isolated work as the local batch, on a ``distributed`` cluster.

``--executor dask`` sends files to a Dask cluster in chunks; each task runs the local batch
(:func:`cxzy_nlp.corpus.batch.run_batch`) on its chunk inside the Dask worker, so every file still
runs in a forked child with the same ``RLIMIT_AS`` cap and wall-time watch and gets the same
``timeout`` / ``memory-limit`` / ``worker-crashed`` record. Forking needs a worker process that is
not daemonic: the LocalCluster started here sets ``distributed.worker.daemon: False``, and workers
started by hand must be too (``DASK_DISTRIBUTED__WORKER__DAEMON=False dask worker ADDRESS``); a
cluster whose workers are daemonic is refused with a message saying so (see ``docs/dask.md``).

The result cache is read and written in the client (by ``run_batch``, before and after this
module), results come back in input order, and a chunk whose Dask worker died gives each of its
files a ``worker-crashed`` record. Workers must see the files under the paths given (the same
machine, or a shared mount with absolute paths).
"""

from __future__ import annotations

import atexit
import logging
import os
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from typing import Any

from ..config import Config
from ..errors import ConfigError, ReadError
from ..model import Analysis

LocalBatch = Callable[..., Iterator[Analysis]]
CHUNK_FILES = 8  # files per Dask task: one forked child per chunk, few enough tasks for a million files
AHEAD = 4  # chunks in flight per worker thread: results stream back without holding the whole run
_QUIET = {
    "distributed.worker.daemon": False,  # lets a worker fork the capped child of the local batch
    "distributed.admin.tick.limit": "1h",  # a busy shared machine must not fill stderr with event-loop warnings
    "logging": {"distributed": "critical", "tornado": "critical", "bokeh": "critical"},
}
_clients: dict[tuple[str | None, int], Any] = {}


def _require_dask() -> None:
    try:
        import dask  # noqa: F401
        import distributed  # noqa: F401
    except ImportError:
        raise ConfigError("--executor dask 需要安装 Dask：pip install 'cxzy-nlp[dask]'") from None


def _quiet() -> None:
    """Silence distributed's loggers and its warnings about the network (a loopback cluster does not need it)."""
    import warnings

    for name in ("distributed", "tornado", "asyncio"):  # failures reach the caller as exceptions or error records
        logging.getLogger(name).setLevel(logging.CRITICAL)
    warnings.filterwarnings("ignore", module=r"distributed(\..*)?$")
    warnings.filterwarnings("ignore", message=r".*(Couldn't detect a suitable IP address|Port \d+ is already in use).*")


def client_for(config: Config) -> Any:
    """A ``distributed.Client`` for the run: the scheduler at ``config.scheduler``, or a loopback LocalCluster.

    The LocalCluster has ``config.jobs`` worker processes with one thread each, listens on 127.0.0.1
    only, has no dashboard and stays up until the process ends (one cluster serves every batch of a
    command, e.g. ``dedup``'s inputs and templates).
    """
    _require_dask()
    import dask
    from distributed import Client, LocalCluster

    key = (config.scheduler, 1 if config.scheduler else config.jobs)
    client = _clients.get(key)
    if client is not None and client.status == "running":
        return client
    _quiet()
    with dask.config.set(_QUIET):
        if config.scheduler:
            try:
                client = Client(config.scheduler, timeout="20s", set_as_default=False)
            except OSError as exc:
                raise ConfigError(f"无法连接 Dask 调度器 {config.scheduler}：{exc}") from None
        else:
            cluster = LocalCluster(
                n_workers=config.jobs,
                threads_per_worker=1,
                processes=True,
                host="127.0.0.1",
                dashboard_address=None,
                silence_logs=logging.CRITICAL,
                memory_limit=0,  # each file is capped by the batch's own RLIMIT_AS; Dask must not also kill workers
            )
            client = Client(cluster, set_as_default=False)
    daemonic = [addr for addr, flag in client.run(_is_daemonic).items() if flag]
    if daemonic:
        raise ConfigError(
            f"Dask 工作进程 {daemonic[0]} 是守护进程，无法为每个文件启动受限子进程；"
            "请以 DASK_DISTRIBUTED__WORKER__DAEMON=False 启动 dask worker"
        )
    _clients[key] = client
    return client


def close_clients() -> None:
    """Close every client (and LocalCluster) this process started."""
    while _clients:
        _, client = _clients.popitem()
        cluster = client.cluster
        try:
            client.close()
            if cluster is not None:
                cluster.close()
        except Exception:  # pragma: no cover - shutting down anyway
            pass


atexit.register(close_clients)


def _is_daemonic() -> bool:
    import multiprocessing

    return bool(multiprocessing.current_process().daemon)


_warm: set[tuple[str, str | None]] = set()


def _warm_up(stages: str, profile: str | None) -> None:
    """Analyse a short text once per Dask worker, so models and dictionaries load once and forked children inherit them."""
    if (stages, profile) in _warm:
        return
    from ..pipeline import analyse_text

    try:
        analyse_text("关于开展读书月活动的实施方案\n一、工作目标\n提高阅读能力。\n", stages=stages, profile=profile)
    except Exception:  # pragma: no cover - the real files will report whatever is wrong
        pass
    _warm.add((stages, profile))


def analyse_chunk(
    paths: Sequence[str], config: Config, run_batch: LocalBatch, stages: str, profile: str | None
) -> list[Analysis]:
    """The Dask task: the local batch over a few files in this worker, each file in its capped child, in input order."""
    _warm_up(stages, profile)
    local = replace(config, executor="local", scheduler=None, jobs=1)
    order = {p: i for i, p in enumerate(paths)}
    return sorted(run_batch(paths, local, stages=stages, profile=profile), key=lambda a: order[a.source.path])


def _lost(paths: Sequence[str], exc: BaseException) -> list[Analysis]:
    from ..pipeline import error_analysis

    message = f"Dask 工作进程意外退出（{type(exc).__name__}），该文件未能处理"
    return [error_analysis(p, ReadError(message, code="worker-crashed")) for p in paths]


def dask_results(
    paths: Sequence[str],
    config: Config,
    run_batch: LocalBatch,
    *,
    stages: str = "check",
    profile: str | None = None,
) -> Iterator[Analysis]:
    """Analyse ``paths`` on the cluster, yielding each analysis in input order as soon as its chunk is back.

    ``run_batch`` is the local batch (:func:`cxzy_nlp.corpus.batch.run_batch`, passed in so that this
    module does not import the one that dispatches to it); each task runs it on a chunk of files.
    """
    client = client_for(config)
    threads = max(1, sum(client.nthreads().values()))
    chunks = [list(paths[i : i + CHUNK_FILES]) for i in range(0, len(paths), CHUNK_FILES)]
    pending: deque[tuple[list[str], Any]] = deque()
    submitted = 0

    def submit_more() -> None:
        nonlocal submitted
        while submitted < len(chunks) and len(pending) < AHEAD * threads:
            chunk = chunks[submitted]
            future = client.submit(
                analyse_chunk,
                chunk,
                config,
                run_batch,
                stages,
                profile,
                pure=False,
                key=f"cxzy-{os.getpid()}-{submitted}-{id(chunk)}",
            )
            pending.append((chunk, future))
            submitted += 1

    submit_more()
    try:
        while pending:
            chunk, future = pending.popleft()
            try:
                results = future.result()
            except Exception as exc:  # KilledWorker and the like: the files get records, the run goes on
                results = _lost(chunk, exc)
            submit_more()
            yield from results
    finally:
        for _, future in pending:
            future.cancel()
