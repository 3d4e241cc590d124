"""The workbench in a real browser: Playwright driving Debian's Chromium against `cxzy serve` on 127.0.0.1.

Nothing may leave 127.0.0.1: the browser aborts (and records) any other URL, and the server under test runs
under an audit hook that refuses (and records) every non-loopback connection; each guard has a control.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import textwrap
import time
import urllib.request
import zipfile
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest
from conftest import ROOT

pytestmark = pytest.mark.browser

EXAMPLES = ROOT / "examples"

# The server under test: an audit hook refusing non-loopback connections, a control that it fires, then uvicorn.
LAUNCHER = textwrap.dedent(
    """
    import ipaddress, json, socket, sys
    from pathlib import Path

    log_path, port, work = sys.argv[1], int(sys.argv[2]), Path(sys.argv[3])

    def loopback(host):
        if host is None or host in ("localhost", ""):
            return True
        try:
            return ipaddress.ip_address(str(host).strip("[]").split("%")[0]).is_loopback
        except ValueError:
            return False

    def refuse(event, target):
        with open(log_path, "a", encoding="utf-8") as fh:
            fh.write(json.dumps({"event": event, "target": str(target)}) + "\\n")
        raise PermissionError(f"outgoing connection refused by the test's audit hook: {target}")

    def hook(event, args):
        if event in ("socket.connect", "socket.sendto", "socket.sendmsg") and len(args) > 1:
            address = args[-1]
            if isinstance(address, tuple) and not loopback(address[0]):
                refuse(event, address)
        elif event == "socket.getaddrinfo" and not loopback(args[0] if args else None):
            refuse(event, args[0])

    sys.addaudithook(hook)

    # control: the hook fires on an outgoing connection (TEST-NET address, never routed)
    try:
        socket.create_connection(("192.0.2.1", 80), timeout=1)
    except PermissionError:
        print("AUDIT-HOOK-REFUSED-CONTROL", flush=True)
    Path(log_path).write_text("", encoding="utf-8")  # the control's record is not a failure

    from cxzy_nlp.serve import Settings, serve
    serve(Settings(port=port, work_dir=work / "work", baseline=work / "cxzy-baseline.json", reviewer="测试审阅人"))
    """
)

XSS_NAME = '"><img src=x onerror=alert(2)>.txt'
XSS_PLAN = """关于<script>alert(1)</script>的实施方案

一、工作目标<script>alert(3)</script>
提升服务水平"><img src=x onerror=alert(4)>，争取更好。

