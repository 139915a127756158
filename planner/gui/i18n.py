"""The UI language: Qt translators for the app's and Qt's own strings, and the language formatting uses.

Sources are English (self.tr / QCoreApplication.translate); resources/translations holds the .ts sources
and the compiled .qm files, found through resource_path. The language is chosen once at start-up from
the settings (or the system locale); a change in the settings takes effect on the next start.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from planner.resources import resource_path

_translators: list[QTranslator] = []
_language = "en"


def resolve_language(choice: str, system_name: str | None = None) -> str:
    """The language to show: zh_CN or en; `system` follows the system locale (any zh_* means Chinese)."""
    if choice in ("en", "zh_CN"):
        return choice
    name = system_name if system_name is not None else QLocale.system().name()
    return "zh_CN" if name.lower().startswith("zh") else "en"


def ui_lang() -> str:
    """The installed UI language as formatting and the model's labels want it: zh or en."""
    return "zh" if _language == "zh_CN" else "en"


def installed_language() -> str:
    return _language


def _install(translator: QTranslator) -> None:
    QCoreApplication.installTranslator(translator)
    _translators.append(translator)


def install_language(language: str) -> bool:
    """Install the translators of `language` (en or zh_CN), removing any installed before.

    English needs one too: it holds the plural forms ("1 note", "2 notes") of the "%n note(s)" sources.
    Returns False when the app's translation file is missing (the UI then shows the English sources).
    """
    global _language
    from planner import i18n as core_language

    core_language.set_language("zh" if language == "zh_CN" else "en")  # the core's messages (gettext)
    for translator in _translators:
        QCoreApplication.removeTranslator(translator)
    _translators.clear()
    chinese = language == "zh_CN"
    _language = "zh_CN" if chinese else "en"
    if chinese:
        QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
        qt_own = QTranslator()  # Qt's standard buttons and dialogs (OK, Cancel, file dialogs)
        if qt_own.load("qtbase_zh_CN", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
            _install(qt_own)
    else:
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    ours = QTranslator()
    if not ours.load(str(resource_path("translations", f"planner_{_language}.qm"))):
        _language = "en"
        core_language.set_language("en")
        return False
    _install(ours)
    return True
