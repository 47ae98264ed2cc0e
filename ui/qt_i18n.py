"""Qt follows the app's language: our gettext catalogs first, then Qt's own.

One QTranslator asks legalaid.i18n (Qt's contexts as "qt:<context>"), then Qt's qtbase
catalog for the language, then keeps the source text. It always returns a string: an
empty one would be taken as the translation ("F%1" would lose its %1), and returning
None from a Python override upsets PySide's reference counting. Kyrgyz falls back to
Qt's Russian, which every Kyrgyz reader also reads.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from legalaid import i18n

QT_CATALOG_FOR = {"ru": "qtbase_ru", "ky": "qtbase_ru", "en": "qtbase_en"}


class GettextTranslator(QTranslator):
    def __init__(self, fallback: QTranslator) -> None:
        super().__init__()
        self._fallback = fallback

    def translate(
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str:
        ours = i18n.pgettext_or_none(f"qt:{context}", source)
        if ours:
            return ours
        theirs = self._fallback.translate(context, source, disambiguation, n)
        return theirs or source

    def isEmpty(self) -> bool:  # noqa: N802 - Qt name
        return False


class QtLanguage:
    """Installs and swaps the translator when the app's language changes."""

    def __init__(self) -> None:
        self._qt = QTranslator()
        self._ours = GettextTranslator(self._qt)
        self._installed = False

    def apply(self, language: str) -> None:
        app = QCoreApplication.instance()
        if app is None:
            return
        if self._installed:
            app.removeTranslator(self._ours)
        folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        self._qt = QTranslator()
        self._qt.load(QT_CATALOG_FOR[language], folder)
        self._ours = GettextTranslator(self._qt)
        app.installTranslator(self._ours)
        self._installed = True
        QLocale.setDefault(QLocale({"ky": "ky_KG", "ru": "ru_KG", "en": "en_GB"}[language]))
