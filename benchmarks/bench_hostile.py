"""Hostile-kit benchmark: each case of ``tests/hostile_kit.py`` through ``cxzy check``, timed and measured.

    python benchmarks/bench_hostile.py                      # generate the kit in a temporary folder, run every case
    python benchmarks/bench_hostile.py --case fifo --case pdf-flate-bomb --timeout 30
    python benchmarks/bench_hostile.py --kit /tmp/kit --keep --json out.json -- --time-limit 20

Each case runs ``python -m cxzy_nlp check CASE_FOLDER --format jsonl --no-cache`` (``--cache`` with
``--with-cache``; plus any arguments after ``--``) in its own process group, killed after ``--timeout`` seconds. Printed per hostile
file: the record code expected once issue 19 is done and the one got (``missing`` when the file
got no record, ``hang`` when the run was killed), the run's seconds, its peak memory (the largest
resident set of the run and its workers, from ``os.wait4``), whether stderr held a traceback and
whether raw control characters reached stdout or stderr, and whether stdout was valid UTF-8. A row is as
expected when the code matches, the run exited 0 or 1 (an unreadable file is a record, not a failed
run) and none of those three showed. A last run checks the whole kit at once.
A benchmark reports; the tests assert.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))


@dataclass
class Run:
    seconds: float
    peak_mib: float
    exit_code: int | None  # None when killed at the timeout
    records: list[dict]
    traceback: bool
    raw_control: bool
    bad_utf8: bool  # stdout is not valid UTF-8
    stderr_tail: str


@dataclass
class Row:
    case: str
    file: str
    expected: str
    got: str
    seconds: float
    peak_mib: float
    exit_code: int | None
    traceback: bool
    raw_control: bool
    bad_utf8: bool

    @property
    def ok(self) -> bool:
        return (
            self.expected == self.got
            and self.exit_code in (0, 1)  # an unreadable file is a record, not a failed run (issue 19)
            and not (self.traceback or self.raw_control or self.bad_utf8)
        )


def _spawn_and_wait(cmd: list[str], env: dict[str, str], timeout: float, out: str, err: str) -> dict[str, object]:
    """Run ``cmd`` in its own session with stdout/stderr to files; kill the session at the timeout.

    Returns the exit code (None when killed) and the peak resident set of the run and its workers,
    from ``os.wait4``. Runs inside the launcher (see :func:`launcher`).
    """
    started = time.perf_counter()
    with open(out, "wb") as fo, open(err, "wb") as fe:
        proc = subprocess.Popen(cmd, stdout=fo, stderr=fe, env=env, start_new_session=True)
    exit_code: int | None = None
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            exit_code = os.waitstatus_to_exitcode(status)
            break
        if time.perf_counter() - started > timeout:
            os.killpg(proc.pid, signal.SIGKILL)
            _, _, usage = os.wait4(proc.pid, 0)
            break
        time.sleep(0.02)
    proc.returncode = exit_code if exit_code is not None else -9  # reaped here, not by Popen
    try:
        os.killpg(proc.pid, signal.SIGKILL)  # workers left behind by a dead parent
    except ProcessLookupError:
        pass
    return {"exit": exit_code, "peak_kib": usage.ru_maxrss, "seconds": time.perf_counter() - started}


def launcher() -> int:
    """Spawn runs on request (one JSON line in, one out). A process's peak memory counts the memory of the
    process it was forked from, so runs are started from this small process, not from the benchmark
    that holds the generated kit."""
    for line in sys.stdin:
        job = json.loads(line)
        result = _spawn_and_wait(job["cmd"], job["env"], job["timeout"], job["out"], job["err"])
        print(json.dumps(result), flush=True)
    return 0


class Launcher:
    def __init__(self) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, __file__, "--launcher"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
        )
        self.tmp = Path(tempfile.mkdtemp(prefix="cxzy-bench-out-"))

    def run(self, cmd: list[str], env: dict[str, str], timeout: float) -> tuple[dict[str, object], bytes, bytes]:
        out, err = self.tmp / "out", self.tmp / "err"
        job = {"cmd": cmd, "env": env, "timeout": timeout, "out": str(out), "err": str(err)}
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.proc.stdin.write(json.dumps(job) + "\n")
        self.proc.stdin.flush()
        result = json.loads(self.proc.stdout.readline())
        return result, out.read_bytes(), err.read_bytes()

    def close(self) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.close()
        self.proc.wait()
        shutil.rmtree(self.tmp, ignore_errors=True)


def run_check(spawner: Launcher, target: Path, timeout: float, extra: list[str], cache: Path | None = None) -> Run:
    """One ``cxzy check`` run in its own session; killed (with its workers) at the timeout."""
    caching = ["--cache", str(cache)] if cache is not None else ["--no-cache"]
    cmd = [sys.executable, "-m", "cxzy_nlp", "check", str(target), "--format", "jsonl", *caching, *extra]
    env = {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    result, out, err = spawner.run([os.fsdecode(c) for c in cmd], env, timeout)
    records = []
    for line in out.splitlines():
        try:
            records.append(json.loads(line.decode("utf-8", "surrogateescape")))
        except ValueError:
            continue
    try:
        out.decode("utf-8")
        bad_utf8 = False
    except UnicodeDecodeError:
        bad_utf8 = True
    controls = {bytes([c]) for c in (*range(0, 9), *range(11, 32), 127)}
    exit_code = result["exit"]
    return Run(
        seconds=round(float(result["seconds"]), 2),  # type: ignore[arg-type]
        peak_mib=round(float(result["peak_kib"]) / 1024, 1),  # type: ignore[arg-type]
        exit_code=exit_code if isinstance(exit_code, int) else None,
        records=records,
        traceback=b"Traceback (most recent call last)" in err,
        raw_control=any(c in out or c in err for c in controls),
        bad_utf8=bad_utf8,
        stderr_tail=err.decode("utf-8", "replace")[-600:],
    )


def record_code(record: dict) -> str:
    """The code a record carries: its first error, a skip, else ok (or no-documents)."""
    errors = record.get("errors") or []
    if errors:
        return str(errors[0].get("code", "?"))
    for key in ("skipped", "status"):
        if record.get(key):
            return "skipped" if record[key] is True else str(record[key])
    return "ok" if record.get("documents") else "no-documents"


def match_records(files: tuple[Path, ...], records: list[dict]) -> dict[Path, dict]:
    """Each file's record: by path bytes (names need not be UTF-8), then by elimination."""
    out: dict[Path, dict] = {}
    left = list(records)
    for f in files:
        for r in left:
            path = str((r.get("source") or {}).get("path", ""))
            try:
                same = os.fsencode(path) == os.fsencode(str(f)) or Path(path).name == f.name
            except (UnicodeError, ValueError):
                same = False
            if same:
                out[f] = r
                left.remove(r)
                break
    unmatched = [f for f in files if f not in out]
    if len(unmatched) == 1 and len(left) == 1:
        out[unmatched[0]] = left[0]
    return out


