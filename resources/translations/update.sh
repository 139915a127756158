#!/usr/bin/env bash
# Collect the UI's English source strings from planner/gui into planner_zh_CN.ts (translations already
# made are kept; new strings arrive "unfinished" for a translator, e.g. in pyside6-linguist), and the
# plural forms of the English UI into planner_en.ts (filled here: "%n note(s)" -> "%n note" / "%n notes"),
# then compile both into the .qm files the app loads through planner.resources.
# Run from anywhere; uses the pyside6-lupdate / pyside6-lrelease next to the Python that runs the app
# (or in $PYSIDE6_BIN).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
bin="${PYSIDE6_BIN:-$(dirname "$(command -v python3)")}"
[ -x "$bin/pyside6-lupdate" ] || bin="$(dirname "$(command -v pyside6-lupdate)")"
python="$bin/python"
[ -x "$python" ] || python="python3"
cd "$root"
options=(-extensions py -locations relative -source-language en -no-obsolete planner/gui)
"$bin/pyside6-lupdate" "${options[@]}" -target-language zh_CN -ts "$here/planner_zh_CN.ts"
"$bin/pyside6-lupdate" "${options[@]}" -target-language en -pluralonly -ts "$here/planner_en.ts"
"$python" - "$here/planner_en.ts" <<'PY'
"""English plural forms follow from the source: "(s)" is dropped for one and becomes "s" for many."""
import sys
import xml.etree.ElementTree as ET

path = sys.argv[1]
tree = ET.parse(path)
for message in tree.getroot().iter("message"):
    source = message.findtext("source")
    translation = message.find("translation")
    translation.attrib.pop("type", None)
    for child in list(translation):
        translation.remove(child)
    for form in (source.replace("(s)", ""), source.replace("(s)", "s")):
        ET.SubElement(translation, "numerusform").text = form
tree.write(path, encoding="utf-8", xml_declaration=True)
PY
for language in zh_CN en; do
    "$bin/pyside6-lrelease" "$here/planner_$language.ts" -qm "$here/planner_$language.qm"
done
