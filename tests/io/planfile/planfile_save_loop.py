"""Child process of the atomic-save test: saves new versions of a plan over one path until it is killed.

Usage: python planfile_save_loop.py SOURCE TARGET RUN. Version k of run r is named "run r save k" and has
budgets = the source's + 1000 * r + k, so the parent can rebuild every complete version and check that
the file left by a kill is one of them. Prints "ready" once, then "saved k" after each completed save.
"""

from __future__ import annotations

import dataclasses
import sys

from planner.io.planfile import load_plan, save_plan


def main(source: str, target: str, run: int) -> None:
    plan = load_plan(source)
    budgets = plan.notes["budget"].to_numpy()
    print("ready", flush=True)
    save = 0
    while True:
        save += 1
        version = dataclasses.replace(plan.with_budgets(budgets + 1000 * run + save), name=f"run {run} save {save}")
        save_plan(version, target)
        print(f"saved {save}", flush=True)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]))
