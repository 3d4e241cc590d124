"""`cxzy check` throughput: a folder of generated plans, one worker against two, cold and cached.

Generates (deterministically, with ``cxzy_nlp.synth``) ``--files`` plans rendered in turn as
.txt, .docx and .pdf, then runs the real command line over the folder:

* ``cxzy check DIR --jobs 1`` and ``--jobs 2`` with no cache: wall time, files/s and peak memory
  (the summed resident size of the command and its workers, sampled from /proc);
* a run that fills a fresh cache, then the cached re-run: its time as a share of the first;
* the whole analysis of one ~10-page .docx in this process (read → normalise → segment →
  classify → extract → check): CPU ms per file, median of ``--repeat``; beside it markitdown
  converting the same file to Markdown (skipped with a note when markitdown is absent);
* the same plan as .txt, .docx and .pdf analysed in this process: CPU ms per format;
* one file from a cold start: wall time of ``cxzy check FILE --no-cache``.

A benchmark reports figures; it asserts nothing. The machine load is printed with them.

    python benchmarks/bench_check.py [--files 1000] [--repeat 15] [--keep DIR [--reuse]] [--json]
    python benchmarks/bench_check.py --docx-only [--repeat 15]   # only the 10-page .docx beside markitdown
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

FORMATS = ("txt", "docx", "pdf")
PAGE_CHARS = 650  # characters on one A4 page of a 公文 (22 lines of 28 characters, 3号仿宋), roughly
CXZY = [sys.executable, "-c", "from cxzy_nlp.cli import main; main()"]
# the command runs this checkout's code, whatever copy of the package is installed
ENV = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH", "")]))}


# ---------------------------------------------------------------- the corpus


def generate_folder(folder: Path, count: int) -> dict[str, int]:
    """``count`` plans rendered round-robin as txt, docx and pdf; returns files per format."""
    from cxzy_nlp.synth import generate_plan, render

    made = dict.fromkeys(FORMATS, 0)
    for i in range(count):
        fmt = FORMATS[i % len(FORMATS)]
        plan = generate_plan(i, size=2 + i % 4)
        render(plan, fmt, folder / f"plan{i:04d}.{fmt}")
        made[fmt] += 1
    return made


def ten_page_docx(folder: Path) -> tuple[Path, int]:
    """A generated plan of about ten pages, as .docx; returns its path and character count."""
    from cxzy_nlp.synth import generate_plan, render

    for size in range(4, 41):
        plan = generate_plan(7, size=size, faults=True, wrapper="plain")
        if len(plan.text) >= 10 * PAGE_CHARS:
            break
    path = render(plan, "docx", folder / "ten_pages.docx")
    return path, len(plan.text)


# ---------------------------------------------------------------- measuring the command


def _tree_rss(root: int) -> int:
    """Summed resident bytes of ``root`` and its descendants (Linux /proc)."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    page = os.sysconf("SC_PAGE_SIZE")
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as fh:
                fields = fh.read().rsplit(b")", 1)[1].split()
            with open(f"/proc/{entry}/statm", "rb") as fh:
                rss[int(entry)] = int(fh.read().split()[1]) * page
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(int(fields[1]), []).append(int(entry))
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        total += rss.get(pid, 0)
        todo.extend(children.get(pid, []))
    return total


@dataclass
class Run:
    label: str
    files: int
    seconds: float
    files_per_second: float
    peak_mb: float
    exit_code: int


