"""Reading throughput per format: our readers beside the raw library on the same generated plan.

Generates (deterministically) a plan of about ``--pages`` pages as .pdf (reportlab, STSong-Light),
.docx (python-docx), .txt and, when LibreOffice is installed, .doc; then, for each format,
times ``cxzy_nlp.read.read_bytes`` alone and followed by ``normalise`` against the raw
library (pdfplumber ``extract_text`` on every page; python-docx paragraph text), runs
interleaved, ``--repeat`` times, median. Peak memory is measured in a separate traced run.
Finally it times ``cxzy --help`` (best of 5). A benchmark reports figures; it asserts nothing.

    python benchmarks/bench_read.py [--repeat 7] [--pages 10] [--keep DIR] [--json]
"""

from __future__ import annotations

import argparse
import io
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

import pdf_factory  # noqa: E402  (the fixture typesetter, shared with the tests)

from cxzy_nlp.normalise import normalise  # noqa: E402
from cxzy_nlp.read import read_bytes  # noqa: E402

HEADINGS = (
    "一、指导思想",
    "二、工作目标",
    "三、活动时间",
    "四、活动内容",
    "五、实施步骤",
    "六、组织保障",
    "七、经费预算",
    "八、宣传引导",
    "九、工作要求",
    "十、附则",
)


# ---------------------------------------------------------------- the plan in every format


def plan_items(pages: int) -> list[pdf_factory.Item]:
    """The smallest plan (in paragraphs per section) that fills ``pages`` pages of PDF."""
    for per_section in range(1, 50):
        items = pdf_factory.plan_items(per_section, HEADINGS)
        if pdf_factory.page_count(_pdf(items)) >= pages:
            return items
    raise SystemExit(f"cannot fill {pages} pages")


def _pdf(items: list[pdf_factory.Item]) -> bytes:
    setup = pdf_factory.Setup(header="青禾社区居委会文件", page_number="— {n} —", title=pdf_factory.PLAN_TITLE)
    return pdf_factory.build_pdf(items, setup)


def _docx(items: list[pdf_factory.Item]) -> bytes:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    doc = Document()
    doc.core_properties.title = pdf_factory.PLAN_TITLE
    for item in items:
        if not isinstance(item, pdf_factory.Para):
            continue
        para = doc.add_paragraph()
        run = para.add_run(item.text)
        run.font.size = Pt(item.size)
        run.bold = item.bold or None
        if item.center:
            para.alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif item.indent:
            para.paragraph_format.first_line_indent = Pt(2 * item.size)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _doc_via_soffice(docx_path: Path) -> Path | None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        return None
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [
                soffice,
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                "doc",
                "--outdir",
                str(docx_path.parent),
                str(docx_path),
            ],
            check=False,
            capture_output=True,
            timeout=180,
        )
    doc = docx_path.with_suffix(".doc")
    return doc if doc.exists() else None


def write_plan(folder: Path, pages: int) -> dict[str, Path]:
    """The plan as files in ``folder``, by format."""
    items = plan_items(pages)
    texts = pdf_factory.plan_texts(items)
    files = {"pdf": folder / "plan.pdf", "docx": folder / "plan.docx", "txt": folder / "plan.txt"}
    files["pdf"].write_bytes(_pdf(items))
    files["docx"].write_bytes(_docx(items))
    files["txt"].write_text("\n".join(texts) + "\n", encoding="utf-8")
    doc = _doc_via_soffice(files["docx"])
    if doc is not None:
        files["doc"] = doc
    return files


# ---------------------------------------------------------------- the readers being compared


def raw_pdf(data: bytes) -> object:
    import pdfplumber

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return [page.extract_text() for page in pdf.pages]


def raw_docx(data: bytes) -> object:
    from docx import Document

    return [p.text for p in Document(io.BytesIO(data)).paragraphs]


def raw_txt(data: bytes) -> object:
    return data.decode("utf-8")


RAW: dict[str, tuple[str, Callable[[bytes], object]]] = {
    "pdf": ("pdfplumber extract_text", raw_pdf),
    "docx": ("python-docx paragraphs", raw_docx),
    "txt": ("bytes.decode", raw_txt),
}


def ours(path: Path) -> Callable[[bytes], object]:
    return lambda data: read_bytes(data, str(path))


def ours_normalised(path: Path) -> Callable[[bytes], object]:
    return lambda data: normalise(read_bytes(data, str(path)))


# ---------------------------------------------------------------- measuring


@dataclass(frozen=True)
class Figures:
    format: str
    reader: str
    seconds: float  # median wall time over the repeats
    cpu_seconds: float  # median CPU time of this process (steadier than wall time on a busy machine)
    files_per_s: float
    pages_per_s: float
    mb_per_s: float
    peak_mb: float
    ratio: float | None  # seconds / raw library's seconds on the same file
    cpu_ratio: float | None  # the same for CPU time


