"""Windows-only tests: they run on the Windows Python under Wine (packaging/windows/build_windows.py
--tests) or on a real Windows PC, against the program built into dist/windows/quanze.

On Linux every test here is skipped with the reason; the same behaviour on Linux is covered
by tests/app and tests/packaging.
"""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BUILT = ROOT / "dist" / "windows" / "quanze"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    if sys.platform == "win32":
        return
    skip = pytest.mark.skip(reason="Windows 专用测试：用 packaging/windows/build_windows.py --tests 在 Wine 中运行")
    for item in items:
        if "tests/windows" in item.nodeid.replace("\\", "/"):
            item.add_marker(skip)


@pytest.fixture(scope="session")
def built() -> Path:
    if not (BUILT / "quanze-cli.exe").is_file():
        pytest.fail(f"没有构建好的 Windows 程序：{BUILT}（先运行 packaging/windows/build_windows.py）")
    return BUILT


@pytest.fixture(scope="session")
def program(built: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the built folder under a path with Chinese characters and spaces, as a clerk
    unpacking the zip to D:\\县 政府\\权责 清单 would have it."""
    # 㐀 (CJK extension A, used in some place and person names) is outside GBK, the ANSI code
    # page of Chinese Windows: programs that pass paths through ANSI calls fail on it.
    target = tmp_path_factory.mktemp("win") / "县 政府 文件" / "权责 清单 㐀" / "quanze"
    # shutil.copy2 calls CopyFile2 on Windows, which Wine 8 does not implement; the program itself
    # never copies with copy2.
    shutil.copytree(built, target, copy_function=shutil.copy)
    return target / "quanze-cli.exe"


def program_env(**extra: str) -> dict[str, str]:
    """The clerk's environment: no test data folder override."""
    env = {k: v for k, v in os.environ.items() if k != "QUANZE_DATA_DIR"}
    return {**env, **extra}


def run(program: Path, *args: str, env: dict[str, str] | None = None,
        cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(program), *args], env=env or program_env(), cwd=cwd,
                          capture_output=True, text=True, encoding="utf-8", errors="replace",
                          stdin=subprocess.DEVNULL, timeout=180, check=False)


@pytest.fixture
def user_data_folder() -> Iterator[Path]:
    """%LOCALAPPDATA%\\Quanze, put back as it was after the test."""
    folder = Path(os.environ["LOCALAPPDATA"]) / "Quanze"
    saved = folder.with_name("Quanze.before-test")
    if folder.exists():
        shutil.rmtree(saved, ignore_errors=True)
        folder.rename(saved)
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)
        if saved.exists():
            saved.rename(folder)


def _checksum(data: bytes) -> int:
    padded = data + b"\0" * (-len(data) % 4)
    return sum(struct.unpack(f">{len(padded) // 4}I", padded)) & 0xFFFFFFFF


def _name_table(family: str, postscript: str) -> bytes:
    records = [(1, family), (2, "Regular"), (4, family), (6, postscript), (16, family)]
    strings = b""
    entries = b""
    for language in (0x0409, 0x0804):
        for name_id, text in records:
            raw = text.encode("utf-16-be")
            entries += struct.pack(">6H", 3, 1, language, name_id, len(raw), len(strings))
            strings += raw
    count = len(entries) // 12
    return struct.pack(">3H", 0, count, 6 + len(entries)) + entries + strings


def renamed_font(source: Path, family: str, postscript: str) -> bytes:
    """Face 0 of a TrueType file or collection as a .ttf whose family is `family`: the official
    fonts cannot be shipped, so a copy of the bundled font stands in for them by name."""
    data = source.read_bytes()
    offset = struct.unpack_from(">I", data, 12)[0] if data[:4] == b"ttcf" else 0
    version, count = struct.unpack_from(">IH", data, offset)
    tables: dict[bytes, bytes] = {}
    for n in range(count):
        tag, _, start, length = struct.unpack_from(">4sIII", data, offset + 12 + 16 * n)
        tables[tag] = data[start:start + length]
    tables[b"name"] = _name_table(family, postscript)
    tags = sorted(tables)
    header_size = 12 + 16 * len(tags)
    directory = b""
    body = b""
    for tag in tags:
        table = tables[tag]
        directory += struct.pack(">4sIII", tag, _checksum(table), header_size + len(body), len(table))
        body += table + b"\0" * (-len(table) % 4)
    search = 1 << (len(tags).bit_length() - 1)
    header = struct.pack(">IHHHH", version, len(tags), search * 16, search.bit_length() - 1,
                         len(tags) * 16 - search * 16)
    return header + directory + body
