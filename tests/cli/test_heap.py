"""The C heap tuning that planner and planner-cli apply at start (planner.heap)."""

from __future__ import annotations

import platform
import sys

import pytest

from planner.heap import keep_freed_memory


@pytest.mark.skipif(sys.platform != "linux" or platform.libc_ver()[0] != "glibc", reason="glibc's mallopt only")
def test_glibc_takes_the_thresholds():
    assert keep_freed_memory() is True
    assert keep_freed_memory() is True  # applying it again is harmless


@pytest.mark.skipif(sys.platform == "linux", reason="elsewhere the heap is left alone")
def test_other_systems_are_left_alone():
    assert keep_freed_memory() is False