def run_check(label: str, args: list[str], files: int, cwd: Path) -> Run:
    """Run ``cxzy check`` with ``args``; wall time and peak memory of the process tree."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        [*CXZY, "check", *args], cwd=cwd, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, _tree_rss(proc.pid))
            done.wait(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    code = proc.wait()
    seconds = time.perf_counter() - start
    done.set()
    sampler.join()
    return Run(label, files, round(seconds, 2), round(files / seconds, 1), round(peak / 2**20, 1), code)


# ---------------------------------------------------------------- one file in process


def cpu_ms(func, repeat: int) -> float:  # type: ignore[no-untyped-def]
    """Median CPU milliseconds of ``func()`` (after one warm-up call)."""
    func()
    times = []
    for _ in range(repeat):
        t0 = time.process_time()
        func()
        times.append((time.process_time() - t0) * 1000)
    return round(statistics.median(times), 1)


def in_process(docx: Path, repeat: int) -> dict[str, object]:
    from cxzy_nlp.config import Config
    from cxzy_nlp.pipeline import analyse

    config = Config(isolate=False)
    analysis = analyse(docx, config)
    out: dict[str, object] = {
        "documents": len(analysis.documents),
        "findings": sum(len(d.findings) for d in analysis.documents),
        "cxzy_cpu_ms": cpu_ms(lambda: analyse(docx, config), repeat),
    }
    try:
        from markitdown import MarkItDown
    except ImportError:
        out["markitdown_cpu_ms"] = None
        out["markitdown_note"] = "markitdown 未安装（pip install 'markitdown[docx]'），不比较"
        return out
    converter = MarkItDown()
    try:
        out["markitdown_cpu_ms"] = cpu_ms(lambda: converter.convert(str(docx)), repeat)
    except Exception as exc:  # markitdown without its docx extra (mammoth) raises at convert time
        out["markitdown_cpu_ms"] = None
        out["markitdown_note"] = f"markitdown 无法转换 .docx（{type(exc).__name__}），请安装 markitdown[docx]"
        return out
    out["speedup_vs_markitdown"] = round(out["markitdown_cpu_ms"] / out["cxzy_cpu_ms"], 1)  # type: ignore[operator]
    return out


def per_format(folder: Path, repeat: int) -> dict[str, float]:
    """CPU ms of the whole analysis of one mid-sized generated plan in each format, in this process."""
    from cxzy_nlp.config import Config
    from cxzy_nlp.pipeline import analyse
    from cxzy_nlp.synth import generate_plan, render

    config = Config(isolate=False)
    plan = generate_plan(3, size=3)
    out = {}
    for fmt in FORMATS:
        path = render(plan, fmt, folder / f"one.{fmt}")
        out[fmt] = cpu_ms(lambda path=path: analyse(path, config), repeat)
    return out


def cold_start(path: Path, cwd: Path, tries: int = 3) -> list[float]:
    """Wall seconds of ``cxzy check FILE --no-cache`` from a fresh interpreter, each try."""
    out = []
    for _ in range(tries):
        t0 = time.perf_counter()
        subprocess.run(
            [*CXZY, "check", str(path), "--no-cache", "--fail-on", "never"],
            cwd=cwd,
            env=ENV,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            check=False,
        )
        out.append(round(time.perf_counter() - t0, 2))
    return out


# ---------------------------------------------------------------- main


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--keep", type=Path, help="generate into (and keep) this folder")
    parser.add_argument("--reuse", action="store_true", help="with --keep: reuse the plans already generated there")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--docx-only", action="store_true", help="only the 10-page .docx analysis beside markitdown")
    args = parser.parse_args()
    if args.docx_only:
        with tempfile.TemporaryDirectory(prefix="cxzy-bench-docx-") as tmp:
            load = os.getloadavg()
            docx, chars = ten_page_docx(Path(tmp))
            only = {"chars": chars, "pages_estimate": round(chars / PAGE_CHARS, 1), **in_process(docx, args.repeat)}
        print(json.dumps({"load_before": load, "ten_page_docx": only, "load_after": os.getloadavg()}, indent=1))
        return

    work = args.keep or Path(tempfile.mkdtemp(prefix="cxzy-bench-check-"))
    corpus = work / "plans"
    corpus.mkdir(parents=True, exist_ok=True)
    report: dict[str, object] = {"cpus": os.cpu_count(), "load_before": os.getloadavg()}
    try:
        t0 = time.perf_counter()
        existing = sorted(corpus.glob("plan*.*"))[: args.files]
        if args.reuse and len(existing) == args.files:
            report["generated"] = {fmt: sum(p.suffix == f".{fmt}" for p in existing) for fmt in FORMATS}
        else:
            report["generated"] = generate_folder(corpus, args.files)
        report["generate_seconds"] = round(time.perf_counter() - t0, 1)
        common = [str(corpus), "--fail-on", "never", "-f", "jsonl", "-o", str(work / "out.jsonl")]
        runs = [
            run_check("jobs 1, no cache", [*common, "--jobs", "1", "--no-cache"], args.files, work),
            run_check("jobs 2, no cache", [*common, "--jobs", "2", "--no-cache"], args.files, work),
        ]
        cache = work / "cache.sqlite"
        for stale in work.glob("cache.sqlite*"):  # a kept folder may hold the cache of an earlier run
            stale.unlink()
        runs.append(
            run_check("jobs 2, filling the cache", [*common, "--jobs", "2", "--cache", str(cache)], args.files, work)
        )
        runs.append(
            run_check("jobs 2, cached re-run", [*common, "--jobs", "2", "--cache", str(cache)], args.files, work)
        )
        report["runs"] = [asdict(r) for r in runs]
        report["jobs2_speedup"] = round(runs[0].seconds / runs[1].seconds, 2)
        report["cached_share_of_first"] = round(runs[3].seconds / runs[2].seconds, 3)
        docx, chars = ten_page_docx(work)
        report["ten_page_docx"] = {
            "chars": chars,
            "pages_estimate": round(chars / PAGE_CHARS, 1),
            **in_process(docx, args.repeat),
        }
        report["per_format_cpu_ms"] = per_format(work, args.repeat)
        report["cold_start_seconds"] = cold_start(docx, work)
        report["load_after"] = os.getloadavg()
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=1))
        return
    print(f"CPUs {report['cpus']}, load {report['load_before']} → {report['load_after']}")
    print(f"generated {report['generated']} in {report['generate_seconds']} s")
    for r in runs:
        print(
            f"{r.label:28s} {r.seconds:8.2f} s  {r.files_per_second:7.1f} files/s  peak {r.peak_mb:7.1f} MB  exit {r.exit_code}"
        )
    print(f"--jobs 2 speed-up over --jobs 1: {report['jobs2_speedup']}×")
    print(f"cached re-run: {report['cached_share_of_first']:.1%} of the first run")
    print(f"10-page .docx in process: {report['ten_page_docx']}")
    print(f"one plan per format in process (CPU ms): {report['per_format_cpu_ms']}")
    print(f"cold start, one file: {report['cold_start_seconds']} s")


if __name__ == "__main__":
    main()
