"""packaging/: the PyInstaller spec, the build scripts, the desktop entry, the MIME type and the icons agree.

Fast checks only: the spec is run with stand-ins for PyInstaller's build classes, so no app is built here
(packaging/build.sh builds one and `packaging/build.sh --smoke` starts it).
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import struct
import subprocess
import sys
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"
SPEC = PACKAGING / "redcat-planner.spec"
DESKTOP = PACKAGING / "linux" / "redcat-planner.desktop"
MIME = PACKAGING / "linux" / "redcat-planner-mime.xml"
ICONS = PACKAGING / "icons"
APP_NAME = "redcat-planner"
MIME_TYPE = "application/x-redcat-plan"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
REQUIRED = ("demo.rcplan", "icons/app.svg", "translations/planner_en.qm", "translations/planner_zh_CN.qm")
# The Desktop Entry Specification 1.4's keys for Type=Application (X- keys are free).
DESKTOP_KEYS = {"Type", "Version", "Name", "GenericName", "NoDisplay", "Comment", "Icon", "Hidden", "OnlyShowIn",
                "NotShowIn", "DBusActivatable", "TryExec", "Exec", "Path", "Terminal", "Actions", "MimeType",
                "Categories", "Implements", "Keywords", "StartupNotify", "StartupWMClass", "PrefersNonDefaultGPU",
                "SingleMainWindow"}
LOCALISABLE = {"Name", "GenericName", "Comment", "Icon", "Keywords"}


def desktop_entry() -> dict[str, str]:
    """The [Desktop Entry] group as key -> value (localised keys keep their [locale])."""
    lines = [line for line in DESKTOP.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    assert lines[0] == "[Desktop Entry]", "the first group must be [Desktop Entry]"
    entry: dict[str, str] = {}
    for line in lines[1:]:
        assert not line.startswith("["), f"only one group is expected, found {line}"
        key, sep, value = line.partition("=")
        assert sep and key == key.strip(), f"not a key=value line: {line!r}"
        assert key not in entry, f"{key} is given twice"
        entry[key] = value
    return entry


def run_spec(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, resources_inside: bool = True) -> dict[str, Any]:
    """Execute the spec with recording stand-ins for Analysis, PYZ, EXE, COLLECT and BUNDLE.

    planner.resources is presented as a non-editable install would lay it out (resources inside planner/),
    or, with resources_inside=False, as the editable install maps it (beside planner/).
    """
    site = tmp_path / "site"
    shutil.copytree(ROOT / "resources", site / "planner" / "resources" if resources_inside else site / "resources",
                    ignore=shutil.ignore_patterns("__pycache__"))
    (site / "planner").mkdir(exist_ok=True)
    (site / "planner" / "__init__.py").write_text('__version__ = "0.0"\n', encoding="utf-8")
    resources = site / "planner" / "resources" if resources_inside else site / "resources"
    real_find_spec = importlib.util.find_spec

    def find_spec(name: str, package: str | None = None) -> Any:
        if name == "planner":
            return SimpleNamespace(origin=str(site / "planner" / "__init__.py"),
                                   submodule_search_locations=[str(site / "planner")])
        if name == "planner.resources":
            return SimpleNamespace(origin=str(resources / "__init__.py"), submodule_search_locations=[str(resources)])
        return real_find_spec(name, package)

    monkeypatch.setattr(importlib.util, "find_spec", find_spec)
    made: dict[str, Any] = {}

    class Built:
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            self.args, self.kwargs = args, kwargs
            made[type(self).__name__] = self

    class Analysis(Built):
        def __init__(self, scripts: list[str], **kwargs: Any) -> None:
            super().__init__(scripts, **kwargs)
            self.scripts, self.pure, self.binaries = scripts, [], []
            # PyInstaller turns (file, folder) into (name in the bundle, file, typecode) entries.
            self.datas = [(f"{folder}/{Path(file).name}", file, "DATA") for file, folder in kwargs["datas"]]
            self.datas += [("PySide6/Qt/translations/qtbase_de.qm", "qtbase_de.qm", "DATA"),
                           ("PySide6/Qt/translations/qtbase_zh_CN.qm", "qtbase_zh_CN.qm", "DATA")]

    namespace = {"SPECPATH": str(PACKAGING), "DISTPATH": str(tmp_path / "dist"), "workpath": str(tmp_path / "build"),
                 "__name__": "__main__"}
    for cls in (Analysis, type("PYZ", (Built,), {}), type("EXE", (Built,), {}), type("COLLECT", (Built,), {}),
                type("BUNDLE", (Built,), {})):
        namespace[cls.__name__] = cls
    exec(compile(SPEC.read_text(encoding="utf-8"), str(SPEC), "exec"), namespace)
    made["namespace"] = namespace
    return made


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    return struct.unpack(">II", data[16:24])


# --- the spec ------------------------------------------------------------------------------------------


def test_spec_builds_the_launcher_that_runs_the_planner_command(tmp_path, monkeypatch):
    made = run_spec(tmp_path, monkeypatch)
    scripts = made["Analysis"].args[0]
    assert [Path(script) for script in scripts] == [PACKAGING / "launcher.py"]
    launcher = (PACKAGING / "launcher.py").read_text(encoding="utf-8")
    gui_script = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["gui-scripts"]
    module, function = gui_script["planner"].split(":")
    assert f"from {module} import {function}" in launcher and f"sys.exit({function}())" in launcher


def test_spec_makes_one_windowed_folder_named_redcat_planner(tmp_path, monkeypatch):
    made = run_spec(tmp_path, monkeypatch)
    exe, collect = made["EXE"].kwargs, made["COLLECT"].kwargs
    assert exe["name"] == collect["name"] == APP_NAME
    assert exe["exclude_binaries"] is True, "one folder: the libraries stay beside the executable"
    assert exe["console"] is False
    assert exe["upx"] is False and collect["upx"] is False


def test_spec_ships_every_resource_the_app_reads_where_resource_path_finds_it(tmp_path, monkeypatch):
    made = run_spec(tmp_path, monkeypatch)
    shipped = {name for name, _file, _kind in made["Analysis"].datas}
    for name in REQUIRED:
        assert f"planner/resources/{name}" in shipped
    icons = {path.name for path in (ROOT / "resources" / "icons").glob("*.svg")}
    assert {f"planner/resources/icons/{name}" for name in icons} <= shipped


def test_spec_leaves_sources_and_tools_of_resources_out(tmp_path, monkeypatch):
    made = run_spec(tmp_path, monkeypatch)
    shipped = [name for name, _file, _kind in made["Analysis"].datas if name.startswith("planner/resources/")]
    assert not [name for name in shipped if name.endswith((".py", ".pyc", ".ts", ".sh"))]


def test_spec_keeps_qt_translations_of_the_two_ui_languages_only(tmp_path, monkeypatch):
    made = run_spec(tmp_path, monkeypatch)
    qt = {name for name, _file, _kind in made["Analysis"].datas if name.startswith("PySide6/")}
    assert qt == {"PySide6/Qt/translations/qtbase_zh_CN.qm"}


def test_spec_refuses_an_editable_install_pyinstaller_cannot_follow(tmp_path, monkeypatch):
    with pytest.raises(SystemExit, match="has no planner.resources inside"):
        run_spec(tmp_path, monkeypatch, resources_inside=False)


def test_spec_excludes_heavy_unused_modules_but_not_what_pyqtgraph_imports(tmp_path, monkeypatch):
    made = run_spec(tmp_path, monkeypatch)
    excludes = set(made["Analysis"].kwargs["excludes"])
    assert {"tkinter", "scipy", "matplotlib", "IPython", "PySide6.QtWebEngineCore", "PySide6.Qt3DCore",
            "PySide6.QtQuick", "PySide6.QtQml", "PySide6.QtMultimedia"} <= excludes
    # pyqtgraph's PlotCurveItem imports these unconditionally: without them the Charts tab fails.
    assert not {"PySide6.QtCore", "PySide6.QtGui", "PySide6.QtWidgets", "PySide6.QtSvg", "PySide6.QtOpenGL",
                "PySide6.QtOpenGLWidgets", "pyqtgraph", "python_calamine", "numpy", "pandas"} & excludes
    assert "python_calamine" in made["Analysis"].kwargs["hiddenimports"]


@pytest.mark.parametrize(("entry", "kept"), [
    ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", False),
    ("PySide6/Qt/plugins/platforms/libqxcb.so", True),
    ("PySide6/Qt/plugins/platforms/libqwayland.so", True),
    ("PySide6/Qt/plugins/platforms/libqoffscreen.so", True),
    ("PySide6/Qt/plugins/iconengines/libqsvgicon.so", True),
    ("PySide6/Qt/plugins/imageformats/libqsvg.so", True),
    ("PySide6\\Qt\\plugins\\imageformats\\qsvg.dll", True),
    ("PySide6\\Qt\\plugins\\imageformats\\qpdf.dll", False),
    ("PySide6/Qt/plugins/generic/libqevdevmouseplugin.so", False),
    ("planner/resources/translations/planner_zh_CN.qm", True),
    ("PySide6/Qt/translations/qt_fr.qm", False),
])
def test_spec_drops_unused_qt_plugins_and_translations(tmp_path, monkeypatch, entry, kept):
    wanted = run_spec(tmp_path, monkeypatch)["namespace"]["wanted"]
    assert wanted((entry, "source", "BINARY")) is kept


def test_spec_icons_exist_for_each_platform(tmp_path, monkeypatch):
    namespace = run_spec(tmp_path, monkeypatch)["namespace"]
    for platform in ("win32", "darwin"):
        monkeypatch.setattr(sys, "platform", platform)
        assert Path(namespace["app_icon"]()).is_file()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the Linux folder gets the desktop files")
def test_spec_puts_install_script_and_desktop_files_in_the_linux_folder(tmp_path, monkeypatch):
    run_spec(tmp_path, monkeypatch)
    folder = tmp_path / "dist" / APP_NAME
    assert os.access(folder / "install.sh", os.X_OK)
    desktop = folder / "desktop"
    expected = {DESKTOP.name, MIME.name, f"{APP_NAME}.svg", *(f"{APP_NAME}-{size}.png" for size in PNG_SIZES)}
    assert expected <= {path.name for path in desktop.iterdir()}


# --- the desktop entry and the MIME type ---------------------------------------------------------------


def test_desktop_entry_names_the_app_in_english_and_chinese():
    entry = desktop_entry()
    assert entry["Type"] == "Application"
    assert entry["Name"] == "RedCat Planner"
    assert entry["Name[zh_CN]"] == "红猫投放规划"
    assert entry["Comment"] and entry["Comment[zh_CN]"]


def test_desktop_entry_uses_only_known_keys():
    for key in desktop_entry():
        base, _, locale = key.partition("[")
        assert base in DESKTOP_KEYS or base.startswith("X-"), f"unknown key {key}"
        assert not locale or base in LOCALISABLE, f"{base} cannot be localised"


def test_desktop_entry_starts_the_executable_with_one_file():
    entry = desktop_entry()
    program, *codes = entry["Exec"].split()
    assert program == APP_NAME == entry["TryExec"]
    assert codes == ["%f"]
    assert entry["Terminal"] == "false"


def test_desktop_entry_lists_office_and_the_plan_mime_type():
    entry = desktop_entry()
    for key in ("Categories", "MimeType", "Keywords"):
        assert entry[key].endswith(";"), f"{key} is a list and ends with ';'"
    assert "Office" in entry["Categories"].split(";")
    assert entry["MimeType"].split(";")[:-1] == [MIME_TYPE]


def test_desktop_entry_icon_and_window_class_match_the_app():
    entry = desktop_entry()
    assert entry["Icon"] == APP_NAME and (ICONS / f"{APP_NAME}.svg").is_file()
    # Qt names the window's class (X11) and app id (Wayland) after the desktop file name the app sets.
    app_source = (ROOT / "planner" / "gui" / "app.py").read_text(encoding="utf-8")
    assert f'setDesktopFileName("{DESKTOP.stem}")' in app_source
    assert entry["StartupWMClass"] == DESKTOP.stem


def test_desktop_entry_passes_desktop_file_validate():
    # .ci/run installs desktop-file-utils; without it this test fails rather than skips.
    done = subprocess.run(["desktop-file-validate", str(DESKTOP)], capture_output=True, text=True, check=False)
    assert done.returncode == 0 and not done.stdout.strip(), done.stdout + done.stderr


def test_mime_type_matches_the_plan_files_by_their_suffix():
    ns = {"m": "http://www.freedesktop.org/standards/shared-mime-info"}
    root = ET.parse(MIME).getroot()
    (mime_type,) = root.findall("m:mime-type", ns)
    assert mime_type.get("type") == MIME_TYPE
    assert [glob.get("pattern") for glob in mime_type.findall("m:glob", ns)] == ["*.rcplan"]
    assert (ROOT / "resources" / "demo.rcplan").is_file()
    assert mime_type.find("m:icon", ns).get("name") == MIME_TYPE.replace("/", "-")
    comments = {c.get("{http://www.w3.org/XML/1998/namespace}lang"): c.text for c in mime_type.findall("m:comment", ns)}
    assert comments[None] and comments["zh_CN"]


@pytest.mark.skipif(shutil.which("sh") is None, reason="no POSIX shell")
def test_install_script_registers_the_folder_it_is_in(tmp_path):
    folder = tmp_path / APP_NAME
    (folder / "desktop").mkdir(parents=True)
    shutil.copy2(PACKAGING / "linux" / "install.sh", folder)
    for source in [DESKTOP, MIME, *ICONS.glob(f"{APP_NAME}*")]:
        shutil.copy2(source, folder / "desktop")
    (folder / APP_NAME).write_text("#!/bin/sh\n", encoding="utf-8")
    (folder / APP_NAME).chmod(0o755)
    data = tmp_path / "data"
    env = {**os.environ, "XDG_DATA_HOME": str(data), "HOME": str(tmp_path)}
    subprocess.run(["sh", str(folder / "install.sh")], env=env, check=True, capture_output=True)
    installed = (data / "applications" / f"{APP_NAME}.desktop").read_text(encoding="utf-8")
    assert f'Exec="{folder / APP_NAME}" %f' in installed.splitlines()
    assert (data / "mime" / "packages" / f"{APP_NAME}.xml").is_file()
    assert (data / "icons" / "hicolor" / "256x256" / "apps" / f"{APP_NAME}.png").is_file()
    subprocess.run(["sh", str(folder / "install.sh"), "--remove"], env=env, check=True, capture_output=True)
    assert not (data / "applications" / f"{APP_NAME}.desktop").exists()


# --- icons ---------------------------------------------------------------------------------------------


def test_icon_svg_is_the_apps_own_icon():
    assert (ICONS / f"{APP_NAME}.svg").read_bytes() == (ROOT / "resources" / "icons" / "app.svg").read_bytes()


@pytest.mark.parametrize("size", PNG_SIZES)
def test_png_icons_have_their_size(size):
    assert png_size((ICONS / f"{APP_NAME}-{size}.png").read_bytes()) == (size, size)


def test_ico_holds_sizes_up_to_256():
    data = (ICONS / f"{APP_NAME}.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", data[:6])
    assert (reserved, kind) == (0, 1)
    sizes = []
    for index in range(count):
        width, height, _colours, _r, _planes, _bits, length, offset = struct.unpack(
            "<BBBBHHII", data[6 + 16 * index: 22 + 16 * index])
        assert png_size(data[offset: offset + length]) == (width or 256, height or 256)
        sizes.append(width or 256)
    assert {16, 32, 48, 256} <= set(sizes)


def test_icns_holds_sizes_up_to_1024():
    data = (ICONS / f"{APP_NAME}.icns").read_bytes()
    assert data[:4] == b"icns" and struct.unpack(">I", data[4:8])[0] == len(data)
    offset, sizes = 8, set()
    while offset < len(data):
        length = struct.unpack(">I", data[offset + 4: offset + 8])[0]
        sizes.add(png_size(data[offset + 8: offset + length])[0])
        offset += length
    assert offset == len(data)
    assert {16, 32, 128, 256, 512, 1024} <= sizes


# --- the build scripts ---------------------------------------------------------------------------------


@pytest.mark.skipif(shutil.which("bash") is None, reason="no bash")
def test_build_script_is_valid_bash():
    subprocess.run(["bash", "-n", str(PACKAGING / "build.sh")], check=True)
    subprocess.run(["sh", "-n", str(PACKAGING / "linux" / "install.sh")], check=True)


def test_build_scripts_run_the_spec_and_the_smoke_hook_the_app_has():
    app_source = (ROOT / "planner" / "gui" / "app.py").read_text(encoding="utf-8")
    hook = re.search(r'EXIT_AFTER_PAINT = "(\w+)"', app_source)
    assert hook, "planner/gui/app.py no longer has the exit-after-first-paint hook the smoke test uses"
    for script, smoke in (("build.sh", "--smoke"), ("build.ps1", "$Smoke")):
        text = (PACKAGING / script).read_text(encoding="utf-8")
        assert "redcat-planner.spec" in text and ".[package]" in text
        assert hook.group(1) in text and smoke in text and "offscreen" in text


def test_package_extra_brings_pyinstaller():
    extras = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["optional-dependencies"]
    assert any(requirement.startswith("pyinstaller") for requirement in extras["package"])


def test_build_outputs_are_ignored_by_git():
    ignored = (ROOT / ".gitignore").read_text(encoding="utf-8").split()
    assert "build/" in ignored and "dist/" in ignored


def test_every_package_folder_of_the_source_is_installed():
    """A non-editable install (CI's, the frozen app's) carries only the packages pyproject.toml lists."""
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["packages"])
    source = ROOT / "planner"
    folders = {
        ".".join(("planner",) + init.parent.relative_to(source).parts)
        for init in source.rglob("__init__.py")
        if "__pycache__" not in init.parts
    }
    assert folders - listed == set()
    assert "planner.resources" in listed
