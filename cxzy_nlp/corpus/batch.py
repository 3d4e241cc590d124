"""Run the analysis over many files: worker processes with time and memory caps, the result cache.

One hostile file can never stall or kill a batch: each file runs in a worker process whose
address space is capped (``RLIMIT_AS``) and whose wall time is watched by the parent; a worker
that overruns is killed, the file gets a ``timeout`` / ``memory-limit`` / ``worker-crashed``
record, and a fresh worker takes the next file. Results are yielded as they finish.
"""

from __future__ import annotations

import gc
import multiprocessing as mp
import os
import signal
import stat
import threading
import time
import weakref
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any

from ..config import DEFAULT_CONFIG, Config
from ..errors import CxzyError, ReadError
from ..model import Analysis
from .cache import ResultCache, file_sha256
from .escape import printable

SKIP_DIRS = {".git", "__pycache__", ".cxzy-cache"}

# The suffixes read from folders (the README lists them). A file found in a folder with another suffix
# gets a ``skipped`` record; a file named on the command line is read whatever its suffix (``.md`` is read
# only when named: a README beside the plans is not a plan). Hidden files and Word's ``~$`` lock files
# are not listed at all.
FOLDER_SUFFIXES = (
    ".docx",
    ".docm",
    ".dotx",
    ".dotm",
    ".doc",
    ".dot",
    ".wps",
    ".wpt",
    ".pdf",
    ".txt",
    ".rtf",
    ".html",
    ".htm",
    ".mht",
    ".mhtml",
    ".ofd",
    ".zip",  # each member becomes its own record: a.zip!folder/file.docx
)


class InputFile(str):
    """A path to analyse; ``skip`` holds why a file found in a folder is listed but not read."""

    skip: str = ""

    def __new__(cls, path: str, skip: str = "") -> InputFile:
        made = super().__new__(cls, path)
        made.skip = skip
        return made


def skip_reason(path: str, suffixes: tuple[str, ...] = FOLDER_SUFFIXES) -> str:
    """Why a file found in a folder is not read ("" when it is read)."""
    suffix = Path(path).suffix.lower()
    if suffix in suffixes:
        return ""
    kind = f"扩展名 {suffix}" if suffix else "没有扩展名"
    return f"未读取：{kind}不在文件夹读取的格式之列（{'、'.join(suffixes)}）；如需读取请直接指定该文件"


def iter_inputs(
    paths: Iterable[str | os.PathLike[str]], suffixes: tuple[str, ...] | None = None
) -> Iterator[InputFile]:
    """Files named and files under folders named (recursively, sorted), each once.

    Files named explicitly are read whatever their suffix (they get an error record if
    unreadable); files found in folders with a suffix outside ``suffixes`` (default
    :data:`FOLDER_SUFFIXES`) are yielded with a ``skip`` reason, so each still gets a record.
    """
    wanted = suffixes or FOLDER_SUFFIXES
    seen: set[str] = set()
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            for root, dirs, files in os.walk(p):
                dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS and not d.startswith("."))
                for name in sorted(files):
                    if name.startswith((".", "~$")):
                        continue
                    full = str(Path(root) / name)
                    if full not in seen:
                        seen.add(full)
                        reason = skip_reason(full, wanted)
                        yield from _expanded(full) if not reason else (InputFile(full, reason),)
        else:
            key = str(p)
            if key not in seen:
                seen.add(key)
                yield from _expanded(key)


def _expanded(path: str) -> Iterator[InputFile]:
    """A zip archive's members (each its own record, ``a.zip!folder/file.docx``), or the file itself.

    An archive that cannot be opened is yielded as itself, so its record carries the archive's error.
    """
    from ..read.archive import archive_members, is_archive

    if is_archive(path) and os.path.isfile(path):
        try:
            members = archive_members(path)
        except CxzyError:
            members = []
        if members:
            yield from (InputFile(m) for m in members)
            return
    yield InputFile(path)


def plain_record(path: str, code: str, message: str) -> Analysis:
    """A record made without opening the file: skipped, missing or not a regular file."""
    from ..model import SourceInfo

    fmt = Path(path).suffix.lower().lstrip(".")
    return Analysis(
        source=SourceInfo(path=str(path), format=fmt, sha256="", size=0),
        text="",
        errors=({"code": code, "message": message},),
    )


def refuse(path: str) -> Analysis | None:
    """The record of a path that must not be opened (skipped, missing, FIFO, device, folder), else None.

    Decided from ``stat`` alone, in the main process, before anything reads or hashes the file.
    """
    skip = getattr(path, "skip", "")
    if skip:
        return plain_record(path, "skipped", skip)
    from ..read.archive import split_member_path

    inside = split_member_path(path)
    try:
        st = os.stat(inside[0] if inside and not os.path.exists(path) else path)
    except FileNotFoundError:
        return plain_record(path, "not-found", f"文件不存在：{printable(path)}")
    except OSError as exc:
        return plain_record(path, "not-found", f"无法访问文件：{printable(path)}（{exc.strerror}）")
    if not stat.S_ISREG(st.st_mode):
        return plain_record(path, "not-regular-file", f"不是普通文件（目录、管道或设备），已跳过：{printable(path)}")
    return None


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


