"""Subcommands of the pdf back end."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:
    """Filled in by the pdf back end."""
