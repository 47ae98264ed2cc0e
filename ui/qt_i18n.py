"""Qt follows the app's language: our gettext catalogs first, then Qt's own.

A QTranslator that asks legalaid.i18n (for Qt's contexts, "qt:<context>") and returns an
empty string when our catalog has nothing, so Qt's qtbase catalog answers (Frescobaldi's
approach). Kyrgyz falls back to Qt's Russian, which every Kyrgyz reader also reads.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from legalaid import i18n

QT_CATALOG_FOR = {"ru": "qtbase_ru", "ky": "qtbase_ru", "en": "qtbase_en"}


class GettextTranslator(QTranslator):
    def translate(
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str | None:
        # None becomes a null QString, which tells Qt to ask the next translator (an empty
        # string would be taken as the translation: "F%1" would lose its %1).
        return i18n.pgettext_or_none(f"qt:{context}", source)


class QtLanguage:
    """Installs and swaps the translators when the app's language changes."""

    def __init__(self) -> None:
        self._qt = QTranslator()
        self._ours = GettextTranslator()
        self._installed = False

    def apply(self, language: str) -> None:
        app = QCoreApplication.instance()
        if app is None:
            return
        if self._installed:
            app.removeTranslator(self._ours)
            app.removeTranslator(self._qt)
        folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        self._qt = QTranslator()
        if self._qt.load(QT_CATALOG_FOR[language], folder):
            app.installTranslator(self._qt)
        app.installTranslator(self._ours)  # installed last: asked first
        self._installed = True
        QLocale.setDefault(QLocale({"ky": "ky_KG", "ru": "ru_KG", "en": "en_GB"}[language]))