二、实施步骤
1.准备阶段。
"""


def _chromium() -> str:
    found = shutil.which("chromium")
    if not found:
        pytest.skip("Chromium is not installed (.ci/run installs Debian's chromium)")
    return found


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path, Path]]:
    """A fresh `cxzy serve` under the audit hook for each test; yields (base URL, audit log, work folder)."""
    tmp = tmp_path_factory.mktemp("served")
    launcher = tmp / "launch.py"
    launcher.write_text(LAUNCHER, encoding="utf-8")
    log = tmp / "audit.log"
    port = _free_port()
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    proc = subprocess.Popen(
        [sys.executable, str(launcher), str(log), str(port), str(tmp)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        assert proc.stdout is not None
        first = proc.stdout.readline()
        assert "AUDIT-HOOK-REFUSED-CONTROL" in first, f"the audit hook did not fire on its control: {first!r}"
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(base + "/", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                if time.monotonic() > deadline or proc.poll() is not None:
                    raise
                time.sleep(0.2)
        yield base, log, tmp
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    sync_api = pytest.importorskip("playwright.sync_api")
    executable = _chromium()
    with sync_api.sync_playwright() as p:
        args = ["--no-sandbox"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []
        b = p.chromium.launch(executable_path=executable, args=[*args, "--disable-background-networking"])
        yield b
        b.close()


class Watch:
    """A browser context that aborts every request not to 127.0.0.1, and records page errors and dialogs."""

    def __init__(self, browser: object) -> None:
        self.blocked: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.context = browser.new_context(accept_downloads=True, locale="zh-CN")  # type: ignore[attr-defined]
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("dialog", self._dialog)

    def _route(self, route: object) -> None:
        url = route.request.url  # type: ignore[attr-defined]
        if urlparse(url).hostname == "127.0.0.1":
            route.continue_()  # type: ignore[attr-defined]
        else:
            self.blocked.append(url)
            route.abort()  # type: ignore[attr-defined]

    def _dialog(self, dialog: object) -> None:
        self.dialogs.append(dialog.message)  # type: ignore[attr-defined]
        dialog.dismiss()  # type: ignore[attr-defined]


def _audit_records(log: Path) -> list[dict[str, str]]:
    text = log.read_text(encoding="utf-8") if log.exists() else ""
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def test_browser_refuses_other_hosts_control(browser: object, server: tuple[str, Path, Path]) -> None:
    watch = Watch(browser)
    with pytest.raises(Exception, match=r"ERR_FAILED|ERR_ABORTED|net::"):
        watch.page.goto("http://192.0.2.1/")
    assert watch.blocked == ["http://192.0.2.1/"]
    watch.context.close()


def test_reviewer_session(browser: object, server: tuple[str, Path, Path], artifacts: Path, tmp_path: Path) -> None:
    from playwright.sync_api import expect

    base, log, work = server
    watch = Watch(browser)
    page = watch.page

    # upload the examples folder (with its manifest) by the folder picker; each file gets its own progress row
    page.goto(base + "/upload")
    page.set_input_files("#pick-folder", str(EXAMPLES))
    rows = page.locator("#progress tbody tr")
    expect(rows).to_have_count(len(list(EXAMPLES.iterdir())))
    expect(page.locator("#upload-done")).to_be_visible(timeout=180_000)
    assert page.locator("#progress tr[data-state=failed]").count() == 0, page.inner_text("#progress")
    assert page.locator("#progress a.checked").count() == 6
    page.screenshot(path=str(artifacts / "serve-upload.png"), full_page=True)

    # the board: departments × documents, counts by severity
    page.goto(base + "/")
    expect(page.locator("tr.doc-row")).to_have_count(6)
    for dept in ("青溪县教育局", "青溪县卫生健康局", "青溪县市场监督管理局"):
        expect(page.locator("td.dept", has_text=dept).first).to_be_visible()
    page.screenshot(path=str(artifacts / "serve-board.png"), full_page=True)

    # open a document, dismiss its first finding with a reason
    page.locator("a.doc-link", has_text="食品安全专项整治实施方案").click()
    expect(page.locator("h1")).to_contain_text("食品安全专项整治实施方案")
    first = page.locator("li.finding").first
    identity = first.get_attribute("data-identity")
    assert identity
    total = page.locator("li.finding").count()
    first.locator("input.reason").fill("本单位已另行说明")
    first.locator("button.dismiss").click()
    item = page.locator(f'li.finding[data-identity="{identity}"]')
    expect(item).to_have_class(re.compile("decided-dismissed"))
    expect(item).to_contain_text("本单位已另行说明")
    page.screenshot(path=str(artifacts / "serve-document.png"), full_page=True)
    if os.environ.get("CXZY_UPDATE_DOCS"):  # the README's picture, regenerated on purpose
        page.screenshot(path=str(ROOT / "docs" / "serve.png"))

    # a re-check keeps the decision (read back from the baseline file)
    with page.expect_navigation(timeout=180_000):  # htmx follows the server's HX-Redirect once the re-check is done
        page.locator("#recheck").click()
    expect(page.locator(f'li.finding[data-identity="{identity}"]')).to_have_class(re.compile("decided-dismissed"))
    expect(page.locator("li.finding")).to_have_count(total)
    saved = json.loads((work / "cxzy-baseline.json").read_text(encoding="utf-8"))["findings"]
    assert [(e["identity"], e["decision"], e["reviewer"]) for e in saved] == [(identity, "dismissed", "测试审阅人")]

    # the annotated copy downloads and opens as a Word file, without the dismissed finding
    with page.expect_download(timeout=120_000) as info:
        page.locator("#download-annotated").click()
    target = tmp_path / info.value.suggested_filename
    info.value.save_as(target)
    assert target.name.endswith(".审阅.docx")
    from docx import Document as open_docx

    open_docx(str(target))  # opens
    with zipfile.ZipFile(target) as zf:
        comments = re.findall(r"<w:comment ", zf.read("word/comments.xml").decode("utf-8"))
    assert 1 <= len(comments) <= total  # one summary comment + the findings not dismissed

    # the board counts the dismissed finding
    page.goto(base + "/")
    expect(page.locator(".card", has_text="已驳回").locator("b")).to_have_text("1")

    assert watch.blocked == [], watch.blocked
    assert watch.errors == [], watch.errors
    assert _audit_records(log) == [], "the server tried to connect outside 127.0.0.1"
    watch.context.close()


def test_xss_plan_is_shown_as_text(
    browser: object, server: tuple[str, Path, Path], artifacts: Path, tmp_path: Path
) -> None:
    from playwright.sync_api import expect

    base, log, _ = server
    watch = Watch(browser)
    page = watch.page
    plan = tmp_path / XSS_NAME
    plan.write_text(XSS_PLAN, encoding="utf-8")
    page.goto(base + "/upload")
    page.set_input_files("#pick-files", str(plan))
    expect(page.locator("#progress a.checked")).to_have_count(1, timeout=120_000)
    page.locator("#progress a.checked").click()
    expect(page.locator("h1")).to_contain_text("<img src=x onerror=alert(2)>")
    text = page.inner_text(".plan-text")
    assert "<script>alert(1)</script>" in text and "<img src=x onerror=alert(4)>" in text  # shown, as text
    assert page.locator("main img").count() == 0 and page.locator("main script").count() == 0
    page.goto(base + "/")
    expect(page.locator("a.doc-link", has_text="onerror=alert(2)")).to_be_visible()
    assert page.locator("main img").count() == 0
    page.screenshot(path=str(artifacts / "serve-xss.png"), full_page=True)
    assert watch.dialogs == [], "a script from the document ran"
    assert watch.errors == [] and watch.blocked == []
    assert _audit_records(log) == []
    watch.context.close()


def test_audit_hook_refuses_in_the_server_process_control(tmp_path: Path) -> None:
    """The same hook as the server's, in a fresh process: an outgoing urlopen is refused and recorded."""
    head = LAUNCHER.split("# control:")[0]
    script = head + textwrap.dedent(
        """
        import urllib.request
        try:
            urllib.request.urlopen("http://192.0.2.1/", timeout=1)
            print("CONNECTED")
        except PermissionError:
            print("REFUSED")
        except OSError as exc:
            print("REFUSED" if isinstance(exc.__context__ or exc, PermissionError) or "refused by the test" in str(exc) else f"OTHER {exc!r}")
        """
    )
    (tmp_path / "probe.py").write_text(script, encoding="utf-8")
    log = tmp_path / "audit.log"
    proc = subprocess.run(
        [sys.executable, str(tmp_path / "probe.py"), str(log), "0", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.stdout.strip() == "REFUSED", proc.stdout + proc.stderr
    assert _audit_records(log) and _audit_records(log)[0]["target"].startswith(("('192.0.2.1'", "192.0.2.1"))


def test_drop_a_zip_on_the_upload_page(browser: object, server: tuple[str, Path, Path], tmp_path: Path) -> None:
    """A .zip dropped on the drop zone (a drop event carrying the file) is unpacked and each member checked."""
    import base64
    import io

    from playwright.sync_api import expect

    base, log, _ = server
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for dept in ("丙局", "丁局"):
            zf.writestr(f"{dept}/{dept}读书活动方案.txt", f"{dept}读书活动方案\n一、活动目标\n到年底开展3次读书会。\n")
    watch = Watch(browser)
    page = watch.page
    page.goto(base + "/upload")
    data = page.evaluate_handle(
        """(b64) => {
            const bytes = Uint8Array.from(atob(b64), c => c.charCodeAt(0));
            const dt = new DataTransfer();
            dt.items.add(new File([bytes], "收文包.zip", {type: "application/zip"}));
            return dt;
        }""",
        base64.b64encode(buf.getvalue()).decode(),
    )
    page.dispatch_event("#drop", "drop", {"dataTransfer": data})
    expect(page.locator("#progress a.checked")).to_have_count(2, timeout=120_000)
    page.goto(base + "/")
    for dept in ("丙局", "丁局"):
        expect(page.locator("tr.doc-row", has_text=f"{dept}读书活动方案")).to_contain_text(dept)
    assert watch.errors == [] and watch.blocked == []
    assert _audit_records(log) == []
    watch.context.close()