# codecs the readers look up by name; loaded before the limit, so a tight limit reports memory-limit, never a
# "LookupError: unknown encoding" from an import that ran out of memory
READER_CODECS = ("gb18030", "gbk", "gb2312", "big5", "utf-16", "utf-16-le", "utf-16-be", "utf-8-sig", "cp1252")


def _limit_memory(megabytes: int) -> None:
    import codecs

    for name in READER_CODECS:
        codecs.lookup(name)
    try:
        import resource

        limit = megabytes * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (ImportError, ValueError, OSError):  # pragma: no cover - platform without rlimits
        pass


WORKER_OUT_OF_MEMORY = 75  # a worker's exit status after a MemoryError it could not report


def _die_with_parent(parent: int, ask_kernel: bool) -> None:
    """End this worker when its parent dies, even by ``kill -9``: the kernel's parent-death signal
    (Linux) and, everywhere, a thread that watches the parent's pid."""
    if ask_kernel:
        try:
            import ctypes

            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):  # pragma: no cover - not Linux
            pass
    if os.getppid() != parent:  # the parent died before the signal was asked for
        os._exit(0)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(0)

    threading.Thread(target=watch, name="cxzy-parent-watch", daemon=True).start()


def _worker_main(conn: Connection, parent_end: Connection, config: Config, job: Job, parent: int, kernel: bool) -> None:
    """Analyse the paths the parent sends until it sends None or goes away. Nothing is printed:
    every failure is a record, or an exit status the parent turns into one."""
    try:
        parent_end.close()  # so the parent's death is an end-of-file here
        _die_with_parent(parent, kernel)
        _limit_memory(config.memory_limit_mb)
        _serve_paths(conn, config, job)
    except MemoryError:
        os._exit(WORKER_OUT_OF_MEMORY)
    except BaseException:
        os._exit(70)
    os._exit(0)


OCR_SUFFIXES = (".pdf", ".ofd", ".jpg", ".jpeg", ".png", ".tif", ".tiff", ".bmp")


def ocr_allowance(path: str, config: Config) -> float:
    """The file's time limit: the configured one, plus the OCR allowance of each page without a text layer
    (only when OCR is installed; any doubt about the file leaves the configured limit)."""
    if not str(path).lower().endswith(OCR_SUFFIXES):
        return config.time_limit
    try:
        from ..read import sniff
        from ..read.ocr import ocr_available, time_allowance

        if not ocr_available():
            return config.time_limit
        data = Path(path).read_bytes()
        fmt = sniff(data, Path(path).suffix.lower())
        if fmt == "pdf":  # pdfium must not inflate a bomb here: the reader's own bound first
            from ..read.pdf import check_inflation

            check_inflation(data, config)
        return time_allowance(data, fmt, config.time_limit)
    except (CxzyError, OSError, ValueError):
        return config.time_limit


def _serve_paths(conn: Connection, config: Config, job: Job) -> None:
    from .. import datacache, patterncache
    from ..pipeline import analyse, error_analysis

    while True:
        try:
            path = conn.recv()
        except (EOFError, OSError, KeyboardInterrupt):
            return
        if path is None:
            return
        allowance = ocr_allowance(path, config)
        if allowance > config.time_limit:
            conn.send(("allow", allowance))  # pages to read by OCR: the parent waits longer for this file
        try:
            result = analyse(path, config, stages=job.stages, profile=job.profile)
        except MemoryError:
            result = error_analysis(
                path, ReadError(f"处理时超出内存上限（{config.memory_limit_mb} MB），已中止该文件", code="memory-limit")
            )
        except RecursionError:
            result = error_analysis(path, ReadError("文件结构嵌套过深，无法解析", code="corrupt"))
        except CxzyError as exc:
            result = error_analysis(path, exc)
        except FileNotFoundError:  # gone since it was listed
            result = error_analysis(path, ReadError(f"文件不存在：{printable(path)}", code="not-found"))
        except OSError as exc:  # no permission, an I/O error of the disk
            result = error_analysis(path, ReadError(f"无法读取文件（{exc.strerror or exc}）", code="no-access"))
        except Exception as exc:  # a bug must not kill the batch; it is recorded
            if _out_of_memory(exc):  # a library that reports running out of memory in its own way
                result = error_analysis(
                    path,
                    ReadError(f"处理时超出内存上限（{config.memory_limit_mb} MB），已中止该文件", code="memory-limit"),
                )
            else:
                result = error_analysis(
                    path, CxzyError(f"内部错误：{type(exc).__name__}: {exc}", code="internal-error")
                )
        try:
            conn.send(replace(result, normal=None))
        except MemoryError:
            conn.send(error_analysis(path, ReadError("结果过大，超出内存上限", code="memory-limit")))
        patterncache.save()  # patterns this worker compiled anew, kept for the next run (once the CLI installed it)
        datacache.save()  # and the data files it parsed anew


