"""Zip archives of submissions: members one by one, names, limits, and the same records as the folder."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from cxzy_nlp.config import Config
from cxzy_nlp.errors import CxzyError, ReadError
from cxzy_nlp.read import archive, read_bytes, read_path
from cxzy_nlp.read.archive import ArchiveMember, iter_archive

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
PLAN = "一、工作目标\n全面提升服务水平。\n".encode()


def make_zip(members: dict[str, bytes], *, gbk_names: bool = False) -> bytes:
    """A zip; with ``gbk_names`` the names are stored as GBK bytes without the UTF-8 flag (as Windows archivers do)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0)), data, zipfile.ZIP_DEFLATED)
    raw = out.getvalue()
    if gbk_names:
        raw = raw_names(members, {n: n.encode("gbk") for n in members}, raw_zip=None)
    return raw


def raw_names(members: dict[str, bytes], stored: dict[str, bytes], raw_zip: bytes | None = None) -> bytes:
    """A zip whose names are the given bytes, unflagged: written under ASCII stand-ins of the same length, then swapped."""
    out = io.BytesIO()
    stand_ins = {}
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for i, (name, data) in enumerate(members.items()):
            target = stored[name]
            stand_in = f"~{i:03d}".encode().ljust(len(target), b"_")
            assert len(stand_in) == len(target)
            stand_ins[stand_in] = target
            zf.writestr(zipfile.ZipInfo(stand_in.decode(), date_time=(2024, 1, 1, 0, 0, 0)), data, zipfile.ZIP_DEFLATED)
    raw = out.getvalue()
    for stand_in, target in stand_ins.items():
        assert raw.count(stand_in) == 2  # local header and central directory
        raw = raw.replace(stand_in, target)
    return raw


def names(members: list[ArchiveMember]) -> list[str]:
    return [m.name for m in members]


def test_members_are_read_one_by_one_sorted_with_folders_as_departments():
    data = make_zip({"教育局/方案.txt": PLAN, "卫健局/计划.txt": PLAN, "说明.txt": PLAN, "图片.exe": b"MZ"})
    members = list(iter_archive(data))
    assert names(members) == ["卫健局/计划.txt", "教育局/方案.txt", "说明.txt"]  # .exe is not a submission
    assert [m.department for m in members] == ["卫健局", "教育局", None]
    assert all(m.data == PLAN and m.error is None for m in members)
    assert members[1].record_path("/in/报送.zip") == "/in/报送.zip!教育局/方案.txt"


def test_gbk_member_names_are_decoded():
    data = make_zip({"教育局/读书月活动方案.txt": PLAN}, gbk_names=True)
    info = zipfile.ZipFile(io.BytesIO(data)).infolist()[0]
    assert not info.flag_bits & 0x800 and info.filename != "教育局/读书月活动方案.txt"  # control: stored as GBK bytes
    assert names(list(iter_archive(data))) == ["教育局/读书月活动方案.txt"]


def test_utf8_names_without_the_flag_are_decoded():
    data = raw_names({"方案.txt": PLAN}, {"方案.txt": "方案.txt".encode()})
    assert names(list(iter_archive(data))) == ["方案.txt"]


@pytest.mark.parametrize("evil", ["../escape.txt", "/etc/passwd.txt", "a/../../up.txt", "C:/win.txt", "..\\back.txt"])
def test_paths_outside_the_archive_are_refused_as_their_own_record(evil):
    data = make_zip({evil: PLAN, "ok.txt": PLAN})
    members = {m.name: m for m in iter_archive(data)}
    bad = [m for m in members.values() if m.error is not None]
    assert len(bad) == 1 and bad[0].error.code == "unsafe-path" and bad[0].data is None
    assert members["ok.txt"].data == PLAN


def test_a_member_bomb_is_an_error_record_and_the_rest_is_read():
    config = Config(zip_ratio_floor_bytes=1024, max_zip_ratio=50)
    data = make_zip({"bomb.txt": b"0" * 5_000_000, "ok.txt": PLAN})
    members = {m.name: m for m in iter_archive(data, config)}
    assert members["bomb.txt"].error is not None and members["bomb.txt"].error.code == "zip-bomb"
    assert members["ok.txt"].data == PLAN
    # control: allowed a higher ratio, the same member is read
    lenient = Config(zip_ratio_floor_bytes=1024, max_zip_ratio=100_000)
    assert next(m for m in iter_archive(data, lenient) if m.name == "bomb.txt").data == b"0" * 5_000_000


def test_declared_total_over_the_limit_refuses_the_archive():
    data = make_zip({"a.txt": b"0" * 300_000, "b.txt": b"1" * 300_000})
    with pytest.raises(ReadError) as info:
        list(iter_archive(data, Config(max_inflated_bytes=500_000)))
    assert info.value.code == "zip-bomb"
    assert len(list(iter_archive(data, Config(max_inflated_bytes=700_000)))) == 2  # control


def test_too_many_members(monkeypatch):
    data = make_zip({f"{i}.txt": PLAN for i in range(6)})
    monkeypatch.setattr(archive, "MAX_MEMBERS", 5)
    with pytest.raises(ReadError) as info:
        list(iter_archive(data))
    assert info.value.code == "archive-too-many-members"
    monkeypatch.setattr(archive, "MAX_MEMBERS", 6)
    assert len(list(iter_archive(data))) == 6  # control