def timed_runs(
    readers: dict[str, Callable[[bytes], object]], data: bytes, repeat: int
) -> dict[str, tuple[float, float]]:
    """Median (wall, CPU) seconds per reader; readers run interleaved so load changes hit all alike."""
    for read in readers.values():  # warm-up: imports, caches
        read(data)
    wall: dict[str, list[float]] = {name: [] for name in readers}
    cpu: dict[str, list[float]] = {name: [] for name in readers}
    for _ in range(repeat):
        for name, read in readers.items():
            start, start_cpu = time.perf_counter(), time.process_time()
            read(data)
            wall[name].append(time.perf_counter() - start)
            cpu[name].append(time.process_time() - start_cpu)
    return {name: (statistics.median(wall[name]), statistics.median(cpu[name])) for name in readers}


def peak_memory_mb(read: Callable[[bytes], object], data: bytes) -> float:
    tracemalloc.start()
    try:
        read(data)
        return tracemalloc.get_traced_memory()[1] / 1e6
    finally:
        tracemalloc.stop()


def bench_format(fmt: str, path: Path, pages: int, repeat: int) -> list[Figures]:
    data = path.read_bytes()
    readers: dict[str, Callable[[bytes], object]] = {
        "read_bytes": ours(path),
        "read_bytes+normalise": ours_normalised(path),
    }
    raw_name = None
    if fmt in RAW:
        raw_name, raw = RAW[fmt]
        readers[raw_name] = raw
    seconds = timed_runs(readers, data, repeat)
    base = seconds.get(raw_name) if raw_name else None
    return [
        Figures(
            format=fmt,
            reader=name,
            seconds=s,
            cpu_seconds=c,
            files_per_s=1 / s,
            pages_per_s=pages / s,
            mb_per_s=len(data) / s / 1e6,
            peak_mb=peak_memory_mb(readers[name], data),
            ratio=(s / base[0]) if base else None,
            cpu_ratio=(c / base[1]) if base and base[1] else None,
        )
        for name, (s, c) in seconds.items()
    ]


def help_commands() -> dict[str, list[str]]:
    """``cxzy --help`` as found on PATH and, when that is a shim (pyenv), the script beside this Python."""
    commands: dict[str, list[str]] = {}
    on_path = shutil.which("cxzy")
    if on_path:
        commands["cxzy --help"] = [on_path, "--help"]
    beside = Path(sys.executable).parent / "cxzy"
    if beside.exists() and (not on_path or Path(on_path).resolve() != beside.resolve()):
        commands[f"{beside} --help"] = [str(beside), "--help"]
    if not commands:
        commands["python cli.py --help"] = [sys.executable, str(ROOT / "cli.py"), "--help"]
    return commands


def best_wall_time(command: list[str], tries: int = 5) -> float:
    best = float("inf")
    for _ in range(tries):
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        best = min(best, time.perf_counter() - start)
    return best


# ---------------------------------------------------------------- report


def print_table(rows: list[Figures], pages: int, sizes: dict[str, int], help_s: dict[str, float]) -> None:
    print(f"plan of {pages} pages; sizes: " + ", ".join(f"{f} {n / 1024:.0f} KiB" for f, n in sizes.items()))
    header = (
        f"{'format':6} {'reader':24} {'ms/file':>8} {'cpu ms':>8} {'files/s':>8} {'pages/s':>8} {'MB/s':>6} "
        f"{'peak MB':>7} {'ours/raw':>8} {'cpu o/r':>8}"
    )
    print(header)
    print("-" * len(header))
    for r in rows:
        ratio = f"{r.ratio:.2f}x" if r.ratio is not None else "-"
        cpu_ratio = f"{r.cpu_ratio:.2f}x" if r.cpu_ratio is not None else "-"
        print(
            f"{r.format:6} {r.reader:24} {r.seconds * 1000:8.1f} {r.cpu_seconds * 1000:8.1f} {r.files_per_s:8.1f} "
            f"{r.pages_per_s:8.1f} {r.mb_per_s:6.2f} {r.peak_mb:7.1f} {ratio:>8} {cpu_ratio:>8}"
        )
    print()
    for name, seconds in help_s.items():
        print(f"{name}: {seconds * 1000:.0f} ms (best of 5)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--repeat", type=int, default=7, help="timed runs per reader (median reported)")
    parser.add_argument("--pages", type=int, default=10, help="length of the generated plan in PDF pages")
    parser.add_argument("--keep", type=Path, help="write the generated files here and keep them")
    parser.add_argument("--json", action="store_true", help="print figures as JSON instead of a table")
    parser.add_argument("--formats", default="pdf,docx,doc,txt", help="comma-separated formats to measure")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        files = write_plan(folder, args.pages)
        pages = pdf_factory.page_count(files["pdf"].read_bytes())
        wanted = [f for f in args.formats.split(",") if f in files]
        rows = [row for fmt in wanted for row in bench_format(fmt, files[fmt], pages, args.repeat)]
        sizes = {fmt: files[fmt].stat().st_size for fmt in wanted}
    help_s = {name: best_wall_time(command) for name, command in help_commands().items()}
    if args.json:
        print(
            json.dumps(
                {"pages": pages, "sizes": sizes, "cxzy_help_s": help_s, "rows": [asdict(r) for r in rows]},
                ensure_ascii=False,
                indent=2,
            )
        )
    else:
        print_table(rows, pages, sizes, help_s)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
