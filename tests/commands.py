"""The installed commands, run as a user runs them: in a subprocess, outside the source tree.

Running from a folder other than the checkout matters: `python -m planner` in the checkout would
import the source package, which does not hold `planner.resources` (the top-level resources/ folder
is installed as that package).
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

BIN = Path(sys.executable).parent


def run_cli(*args: object, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """`planner-cli ARGS...` through its console script."""
    command = [str(BIN / "planner-cli"), *map(str, args)]
    with tempfile.TemporaryDirectory() as folder:
        return subprocess.run(command, capture_output=True, text=True, encoding="utf-8", cwd=folder,
                              timeout=timeout)


def run_python_module(module: str, *args: object, env: dict[str, str] | None = None,
                      timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """`python -m MODULE ARGS...` from an empty folder."""
    with tempfile.TemporaryDirectory() as folder:
        return subprocess.run([sys.executable, "-m", module, *map(str, args)], capture_output=True, text=True,
                              encoding="utf-8", cwd=folder, env=env, timeout=timeout)
