"""The gettext catalogue of the core and the CLI: every message has its Chinese, and the shipped .mo is current."""

from __future__ import annotations

import io
import re
from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po

from planner import i18n

ROOT = Path(__file__).resolve().parents[1]
LOCALE = ROOT / "resources" / "locale"
PO = LOCALE / "zh_CN" / "LC_MESSAGES" / "planner.po"
MO = PO.with_suffix(".mo")
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}
PLACEHOLDER = re.compile(r"\{[^{}]*\}|%\([a-z_]+\)[sdr]|%[sdr]")


def source_messages() -> set[str]:
    """Every message marked in planner/ outside the GUI (whose own words are Qt's: resources/translations)."""
    found = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
            str(ROOT / "planner"), keywords=KEYWORDS, comment_tags=(),
            callback=None, strip_comment_tags=False,
            method_map=[("gui/**.py", "ignore"), ("**.py", "python")]):
        found.add(message if isinstance(message, str) else message[0])
    return found


def catalogue() -> dict[str, object]:
    with PO.open("rb") as handle:
        return {(m.id if isinstance(m.id, str) else m.id[0]): m for m in read_po(handle) if m.id}


def test_every_message_of_the_core_and_the_cli_has_its_chinese() -> None:
    translated = {key for key, message in catalogue().items()
                  if message.string and all(message.string if isinstance(message.string, tuple)  # type: ignore[attr-defined]
                                            else [message.string]) and "fuzzy" not in message.flags}  # type: ignore[attr-defined]
    missing = sorted(source_messages() - translated)
    assert missing == [], f"{len(missing)} messages without Chinese: run resources/locale/update.sh and translate"


def test_a_translation_keeps_every_placeholder_of_its_message() -> None:
    for key, message in catalogue().items():
        strings = message.string if isinstance(message.string, tuple) else (message.string,)  # type: ignore[attr-defined]
        for string in strings:
            assert sorted(PLACEHOLDER.findall(string)) == sorted(PLACEHOLDER.findall(key)), key


def test_the_shipped_mo_file_is_the_compiled_po_file() -> None:
    with PO.open("rb") as handle:
        compiled = io.BytesIO()
        write_mo(compiled, read_po(handle))
    compiled.seek(0)
    with MO.open("rb") as handle:
        shipped = read_mo(handle)
    expected = read_mo(compiled)
    def pairs(catalog: object) -> dict[object, object]:
        return {_key(m.id): _key(m.string) for m in catalog if m.id}  # type: ignore[attr-defined]

    assert pairs(shipped) == pairs(expected)


def _key(value: object) -> object:
    return tuple(value) if isinstance(value, list | tuple) else value


def test_the_installed_catalogue_speaks_chinese_and_english() -> None:
    try:
        i18n.set_language("zh")
        assert i18n._("Chinese") == "中文"
        assert i18n.ngettext("{n} note", "{n} notes", 2).format(n=2) == "2 篇笔记"
        i18n.set_language("en")
        assert i18n.ngettext("{n} note", "{n} notes", 1).format(n=1) == "1 note"
        assert i18n.ngettext("{n} note", "{n} notes", 2).format(n=2) == "2 notes"
    finally:
        i18n.set_language("en")


def test_the_language_follows_the_first_locale_the_environment_names() -> None:
    assert i18n.language_from_environment({"LANG": "zh_CN.UTF-8"}) == "zh"
    assert i18n.language_from_environment({"LANGUAGE": "en_GB:zh_CN", "LANG": "zh_CN.UTF-8"}) == "en"
    assert i18n.language_from_environment({"LC_ALL": "zh_TW.UTF-8", "LANG": "en_US.UTF-8"}) == "zh"
    assert i18n.language_from_environment({"LANG": "C.UTF-8"}) == "en"
    assert i18n.language_from_environment({}) == "en"
