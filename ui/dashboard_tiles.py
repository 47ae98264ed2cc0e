"""The row of tiles at the top of the Dashboard: a big number, what it counts and, for a
coordinator's key numbers, a small chart of the last six months. Each tile is a button
(Tab reaches it, Space or a click opens its list) and says its number to a screen reader.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent, QPen, QPolygonF
from PySide6.QtWidgets import QGridLayout, QPushButton, QSizePolicy, QWidget

from legalaid.i18n import N_, _
from legalaid.services.dashboard import DashboardNumbers

INK = QColor("#1f3a5f")
ALERT = QColor("#a12a2a")
LINE = QColor("#2e6da4")

# (key, label msgid, whether a number above zero is a warning)
WORK_TILES: tuple[tuple[str, str, bool], ...] = (
    ("open_cases", N_("My open cases"), False),
    ("urgent", N_("Urgent, waiting for action"), True),
    ("overdue_referrals", N_("Referrals overdue"), True),
    ("hearings_week", N_("Hearings in 7 days"), False),
    ("deadlines_week", N_("Deadlines in 7 days"), False),
    ("drafts", N_("Drafts to finish"), False),
    ("returned_observations", N_("Observations returned to me"), True),
    ("to_review", N_("Observations to review"), False),
)
KEY_TILES: dict[str, str] = {
    "people_served": N_("People served this month"),
    "cases_opened_by_category": N_("Cases opened this month"),
    "consultations_by_topic": N_("Consultations this month"),
    "referrals_by_target": N_("Referrals sent this month"),
}


class Tile(QPushButton):
    def __init__(self, key: str) -> None:
        super().__init__()
        self.key = key
        self.count = 0
        self.caption = ""
        self.series: tuple[int, ...] = ()
        self.alert = False
        self.setObjectName("tile")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(150, 80)  # room for a caption of two lines (Kyrgyz, Russian)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        # A button's minimum is its size hint; eight tiles of 150 would widen the window
        # past a 1366-pixel screen.
        return QSize(96, 80)

    def show_number(
        self, count: int, caption: str, alert: bool, series: Sequence[int] = ()
    ) -> None:
        self.count, self.caption, self.alert, self.series = count, caption, alert, tuple(series)
        self.setAccessibleName(f"{caption}: {count}")
        self.setToolTip(_("Open the list"))
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        super().paintEvent(event)  # the button's frame and focus, as the style draws them
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        area = QRectF(self.rect()).adjusted(10, 6, -10, -6)
        big = QFont(self.font())
        big.setPointSizeF(big.pointSizeF() * 1.9)
        big.setBold(True)
        painter.setFont(big)
        painter.setPen(ALERT if self.alert and self.count else INK)
        number = QRectF(area.left(), area.top(), area.width(), area.height() * 0.42)
        painter.drawText(
            number, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, str(self.count)
        )
        if self.series:
            self._spark(painter, QRectF(area.right() - 70, area.top() + 6, 70, area.height() * 0.4))
        painter.setFont(self.font())
        painter.setPen(self.palette().buttonText().color())
        caption = QRectF(
            area.left(), area.top() + area.height() * 0.42, area.width(), area.height() * 0.58
        )
        painter.drawText(
            caption, int(Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap), self.caption
        )
        painter.end()

    def _spark(self, painter: QPainter, box: QRectF) -> None:
        top = max(max(self.series), 1)
        step = box.width() / max(len(self.series) - 1, 1)
        points = QPolygonF(
            [
                QPointF(box.left() + i * step, box.bottom() - box.height() * value / top)
                for i, value in enumerate(self.series)
            ]
        )
        painter.setPen(QPen(LINE, 1.6))
        painter.drawPolyline(points)
        painter.setBrush(LINE)
        painter.drawEllipse(points[points.size() - 1], 2.2, 2.2)


class TileRow(QWidget):
    """`chosen(key)` when a tile is clicked; keys as in WORK_TILES and KEY_TILES. The tiles
    a person has flow in rows of COLUMNS (wide enough for a two-line Kyrgyz caption)."""

    COLUMNS = 6
    chosen = Signal(str)

    def __init__(self) -> None:
        super().__init__()
        self.tiles: dict[str, Tile] = {}
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        for key in (*(k for k, _l, _a in WORK_TILES), *KEY_TILES):
            tile = Tile(key)
            tile.clicked.connect(lambda _checked=False, k=key: self.chosen.emit(k))
            tile.hide()
            self.tiles[key] = tile
        self.numbers: DashboardNumbers | None = None

    def _place(self, shown: list[Tile]) -> None:
        for tile in self.tiles.values():
            self.grid.removeWidget(tile)
            tile.hide()
        for place, tile in enumerate(shown):
            row, column = divmod(place, self.COLUMNS)
            self.grid.addWidget(tile, row, column)
            tile.show()

    def show_numbers(self, numbers: DashboardNumbers | None) -> None:
        """Tiles for what the person works on, the work first; none at all for None (a lock)."""
        self.numbers = numbers
        shown: list[Tile] = []
        if numbers is not None:
            for key, label, warns in WORK_TILES:
                value = getattr(numbers, key)
                if value is not None:
                    self.tiles[key].show_number(value, _(label), warns)
                    shown.append(self.tiles[key])
            for key_number in numbers.key_numbers:
                tile = self.tiles[key_number.key]
                tile.show_number(
                    key_number.this_month, _(KEY_TILES[key_number.key]), False, key_number.months
                )
                shown.append(tile)
        self._place(shown)

    def retranslate(self) -> None:
        self.show_numbers(self.numbers)