_OUT_OF_MEMORY_WORDS = (
    "bad_alloc",
    "Cannot allocate memory",
    "Failed to allocate memory",
    "out of memory",
    "MemoryError",
)


def _out_of_memory(exc: BaseException) -> bool:
    """Whether ``exc`` (or what caused it) is running out of memory: a MemoryError raised inside another error
    (an import, a C extension) or a C++ engine's std::bad_alloc reported as its own error type."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, MemoryError) or any(w in str(current) for w in _OUT_OF_MEMORY_WORDS):
            return True
        current = current.__cause__ or current.__context__
    return False


class _Worker:
    def __init__(self, ctx: Any, config: Config, job: Job):
        self.conn, child = ctx.Pipe()
        kernel = threading.current_thread() is threading.main_thread()  # the death signal follows the forking thread
        self.proc = ctx.Process(
            target=_worker_main, args=(child, self.conn, config, job, os.getpid(), kernel), daemon=True
        )
        self.proc.start()
        child.close()
        self.path: str | None = None
        self.started = 0.0
        self.config_limit = config.time_limit
        self.limit = config.time_limit

    def give(self, path: str) -> None:
        self.path = path
        self.started = time.monotonic()
        self.limit = self.config_limit  # grown by the worker for pages it reads by OCR
        self.conn.send(str(path))

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


# A short plan written for the warm-up (no real document's text): it takes the stages through their
# modules, data files and compiled patterns once, in the parent, so forked workers start warm.
_WARM_UP_PLAN = """某县教育局关于开展读书月活动的实施方案
为推动全民阅读，结合我局实际，制定本方案。
一、活动目标
到2024年12月底，全县中小学图书借阅量提高20%。
二、主要任务
（一）组织读书分享会。由县图书馆负责，每月开展1次。
三、实施步骤
1.准备阶段（2024年3月1日至3月15日）：制定细则。
2.实施阶段（2024年3月16日至11月30日）：组织活动。
四、经费预算
活动经费共计5万元，由县财政列支。
五、工作要求
各单位要高度重视，确保活动取得实效。
某县教育局
2024年2月20日
"""


def warm_up(stages: str = "check", profile: str | None = None) -> None:
    """Load the pure-Python pipeline, its data and its compiled patterns in this process.

    Called before workers fork, so each starts with them instead of loading them again. Nothing that
    starts threads is loaded here (no numpy/BLAS, no onnxruntime; OCR and the section model's numpy-free
    evaluation need neither), since threads do not survive a fork.
    """
    from .. import read  # noqa: F401  (the readers and their sniffing)
    from ..classify import load_model
    from ..pipeline import analyse_text
    from ..read import docx, html, pdf, txt  # noqa: F401

    try:
        analyse_text(_WARM_UP_PLAN, "warm-up.txt", stages=stages, profile=profile)
    except CxzyError:  # a bad profile is the workers' to report, file by file
        pass
    load_model()


# id of an analysis served from the cache → (the analysis, its cached record with the path as given): the
# record written as is where the analysis goes out unchanged (cached_record), instead of built again
_RECORDS: dict[int, tuple[weakref.ref[Analysis], dict[str, Any]]] = {}


def cached_record(analysis: Analysis) -> dict[str, Any] | None:
    """The contract record of ``analysis`` as the cache held it, when ``analysis`` is the very object
    :func:`run_batch` served from the cache (a changed copy, e.g. with findings filtered, gets ``None``);
    it equals ``jsonio.analysis_to_dict(analysis)``."""
    kept = _RECORDS.get(id(analysis))
    return kept[1] if kept is not None and kept[0]() is analysis else None


def _with_name(settings: str, path: str) -> str:
    """The cache settings of one file: a file name in Chinese may give its untitled document's kind (年终总结.docx,
    :func:`~cxzy_nlp.kinds.file_name_kind`), so the same bytes under such a name are a different entry."""
    name = path.replace("\\", "/").rsplit("/", 1)[-1]
    return f"{settings}|{name}" if any("\u4e00" <= c <= "\u9fff" for c in name) else settings


def _from_cache(cache: ResultCache, path: str, settings: str) -> Analysis | None:
    """The cached analysis of a regular file, or None (a damaged cached row counts as a miss)."""
    from ..jsonio import stored_analysis

    sha = file_sha256(path)
    hit = cache.get(sha, settings) if sha else None
    if hit is None or sha is None:
        return None
    try:
        hit["source"]["path"] = str(path)  # the path as given, in the record written as is and in the analysis
        analysis = stored_analysis(hit)  # findings now; sections, goals, places and the rest when something reads them
    except Exception:
        cache.drop(sha, settings)
        return None
    try:
        ref = weakref.ref(analysis)
    except TypeError:  # an analysis without weak references: its record is built again when written
        return analysis
    _RECORDS[id(analysis)] = (ref, hit)
    weakref.finalize(analysis, _RECORDS.pop, id(analysis), None)
    return analysis


def _lost(path: str, code: int | None, config: Config) -> Analysis:
    """The record of a file whose worker died with exit status ``code``."""
    from ..pipeline import error_analysis

    if code == WORKER_OUT_OF_MEMORY or (code is not None and code < 0 and -code == signal.SIGKILL):
        err = ReadError(f"处理时超出内存上限（{config.memory_limit_mb} MB），进程被终止", code="memory-limit")
    else:
        err = ReadError(f"处理进程意外退出（退出码 {code}）", code="worker-crashed")
    return error_analysis(path, err)


def reported(analysis: Analysis) -> Analysis:
    """``analysis``, or when it was read without error or problem yet holds no text at all, its record with
    a ``no-text`` error: an empty result is never silent (a damaged file some reader took for blank)."""
    if analysis.errors or analysis.problems or analysis.text.strip():
        return analysis
    return replace(
        analysis,
        documents=(),
        errors=({"code": "no-text", "message": "文件中没有读出任何文字，可能已损坏、被截断或只有图片"},),
    )


def run_batch(
    paths: Iterable[str],
    config: Config = DEFAULT_CONFIG,
    *,
    stages: str = "check",
    profile: str | None = None,
    cache: ResultCache | None = None,
) -> Iterator[Analysis]:
    """Analyse every path, yielding each :class:`Analysis` as it finishes (not in input order).

    Every path gives exactly one record. Paths that must not be opened (skipped suffixes, FIFOs,
    devices, folders, missing files) get theirs at once, before anything reads them. With
    ``config.isolate`` false the files run in this process (no caps; for tests and profiling).
    """
    settings = f"{stages}|{profile or ''}"
    todo: list[str] = []
    for path in paths:
        refused = refuse(path)
        if refused is not None:
            yield refused
            continue
        if cache is not None:
            cached = _from_cache(cache, path, _with_name(settings, path))
            if cached is not None:
                yield cached
                continue
        todo.append(path)

    def remember(result: Analysis) -> Analysis:
        result = reported(result)
        if (
            cache is not None
            and result.source.sha256
            and not any(
                e.get("code") in ("timeout", "memory-limit", "worker-crashed", "internal-error") for e in result.errors
            )
        ):
            from ..jsonio import analysis_to_dict

            cache.put(result.source.sha256, _with_name(settings, str(result.source.path)), analysis_to_dict(result))
        return result

    if not todo:
        return  # all refused or cached: the pipeline is not even imported
    from ..pipeline import analyse, error_analysis

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
    warm = len(todo) > 1 and ctx.get_start_method() == "fork"
    if warm:
        warm_up(stages, profile)  # once here, not once per worker
        gc.freeze()  # the workers' garbage collections leave what is loaded alone (fewer pages copied)
    queue = list(reversed(todo))
    try:
        workers = [_Worker(ctx, config, job) for _ in range(max(1, min(config.jobs, len(todo))))] if todo else []
    finally:
        if warm:
            gc.unfreeze()
    try:
        for w in workers:
            if queue:
                w.give(queue.pop())
        while any(w.path is not None for w in workers):
            busy = [w for w in workers if w.path is not None]
            now = time.monotonic()
            deadline = min(w.started + w.limit for w in busy)
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
                    if isinstance(result, tuple) and result[:1] == ("allow",):
                        w.limit = max(w.limit, float(result[1]))
                        continue
                    if result is None:
                        replace_worker = True
                if result is None and (w.proc.sentinel in ready or replace_worker):
                    w.proc.join(timeout=1)
                    result = _lost(path, w.proc.exitcode, config)
                    replace_worker = True
                elif result is None and time.monotonic() - w.started >= w.limit:
                    result = error_analysis(
                        path, ReadError(f"处理超过 {w.limit:g} 秒时限，已中止该文件", code="timeout")
                    )
                    replace_worker = True
                if result is None:
                    continue
                w.path = None
                if replace_worker:
                    w.stop(kill=True)
                    w = workers[i] = _Worker(ctx, config, job)
                result = replace(result, source=replace(result.source, path=str(path)))  # the path as given
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
