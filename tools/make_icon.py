"""Draw the application icon (a balance on a calm blue tile) into resources/icons/: PNG
for Linux and the window, ICO for Windows, ICNS for macOS.

Run once after changing the drawing: `python tools/make_icon.py`. Drawn with QPainter so
the picture is reproducible from source and needs no image editor or licence.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QPointF, QRectF, Qt  # noqa: E402
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter, QPainterPath, QPen  # noqa: E402

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
NAVY = QColor("#1f3a5f")
LIGHT = QColor("#f3f5f8")
GOLD = QColor("#e0b54a")


def draw(size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    p = QPainter(image)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    s = size / 256.0
    p.scale(s, s)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(NAVY)
    p.drawRoundedRect(QRectF(8, 8, 240, 240), 44, 44)
    pen = QPen(LIGHT, 12, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap)
    p.setPen(pen)
    p.drawLine(QPointF(128, 52), QPointF(128, 196))  # post
    p.drawLine(QPointF(64, 76), QPointF(192, 76))  # beam
    p.drawLine(QPointF(92, 204), QPointF(164, 204))  # foot
    thin = QPen(LIGHT, 5, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap)
    p.setPen(thin)
    for x in (64, 192):  # strings to the pans
        p.drawLine(QPointF(x, 80), QPointF(x - 26, 140))
        p.drawLine(QPointF(x, 80), QPointF(x + 26, 140))
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(LIGHT)
    for x in (64, 192):
        bowl = QPainterPath()
        bowl.moveTo(x - 34, 140)
        bowl.arcTo(QRectF(x - 34, 116, 68, 48), 180, 180)
        bowl.closeSubpath()
        p.drawPath(bowl)
    p.setBrush(GOLD)
    p.drawEllipse(QPointF(128, 48), 12, 12)  # the knob: the one warm touch
    p.end()
    return image


def main() -> int:
    QGuiApplication(sys.argv[:1])
    ICONS.mkdir(parents=True, exist_ok=True)
    draw(256).save(str(ICONS / "legalaid.png"))
    for size in (16, 32, 48):
        draw(size).save(str(ICONS / f"legalaid-{size}.png"))
    written = draw(256).save(str(ICONS / "legalaid.ico"), "ICO")  # Windows: the .exe, setup
    written &= draw(512).save(str(ICONS / "legalaid.icns"), "ICNS")  # macOS: the .app
    print("icons written" + ("" if written else " (no ICO or ICNS writer: PNG only)"))  # noqa: T201
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
