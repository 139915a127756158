#!/usr/bin/env bash
# Collect the English messages of the core and the CLI (planner/ outside planner/gui) into planner.pot,
# merge them into the Chinese catalogue zh_CN/LC_MESSAGES/planner.po (translations already made are kept;
# new messages arrive empty for a translator), then compile the .mo file the app loads.
# Needs Babel (in the test extras): run with the venv's Python on the PATH, e.g. PATH=.venv/bin:$PATH.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$root"
pybabel extract --project "RedCat Planner" --no-wrap --sort-by-file -k _ -k N_ -k ngettext:1,2 \
    --ignore-dirs gui -o "$here/planner.pot" planner
pybabel update --no-wrap --no-fuzzy-matching --ignore-obsolete -i "$here/planner.pot" -d "$here" -D planner -l zh_CN
pybabel compile -d "$here" -D planner -l zh_CN --statistics
