"""Builds the program with PyInstaller and reports what came out.

    python packaging/build.py               one folder: dist/quanze/
    python packaging/build.py --onefile     two single files: dist/onefile/
    python packaging/build.py --check       also runs the built program's --self-test

The folder can be zipped and copied to offline PCs as it is.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SPEC = HERE / "quanze.spec"
WINDOWS = sys.platform == "win32"
LINUX = sys.platform.startswith("linux")
EXE_SUFFIX = ".exe" if WINDOWS else ""
PORTABLE_NOTE = ("有这个文件时，程序把数据库、备份和日志保存在本文件夹的“数据”文件夹中（便携模式，适合 U 盘）。\n"
                 "删除这个文件，数据就保存在当前用户的数据文件夹中。\n")


@dataclass(frozen=True)
class BuildResult:
    folder: Path
    programs: tuple[Path, ...]
    seconds: float

    def cli(self) -> Path:
        return next(p for p in self.programs if p.stem == "quanze-cli")


def folder_size(folder: Path) -> tuple[int, int]:
    """(bytes, number of files); symbolic links count once, as PyInstaller makes them for Qt libraries."""
    total = count = 0
    for path in folder.rglob("*"):
        if path.is_file() and not path.is_symlink():
            total += path.stat().st_size
            count += 1
    return total, count


def glibc_needed(folder: Path) -> str:
    """Oldest glibc the Linux build runs on: the newest GLIBC_x.y symbol version any library asks for."""
    newest = (0, 0)
    pattern = re.compile(rb"GLIBC_2\.(\d+)")
    for path in folder.rglob("*"):
        if not path.is_file() or path.is_symlink():
            continue
        content = path.read_bytes()
        if content.startswith(b"\x7fELF"):
            for minor in pattern.findall(content):
                newest = max(newest, (2, int(minor)))
    return f"{newest[0]}.{newest[1]}"


def unresolved_plugin_libraries(folder: Path) -> dict[str, list[str]]:
    """System libraries the shipped Qt plugins need but this build machine lacks (so PyInstaller
    could not bundle them): without libxcb-icccm the program does not start on an X11 desktop."""
    if shutil.which("ldd") is None:
        return {}
    missing: dict[str, list[str]] = {}
    for plugin in sorted((folder / "_internal" / "PySide6" / "Qt" / "plugins").rglob("*.so")):
        output = subprocess.run(["ldd", str(plugin)], capture_output=True, text=True,
                                check=False).stdout
        names = [line.split()[0] for line in output.splitlines() if "not found" in line]
        if names:
            missing[f"{plugin.parent.name}/{plugin.name}"] = names
    return missing


def run_pyinstaller(dist: Path, work: Path, onefile: bool, clean: bool) -> float:
    command = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
               "--distpath", str(dist), "--workpath", str(work)]
    if clean:
        command.append("--clean")
    command.append(str(SPEC))
    if onefile:
        command += ["--", "--onefile"]
    started = time.perf_counter()
    subprocess.run(command, check=True, cwd=ROOT)
    return time.perf_counter() - started


def build(dist: Path, work: Path, onefile: bool = False, clean: bool = False,
          portable: bool = False) -> BuildResult:
    target = dist / "onefile" if onefile else dist
    seconds = run_pyinstaller(target, work / ("onefile" if onefile else "onedir"), onefile, clean)
    folder = target if onefile else target / "quanze"
    programs = tuple(folder / f"{name}{EXE_SUFFIX}" for name in ("quanze", "quanze-cli"))
    if LINUX and not onefile:
        shutil.copy2(HERE / "linux" / "install.sh", folder / "install.sh")
    if portable:
        (folder / "portable.txt").write_text(PORTABLE_NOTE, encoding="utf-8")
    return BuildResult(folder, programs, seconds)


def report(result: BuildResult) -> None:
    size, count = folder_size(result.folder)
    print(f"构建完成，用时 {result.seconds:.0f} 秒：{result.folder}")
    print(f"  合计 {size / 1e6:.1f} MB，{count} 个文件")
    for program in result.programs:
        print(f"  {program.name}：{program.stat().st_size / 1e6:.1f} MB")
    if LINUX and result.folder.joinpath("_internal").is_dir():
        print(f"  需要 glibc {glibc_needed(result.folder)} 或更高版本的 Linux")
        for plugin, names in unresolved_plugin_libraries(result.folder).items():
            print(f"  警告：构建机上缺少 {plugin} 所需的 {'、'.join(names)}，未能打包；"
                  "目标电脑上没有它们时该插件无法使用（见 README“打包与安装”）")


def self_test(program: Path) -> int:
    started = time.perf_counter()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    code = subprocess.run([str(program), "--self-test"], env=env, check=False).returncode
    print(f"自检{'通过' if code == 0 else '未通过'}（{program.name}，{time.perf_counter() - started:.1f} 秒）")
    return code


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="用 PyInstaller 构建权责清单管理。")
    parser.add_argument("--onefile", action="store_true", help="生成两个单文件程序，而不是一个文件夹")
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="输出文件夹（默认 dist）")
    parser.add_argument("--work", type=Path, default=ROOT / "build", help="中间文件夹（默认 build）")
    parser.add_argument("--clean", action="store_true", help="清除 PyInstaller 缓存后重新构建")
    parser.add_argument("--portable", action="store_true", help="放入 portable.txt，使程序以便携模式运行")
    parser.add_argument("--check", action="store_true", help="构建后运行程序自检（--self-test）")
    args = parser.parse_args(argv)
    result = build(args.dist.resolve(), args.work.resolve(), args.onefile, args.clean, args.portable)
    report(result)
    return self_test(result.cli()) if args.check else 0


if __name__ == "__main__":
    sys.exit(main())
