#!/usr/bin/env bash
# Build RedCat Planner as a one-folder app with PyInstaller (Linux and macOS).
#
#   packaging/build.sh             new venv in build/venv, pip install .[package], PyInstaller, report
#   packaging/build.sh --current   build with the Python at hand ($PYTHON, else python3: e.g. an active
#                                  venv that already has the project's dependencies and pyinstaller)
#   packaging/build.sh --smoke     start the built app offscreen on the demo plan (it quits after its
#                                  first paint) and print its start time; no build
#
# Output: dist/redcat-planner/ (run dist/redcat-planner/redcat-planner; on Linux ./install.sh in that
# folder adds the menu entry), and on macOS also "dist/RedCat Planner.app".
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
app_dir="$root/dist/redcat-planner"
mode=venv
for arg in "$@"; do
    case $arg in
        --current) mode=current ;;
        --smoke) mode=smoke ;;
        -h|--help) sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "build.sh: unknown option $arg (try --help)" >&2; exit 2 ;;
    esac
done

python=$(command -v "${PYTHON:-python3}" || true)
case $python in /*|"") ;; *) python="$PWD/$python" ;; esac  # the build changes folders

now() {  # seconds since the epoch with microseconds (bash 5 has it built in; macOS ships bash 3)
    if [ -n "${EPOCHREALTIME:-}" ]; then echo "${EPOCHREALTIME/,/.}"; else perl -MTime::HiRes=time -e 'printf "%.6f\n", time'; fi
}

smoke() {
    local exe="$app_dir/redcat-planner" resources="$app_dir/_internal/planner/resources"
    [ -x "$exe" ] || { echo "build.sh --smoke: no $exe; build it first" >&2; exit 1; }
    for name in demo.rcplan icons/app.svg translations/planner_en.qm translations/planner_zh_CN.qm; do
        [ -f "$resources/$name" ] || { echo "build.sh --smoke: $resources/$name is missing" >&2; exit 1; }
    done
    local lang start painted status pid waited
    profile=$(mktemp -d)
    trap 'rm -rf "$profile"' EXIT
    for lang in zh_CN en; do
        start=$(now)
        # A fresh profile, so no saved settings or recovery file changes what starts; no display needed.
        env QT_QPA_PLATFORM=offscreen RCPLANNER_EXIT_AFTER_PAINT=charts XDG_CONFIG_HOME="$profile/config" \
            XDG_DATA_HOME="$profile/data" XDG_CACHE_HOME="$profile/cache" \
            "$exe" --demo --lang "$lang" >"$profile/out" 2>"$profile/err" &
        pid=$!
        waited=0
        while kill -0 "$pid" 2>/dev/null && [ "$waited" -lt 600 ]; do sleep 0.1; waited=$((waited + 1)); done
        if kill -0 "$pid" 2>/dev/null; then
            kill "$pid"
            echo "build.sh --smoke: the app ($lang) did not quit within 60 s (a dialog at start-up?)" >&2
            cat "$profile/err" >&2
            exit 1
        fi
        status=0
        wait "$pid" || status=$?
        painted=$(awk '/^painted /{print $2}' "$profile/out")
        if [ "$status" -ne 0 ] || [ -z "$painted" ] || grep -q Traceback "$profile/err"; then
            echo "build.sh --smoke: the app ($lang) failed (exit status $status)" >&2
            cat "$profile/out" "$profile/err" >&2
            exit 1
        fi
        awk -v a="$start" -v b="$painted" -v l="$lang" \
            'BEGIN {printf "smoke: demo plan drawn (--lang %s) %.2f s after launch\n", l, b - a}'
    done
    echo "smoke: OK $exe"
}

if [ "$mode" = smoke ]; then
    smoke
    exit 0
fi

[ -n "$python" ] || { echo "build.sh: no ${PYTHON:-python3} to build with" >&2; exit 1; }
cd "$root"
# setuptools builds the wheel in build/lib and never empties it: a module deleted from the sources would
# still be shipped.
rm -rf build/lib build/bdist.*
if [ "$mode" = venv ]; then
    rm -rf build/venv
    "$python" -m venv build/venv
    py="$root/build/venv/bin/python"
    "$py" -m pip install --quiet ".[package]"
    unset PYTHONPATH
else
    py=$python
    "$py" -m PyInstaller --version >/dev/null 2>&1 ||
        { echo "build.sh: no PyInstaller in $py; pip install '.[package]' there first" >&2; exit 1; }
    # PyInstaller cannot follow an editable install (pyinstaller#7524): the project is installed, without
    # its dependencies, into build/stage, which goes first on the path.
    rm -rf build/stage
    "$py" -m pip install --quiet --no-deps --target build/stage "$root"
    export PYTHONPATH="$root/build/stage"
fi

# The platform icons are made from resources/icons/app.svg when they are missing or the drawing changed.
if ! cmp -s resources/icons/app.svg packaging/icons/redcat-planner.svg ||
   [ ! -f packaging/icons/redcat-planner.icns ] || [ ! -f packaging/icons/redcat-planner.ico ]; then
    QT_QPA_PLATFORM=offscreen "$py" packaging/make_icons.py
fi

# Not from the repository's root: `python -m` puts the working folder first on the path, and the source
# tree's planner/ (without planner.resources, which setuptools maps from resources/) would shadow the install.
(cd "$root/packaging" && "$py" -m PyInstaller --noconfirm --clean --log-level WARN --distpath "$root/dist" \
    --workpath "$root/build/pyinstaller" "$root/packaging/redcat-planner.spec")

echo "built: $app_dir ($(du -sh "$app_dir" | cut -f1), $(find "$app_dir" -type f | wc -l | tr -d ' ') files)"
if [ -d "$root/dist/RedCat Planner.app" ]; then
    echo "built: $root/dist/RedCat Planner.app ($(du -sh "$root/dist/RedCat Planner.app" | cut -f1))"
fi
echo "run:   $app_dir/redcat-planner --demo      check: packaging/build.sh --smoke"
