"""The language of every word the core and the CLI write: gettext catalogues, Chinese or English.

Sources are English; `resources/locale/zh_CN/LC_MESSAGES/planner.po` holds their Chinese, compiled to the
`.mo` file shipped beside it (`resources/locale/update.sh` extracts, merges and compiles). The GUI shows
the same messages (problems, reports), so one catalogue serves the CLI and the app; the app's own widgets
are translated by Qt's tooling (resources/translations). The language is chosen once, at start-up:
`planner-cli --lang`, the app's setting, or the environment's locale (LANGUAGE, LC_ALL, LC_MESSAGES, LANG).
"""

from __future__ import annotations

import gettext
import os
from collections.abc import Mapping

DOMAIN = "planner"
LANGS = ("zh", "en")
_catalogue: gettext.NullTranslations = gettext.NullTranslations()
_lang = "en"


def language_from_environment(environ: Mapping[str, str] | None = None) -> str:
    """zh when the locale the environment names first is Chinese (zh_CN.UTF-8, zh_TW, zh), else en."""
    environ = os.environ if environ is None else environ
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(variable, "")
        if value:
            first = value.split(":")[0].strip().lower()
            return "zh" if first.startswith("zh") else "en"
    return "en"


def set_language(lang: str) -> None:
    """Speak `lang` (zh or en) from now on; a missing catalogue leaves the English sources."""
    global _catalogue, _lang
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {LANGS}, not {lang!r}")
    _lang = lang
    if lang == "en":
        _catalogue = gettext.NullTranslations()
        return
    from planner.resources import resource_path

    _catalogue = gettext.translation(DOMAIN, str(resource_path("locale")), languages=["zh_CN"], fallback=True)


def language() -> str:
    """The language now spoken: zh or en."""
    return _lang


def _(message: str) -> str:
    """`message` in the current language."""
    return _catalogue.gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The form of a message for `count` things ("1 note" / "2 notes"; Chinese has one form)."""
    return _catalogue.ngettext(singular, plural, count)


def N_(message: str) -> str:  # noqa: N802 - the name extraction tools know
    """Marks a message for the catalogue where it is defined; `_` translates it where it is shown."""
    return message
