"""Files that are not regular files, made in a test's folder, and readers run on them in a child process.

A reader that opens a named pipe blocks until some program writes to it, and one that reads a zero
device never ends: run in a child with a timeout, such a regression fails its test instead of hanging
the suite. Devices are made with os.mknod (the tests run as root) and are only ever read.
"""

from __future__ import annotations

import json
import os
import socket
import stat
import subprocess
import sys
from pathlib import Path

# Each kind of special file, and the words a refusal uses for it.
SPECIAL_KINDS = {
    "named pipe": "a named pipe (FIFO)",
    "zero device": "a device",
    "socket": "a socket",
    "folder": "a folder",
    "link to a zero device": "a device",
}


def make_special(folder: Path, kind: str, name: str) -> Path:
    """A special file of `kind` (a key of SPECIAL_KINDS) at folder/name."""
    path = folder / name
    if kind == "named pipe":
        os.mkfifo(path)
    elif kind == "zero device":
        os.mknod(path, stat.S_IFCHR | 0o600, os.makedev(1, 5))  # as /dev/zero: endless zeros, size 0
    elif kind == "socket":
        with socket.socket(socket.AF_UNIX) as listener:
            listener.bind(str(path))  # the socket file stays after the socket is closed
    elif kind == "folder":
        path.mkdir()
    elif kind == "link to a zero device":
        path.symlink_to(make_special(folder, "zero device", f"{name}.device"))
    else:
        raise ValueError(kind)
    return path


_CHILD = """
import importlib, json, os, sys
from planner.model.errors import InputError

calls, path, pretend = json.loads(sys.argv[1]), sys.argv[2], sys.argv[3]
if pretend:  # the name looks like a regular file when looked at, as if replaced just after the look
    real_stat, regular = os.stat, os.stat(pretend)
    os.stat = lambda name, *args, **kwargs: regular if os.fspath(name) == path else real_stat(name, *args, **kwargs)
results = []
for call in calls:
    module, name = call.split(":")
    try:
        getattr(importlib.import_module(module), name)(path)
        results.append(None)
    except InputError as error:
        results.append([str(problem) for problem in error.problems])
print(json.dumps(results))
"""


def problems_in_child(calls: list[str], path: Path, pretend_regular: Path | None = None,
                      timeout: float = 60) -> list[list[str] | None]:
    """Each of `calls` ("module:function") applied to `path` in one child process: the problems each raised
    (None if it raised none). `pretend_regular`: os.stat reports `path` as that regular file."""
    run = subprocess.run([sys.executable, "-c", _CHILD, json.dumps(calls), str(path), str(pretend_regular or "")],
                         capture_output=True, text=True, encoding="utf-8", timeout=timeout, cwd=path.parent)
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout)
