"""The interface's language: which one, and the Qt translators that put it on screen.

Every text the window shows goes through :func:`translate` (or a QObject's ``tr``) with
its English source; ``resources/i18n/briefing_<code>.qm``, compiled from the ``.ts`` next
to it, gives the other languages. English needs no file: the sources are the English.

The language is chosen once, at start: ``--language``, else View ▸ Language's choice in
the settings, else the system's locale. Changing it in the menu applies on the next
start rather than retranslating the open windows: texts built from data (counts, names,
the checks' findings) are made in many places, and a restart is the one way every one of
them is certain to change.
"""

from __future__ import annotations

import gettext

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator

from briefing.assets import resource
from briefing.domain.declarations import KOREAN_MARK
from briefing.errors import BriefingError
from briefing.i18n import translator as catalogue
from briefing.ui.settings import LANGUAGE

LANGUAGES = {"en": "English", "ko": "한국어"}
"""The interface's languages by code, each named in itself (as the menu lists them)."""
DEFAULT = "en"


def translate(context: str, text: str, disambiguation: str | None = None, n: int = -1) -> str:
    """``text`` in the interface's language; ``context`` groups it in the ``.ts`` file.

    pyside6-lupdate finds every call spelt ``translate("Context", "text")``, so both
    arguments must be string literals at the call.
    """
    return QCoreApplication.translate(context, text, disambiguation, n)


def system_language() -> str:
    """The system locale's language if the interface has it, else English."""
    code = QLocale.system().name().split("_")[0]
    return code if code in LANGUAGES else DEFAULT


def chosen_language(settings: QSettings, explicit: str | None = None) -> str:
    """The language to start in: ``explicit`` (``--language``), the one chosen in View ▸
    Language, or the system's. A code the settings file holds but the app does not know
    (written by hand, or by a later version) counts as no choice."""
    if explicit:
        return explicit
    saved = LANGUAGE.read(settings)
    return saved if saved in LANGUAGES else system_language()


def install(app: QCoreApplication, code: str) -> list[QTranslator]:
    """Put ``code``'s translations in front of the app's texts and Qt's own (the standard
    buttons, the file dialogs); English removes them. Returns the translators installed,
    which :func:`uninstall` takes out again."""
    uninstall(app)
    installed: list[QTranslator] = []
    if code != DEFAULT:
        for name, folder in (
            ("qtbase", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)),
            ("briefing", str(resource("i18n"))),
        ):
            translator = QTranslator(app)
            if translator.load(f"{name}_{code}", folder):
                app.installTranslator(translator)
                installed.append(translator)
    app.setProperty("briefingLanguage", code)
    _installed[id(app)] = installed
    return installed


def uninstall(app: QCoreApplication) -> None:
    for translator in _installed.pop(id(app), []):
        app.removeTranslator(translator)
        translator.deleteLater()
    app.setProperty("briefingLanguage", DEFAULT)


def current(app: QCoreApplication | None = None) -> str:
    """The language the interface is in now."""
    app = app or QCoreApplication.instance()
    code = app.property("briefingLanguage") if app is not None else None
    return str(code) if code in LANGUAGES else DEFAULT


_installed: dict[int, list[QTranslator]] = {}


def messages() -> gettext.NullTranslations:
    """The gettext catalogue (the store's and the book's messages, below Qt) in the
    interface's language: for what the store words and the window shows."""
    return catalogue(current())


def said(exc: BaseException) -> str:
    """What ``exc`` says, in the interface's language: a Briefing error carries its
    message's id for the gettext catalogue (the store and the book say it there, below
    Qt), so a refusal reads in Korean in a Korean window; anything else is as it is."""
    if isinstance(exc, BriefingError):
        return exc.said(messages().gettext)
    return str(exc)


def word(text: str) -> str:
    """A name the domain declares (a kind, a field, a column, a choice) in the interface's
    language: :mod:`briefing.ui.domain_words` lists them for pyside6-lupdate. A Korean
    text's label is its English field's, translated, and the mark (:data:`KOREAN_MARK`)."""
    if text.endswith(KOREAN_MARK):
        return word(text.removesuffix(KOREAN_MARK)) + KOREAN_MARK
    return QCoreApplication.translate("Domain", text) if text else text


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 (the name lupdate finds)
    """Mark ``text`` for translation where it is declared and translate it where shown,
    as Qt's macro of the same name does (PySide's is typed to return ``object``)."""
    return text
