"""`cxzy serve` start-up and checking time, beside `cxzy --help`.

* ``cxzy --help``: wall time of the command, median of ``--repeat`` runs;
* ``cxzy serve``: wall time from starting the command to the first page answered (GET / → 200),
  median of ``--repeat`` runs (each server stopped after);
* checking the examples through a fresh server: every file of ``examples/`` (with its manifest) in one
  ``POST /api/check``, first on a cold server, then the same request again (warm: the same files re-checked);
  and one request per file as the upload page sends them.

A benchmark reports figures; it asserts nothing.

    python benchmarks/bench_serve.py [--repeat 5] [--json]
"""

from __future__ import annotations

import argparse
import http.cookiejar
import json
import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
CXZY = [sys.executable, "-c", "from cxzy_nlp.cli import main; main()"]
# the command runs this checkout's code, whatever copy of the package is installed
ENV = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH", "")]))}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def help_seconds() -> float:
    start = time.perf_counter()
    subprocess.run([*CXZY, "--help"], env=ENV, capture_output=True, check=True)
    return time.perf_counter() - start


class Server:
    """A `cxzy serve` process on a free port, with a cookie-keeping client."""

    def __init__(self, work: Path) -> None:
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.started = time.perf_counter()
        self.proc = subprocess.Popen(
            [*CXZY, "serve", "--port", str(self.port), "--baseline", str(work / "cxzy-baseline.json")],
            env=ENV,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def first_page(self, timeout: float = 60) -> float:
        deadline = time.monotonic() + timeout
        while True:
            try:
                with self.opener.open(self.base + "/", timeout=2) as r:
                    if r.status == 200:
                        return time.perf_counter() - self.started
            except OSError:
                if time.monotonic() > deadline or self.proc.poll() is not None:
                    raise
                time.sleep(0.02)

    def csrf(self) -> str:
        return next(c.value for c in self.jar if c.name == "cxzy_csrf")

    def check(self, files: list[Path]) -> tuple[float, dict]:  # type: ignore[type-arg]
        boundary = uuid.uuid4().hex
        body = bytearray()
        for f in files:
            body += f"--{boundary}\r\n".encode()
            body += b'Content-Disposition: form-data; name="files"; filename="'
            body += f.name.encode("utf-8") + b'"\r\nContent-Type: application/octet-stream\r\n\r\n'
            body += f.read_bytes() + b"\r\n"
        body += f"--{boundary}--\r\n".encode()
        request = urllib.request.Request(
            self.base + "/api/check",
            data=bytes(body),
            headers={"Content-Type": f"multipart/form-data; boundary={boundary}", "X-CSRF-Token": self.csrf()},
        )
        start = time.perf_counter()
        with self.opener.open(request, timeout=600) as r:
            data = json.loads(r.read())
        return time.perf_counter() - start, data

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    import tempfile

    files = sorted(p for p in EXAMPLES.iterdir() if p.is_file())
    helps, firsts = [], []
    for _ in range(args.repeat):  # interleaved, so machine load moves both alike
        helps.append(help_seconds())
        with tempfile.TemporaryDirectory() as tmp:
            server = Server(Path(tmp))
            try:
                firsts.append(server.first_page())
            finally:
                server.stop()

    with tempfile.TemporaryDirectory() as tmp:
        server = Server(Path(tmp))
        try:
            server.first_page()
            cold, data = server.check(files)
            warm, _ = server.check(files)
            per_file = [server.check([f])[0] for f in files]
        finally:
            server.stop()
    documents = sum(len(r["documents"]) for r in data["records"])
    findings = sum(len(d["findings"]) for r in data["records"] for d in r["documents"])

    result = {
        "cxzy --help (s, median)": round(statistics.median(helps), 3),
        "cxzy serve → first page (s, median)": round(statistics.median(firsts), 3),
        "check examples, cold server (s)": round(cold, 3),
        "check examples, again (s)": round(warm, 3),
        "check examples, one request per file (s, total)": round(sum(per_file), 3),
        "files": len(data["records"]),
        "documents": documents,
        "findings": findings,
        "repeat": args.repeat,
        "load average": os.getloadavg()[0],
    }
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=1))
    else:
        width = max(len(k) for k in result)
        for k, v in result.items():
            print(f"{k:<{width}}  {v}")


if __name__ == "__main__":
    main()