def test_nested_archives_are_folders_up_to_the_depth_limit():
    inner = make_zip({"科室/方案.txt": PLAN})
    middle = make_zip({"inner.zip": inner})
    members = list(iter_archive(make_zip({"mid.zip": middle, "top.txt": PLAN})))
    assert names(members) == ["mid.zip!inner.zip!科室/方案.txt", "top.txt"]
    too_deep = make_zip({"l1.zip": make_zip({"l2.zip": make_zip({"l3.zip": inner})})})
    deep = list(iter_archive(too_deep))
    assert [(m.name, m.error.code if m.error else None) for m in deep] == [("l1.zip!l2.zip!l3.zip", "archive-too-deep")]


def test_encrypted_members_are_error_records():
    data = bytearray(make_zip({"secret.txt": PLAN}))
    for sig in (b"PK\x03\x04", b"PK\x01\x02"):  # set the encryption bit in both headers
        at = data.find(sig)
        offset = 6 if sig == b"PK\x03\x04" else 8
        data[at + offset] |= 0x1
    (member,) = list(iter_archive(bytes(data)))
    assert member.error is not None and member.error.code == "encrypted"


def test_junk_of_archivers_is_skipped():
    data = make_zip({"__MACOSX/._a.txt": b"x", "a.txt": PLAN, "Thumbs.db": b"x", "b/.DS_Store": b"x"})
    assert names(list(iter_archive(data))) == ["a.txt"]


@pytest.mark.parametrize(
    ("damage", "code"),
    [
        (lambda d: d[: len(d) // 2], "truncated"),
        (lambda d: b"PK\x03\x04" + b"\x00" * 40, "truncated"),
        (lambda d: b"PK\x05\x06" + b"\xff" * 18, "corrupt"),
    ],
)
def test_a_broken_archive_raises_with_a_code(damage, code):
    data = damage(make_zip({"a.txt": PLAN * 200}))
    with pytest.raises(CxzyError) as info:
        list(iter_archive(data))
    assert info.value.code == code


def test_member_errors_never_escape_as_other_exceptions():
    data = bytearray(make_zip({"a.txt": PLAN * 500, "b.txt": PLAN}))
    at = data.find(b"PK\x03\x04") + 30 + len("a.txt") + 5
    data[at : at + 20] = b"\xff" * 20  # corrupt the deflate stream of a.txt
    members = {m.name: m for m in iter_archive(bytes(data))}
    assert members["a.txt"].error is not None and members["a.txt"].error.code == "corrupt"
    assert members["b.txt"].data == PLAN


def test_a_zip_of_the_examples_gives_the_same_records_as_the_folder():
    files = sorted(p for p in EXAMPLES.iterdir() if p.suffix in (".docx", ".doc", ".pdf", ".txt"))
    if not files:
        pytest.skip("examples/ has no plans")
    data = make_zip({f"青溪县/{p.name}": p.read_bytes() for p in files})
    members = list(iter_archive(data))
    assert [m.name for m in members] == sorted(f"青溪县/{p.name}" for p in files)
    for member, path in zip(members, sorted(files, key=lambda p: p.name), strict=True):
        assert member.data is not None and member.department == "青溪县"
        from_zip = read_bytes(member.data, member.record_path("examples.zip"))
        from_folder = read_path(path)
        assert from_zip.blocks == from_folder.blocks
        assert from_zip.source.sha256 == from_folder.source.sha256
        assert from_zip.source.format == from_folder.source.format


@pytest.mark.realdocs
def test_a_real_wps_file_reads_the_same_inside_a_gbk_named_zip():
    path = ROOT.parent / "shared" / "realdocs2" / "rd091.wps"
    if not path.is_file():
        pytest.skip("../shared/realdocs2 is not present on this machine")
    data = make_zip({"信息中心/工作计划.wps": path.read_bytes()}, gbk_names=True)
    (member,) = list(iter_archive(data))
    assert member.name == "信息中心/工作计划.wps" and member.department == "信息中心"
    from_zip = read_bytes(member.data, member.record_path("报送材料.zip"))
    assert from_zip.source.format == "wps"
    assert from_zip.blocks == read_path(path).blocks
    reference = (path.parent / "rd091.txt").read_text(encoding="utf-8")
    from collections import Counter

    got, want = Counter("".join(b.text for b in from_zip.blocks)), Counter("".join(reference.split()))
    assert sum(min(n, got[ch]) for ch, n in want.items()) / sum(want.values()) >= 0.97


def test_an_archive_over_the_size_limit_is_refused(tmp_path):
    data = make_zip({"a.txt": PLAN})
    with pytest.raises(ReadError) as info:
        list(iter_archive(data, Config(max_file_bytes=len(data) - 1)))
    assert info.value.code == "too-large"
    path = tmp_path / "报送.zip"
    path.write_bytes(data)
    assert [m.name for m in iter_archive(path)] == ["a.txt"]  # control, and read from a path


def test_junk_archives_raise_cxzy_errors_only():
    import random

    rng = random.Random(11)
    base = make_zip({"教育局/a.txt": PLAN * 30, "b.zip": make_zip({"c.txt": PLAN})})
    for _ in range(60):
        data = bytearray(base)
        for _ in range(rng.randrange(1, 12)):
            data[rng.randrange(len(data))] = rng.randrange(256)
        try:
            for member in iter_archive(bytes(data)):
                assert member.data is not None or isinstance(member.error, CxzyError)
        except CxzyError:
            pass
