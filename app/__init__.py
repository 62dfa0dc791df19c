"""Quanze (权责清单管理): the GUI-free library.

Nothing under ``app`` may import Qt; the window in ``ui`` sits on top of it.
"""

__version__ = "0.1.0"
