"""The C heap tuning that planner and planner-cli apply at start (planner.heap)."""

from __future__ import annotations

import platform
import sys

from planner.heap import keep_freed_memory


def test_the_heap_is_tuned_where_the_c_library_is_glibc_and_left_alone_elsewhere():
    tuned = sys.platform == "linux" and platform.libc_ver()[0] == "glibc"
    assert keep_freed_memory() is tuned
    assert keep_freed_memory() is tuned  # applying it again is harmless
