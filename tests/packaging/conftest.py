"""The packaging scripts live in packaging/, outside the installed packages; tests load them by path."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

PACKAGING = Path(__file__).resolve().parents[2] / "packaging"


def packaging_module(name: str) -> ModuleType:
    """packaging/<name>.py, imported under a name that cannot clash with an installed package."""
    key = f"quanze_packaging_{name}"
    if key in sys.modules:
        return sys.modules[key]
    spec = importlib.util.spec_from_file_location(key, PACKAGING / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[key] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def qt_policy() -> ModuleType:
    return packaging_module("qt_policy")


@pytest.fixture(scope="session")
def windows_version() -> ModuleType:
    return packaging_module("windows_version")


@pytest.fixture(scope="session")
def build_script() -> ModuleType:
    return packaging_module("build")


@pytest.fixture(scope="session")
def launcher() -> ModuleType:
    return packaging_module("launcher")