def _pad(text: str, width: int) -> str:
    """``text`` cut and padded to ``width`` terminal columns (CJK characters take two)."""
    import unicodedata

    out, used = [], 0
    for ch in text:
        w = 2 if unicodedata.east_asian_width(ch) in "WF" else 1
        if used + w > width:
            break
        out.append(ch)
        used += w
    return "".join(out) + " " * (width - used)


def shown(name: str) -> str:
    """A file name fit to print: undecodable bytes and control characters escaped."""
    text = os.fsencode(name).decode("utf-8", "backslashreplace")
    return "".join(ch if ch.isprintable() else ascii(ch)[1:-1] for ch in text)


def main() -> int:
    argv = sys.argv[1:]
    if argv == ["--launcher"]:
        return launcher()
    spawner = Launcher()  # started while this process is small
    extra: list[str] = []
    if "--" in argv:
        extra = argv[argv.index("--") + 1 :]
        argv = argv[: argv.index("--")]
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--kit", type=Path, help="folder to generate the kit in (default: a temporary folder)")
    parser.add_argument("--keep", action="store_true", help="keep the generated kit")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--case", action="append", help="run only these cases (repeatable)")
    parser.add_argument("--timeout", type=float, default=150.0, help="seconds per case before the run is killed")
    parser.add_argument("--no-whole", action="store_true", help="skip the run over the whole kit")
    parser.add_argument("--json", type=Path, help="also write the rows as JSON")
    parser.add_argument(
        "--with-cache",
        action="store_true",
        help="run with a result cache (hashed in the main process) in the kit folder",
    )
    args = parser.parse_args(argv)

    from hostile_kit import expected_code, generate_kit

    made = args.kit is None
    if args.kit is None:
        args.kit = Path(tempfile.mkdtemp(prefix="cxzy-hostile-"))
    args.kit.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    cases = generate_kit(args.kit, args.seed, tuple(args.case) if args.case else None)
    print(f"kit: {len(cases)} cases in {args.kit} (generated in {time.perf_counter() - t0:.1f} s)", file=sys.stderr)

    rows: list[Row] = []
    header = f"{'case':22} {'file':24} {'expected':17} {'got':17} {'s':>7} {'MiB':>7} {'exit':>4} tb  ctl utf8"
    print(header)
    print("-" * len(header))
    for case in cases:
        cache = args.kit / ".bench-cache.sqlite" if args.with_cache else None
        run = run_check(spawner, case.folder, args.timeout, extra, cache)
        matched = match_records(case.files, run.records)
        for f in case.files:
            got = "hang" if run.exit_code is None else record_code(matched[f]) if f in matched else "missing"
            row = Row(
                case.name,
                shown(f.name),
                expected_code(case, f),
                got,
                run.seconds,
                run.peak_mib,
                run.exit_code,
                run.traceback,
                run.raw_control,
                run.bad_utf8,
            )
            rows.append(row)
            mark = "" if row.ok else "  ✗"
            print(
                f"{row.case:22} {_pad(row.file, 24)} {row.expected:17} {row.got:17} {row.seconds:7.2f} "
                f"{row.peak_mib:7.1f} {row.exit_code!s:>4} {'yes' if row.traceback else 'no ':3} "
                f"{'yes' if row.raw_control else 'no ':3} {'bad' if row.bad_utf8 else 'ok '}{mark}",
                flush=True,
            )
            if run.traceback and f == case.files[0]:
                print("    " + run.stderr_tail.strip().splitlines()[-1][:150], flush=True)
    good = sum(r.ok for r in rows)
    print(f"\n{good}/{len(rows)} files as expected (code, exit 0 or 1, no traceback, raw control or bad UTF-8)")
    whole: dict[str, object] | None = None
    if not args.no_whole:
        files = [f for case in cases for f in case.files]
        run = run_check(spawner, args.kit, args.timeout * 2, extra)
        whole = {
            "files": len(files),
            "records": len(run.records),
            "matched": len(match_records(tuple(files), run.records)),
            "seconds": run.seconds,
            "peak_mib": run.peak_mib,
            "exit": run.exit_code,
            "traceback": run.traceback,
        }
        print(f"whole kit: {json.dumps(whole, ensure_ascii=False)}")
    if args.json:
        args.json.write_text(
            json.dumps({"rows": [asdict(r) for r in rows], "whole": whole}, ensure_ascii=False, indent=1),
            encoding="utf-8",
        )
    spawner.close()
    if made and not args.keep:
        shutil.rmtree(args.kit, ignore_errors=True)
    elif made:
        print(f"kit kept in {args.kit}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
