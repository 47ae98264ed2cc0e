"""Qt runs offscreen here and draws Kyrgyz letters: the ground the desktop app stands on."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontDatabase, QFontMetrics
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from legalaid.paths import fonts_dir


def test_offscreen_label_renders_kyrgyz_letters(qtbot: QtBot) -> None:
    font_id = QFontDatabase.addApplicationFont(str(fonts_dir() / "DejaVuSans.ttf"))
    assert font_id >= 0
    family = QFontDatabase.applicationFontFamilies(font_id)[0]
    label = QLabel("Ң Ө Ү — Өзгөн, Көк-Жаңгак")
    label.setFont(QFont(family, 14))
    qtbot.addWidget(label)
    label.show()
    qtbot.waitExposed(label)
    metrics = QFontMetrics(label.font())
    assert all(metrics.inFontUcs4(ord(letter)) for letter in "ҢӨҮңөү")
    image = label.grab().toImage()
    assert not image.isNull() and image.width() > 50
    colours = {image.pixel(x, image.height() // 2) for x in range(image.width())}
    assert len(colours) > 1, "nothing was drawn"
    assert label.testAttribute(Qt.WidgetAttribute.WA_WState_Visible)


def test_an_empty_qvariant_reaching_python_keeps_none_alive(qtbot: QtBot) -> None:
    """PySide6 6.12.0 loses a reference to None on every such call and the interpreter
    aborts at exit ("deallocating None"); the forms and filters make thousands of them."""
    import sys

    from PySide6.QtWidgets import QComboBox

    combo = QComboBox()
    qtbot.addWidget(combo)
    combo.addItem("all", None)
    before = sys.getrefcount(None)
    values = [combo.currentData() for _ in range(200)]
    assert values == [None] * 200
    del values
    assert sys.getrefcount(None) >= before - 5


def test_the_application_has_its_icon(qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QApplication

    from ui.app import make_qt_application

    make_qt_application()
    icon = QApplication.windowIcon()
    assert not icon.isNull()
    assert icon.pixmap(64, 64).toImage().pixelColor(32, 60).name() != "#000000"
