"""The child process the crash tests end half way: one transaction of 200,000 items.

It prints "writing" once the transaction is well under way, so the test knows when to
kill it (SIGKILL on POSIX, TerminateProcess on Windows), and "done" if it ever finishes.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

ITEMS = 200_000


def large_write_script(path: Path) -> str:
    return textwrap.dedent(f"""
        from pathlib import Path
        from app.domain.items import PowerItem
        from app.storage.repository import Repository
        repo = Repository.open(Path({str(path)!r}), make_backup=False)
        with repo.transaction():
            dept = repo.departments.ensure("县测试局")
            for n in range({ITEMS}):
                repo.items.save(PowerItem(name=f"事项{{n}}", type="行政许可",
                                          department="县测试局", measures="措施" * 50), dept)
                if n == 2000:
                    print("writing", flush=True)
        print("done", flush=True)
    """)
