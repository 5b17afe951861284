"""Windows open inside the screen they are on, whatever its size and scaling."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRect, Qt
from PySide6.QtGui import QGuiApplication, QResizeEvent
from PySide6.QtWidgets import QFrame, QScrollArea, QSplitter, QWidget

#: The share of the available screen a window may take when its preferred size is larger.
MARGIN = 0.95


def available_area(window: QWidget) -> QRect:
    screen = window.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry()


def fit_to_screen(window: QWidget, width: int, height: int) -> None:
    """Size ``window`` to its preferred size, or to the available screen if that is smaller, and
    keep it on the screen (a restored geometry from a larger monitor is pulled back too)."""
    area = available_area(window)
    window.resize(min(width, int(area.width() * MARGIN)), min(height, int(area.height() * MARGIN)))
    keep_on_screen_when_shown(window)


class _OnFirstShow(QObject):
    """Checks again once the window is shown, when its title bar and borders are known."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and isinstance(watched, QWidget):
            watched.removeEventFilter(self)
            keep_on_screen(watched)
        return False


def keep_on_screen_when_shown(window: QWidget) -> None:
    """Keep ``window`` on the screen now and again when it is first shown."""
    keep_on_screen(window)
    _OnFirstShow(window)


def keep_on_screen(window: QWidget) -> None:
    """Shrink and move ``window`` so all of it lies within the available screen."""
    area = available_area(window)
    frame = window.frameGeometry().size() - window.geometry().size()
    if window.width() + frame.width() > area.width() or window.height() + frame.height() > area.height():
        window.resize(min(window.width(), area.width() - frame.width()),
                      min(window.height(), area.height() - frame.height()))
    geometry = window.frameGeometry()
    x = min(max(geometry.x(), area.x()), area.right() + 1 - geometry.width())
    y = min(max(geometry.y(), area.y()), area.bottom() + 1 - geometry.height())
    window.move(max(x, area.x()), max(y, area.y()))


def scrolling(content: QWidget) -> QScrollArea:
    """``content`` in a vertical scroll area, so a window can be shorter than its content at large
    text sizes or on small screens; text wraps to the width rather than scrolling sideways."""
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)  # only if wrapping cannot help
    area.setWidget(content)
    area.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # no unnamed tab stop: focus goes to what is inside
    return area


class CentreFirstSplitter(QSplitter):
    """A list on the left, the page in the centre, a panel on the right; on a small screen or at large
    text the right panel gives way first, then the list (down to its longest word, ``left_words``, and
    only then further), so the centre keeps about ``chars`` characters a line. With room to spare the
    user's sizes are kept."""

    def __init__(self, preferred: tuple[int, int, int], chars: int = 50) -> None:
        super().__init__()
        self.preferred = preferred
        self.chars = chars
        self.left_words = 0
        self._squeezed = False  # the side panes were narrowed to make room, not by the user

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._squeezed and event.size().width() > event.oldSize().width():
            self._restore()
        self.balance()

    def _restore(self) -> None:
        """Room again after a squeeze: the side panes go back towards their preferred widths."""
        sizes = self.sizes()
        total = sum(sizes)
        left, right = min(self.preferred[0], total // 4), min(self.preferred[2], total // 4)
        if total - left - right >= self.chars * self.fontMetrics().averageCharWidth():
            self.setSizes([max(left, sizes[0]), total - max(left, sizes[0]) - max(right, sizes[2]),
                           max(right, sizes[2])])
            self._squeezed = False

    def event(self, event: QEvent) -> bool:
        handled = super().event(event)
        if event.type() == QEvent.Type.LayoutRequest:  # a pane's minimum changed and Qt re-shared the room
            self.balance()
        return handled

    def balance(self) -> None:
        sizes = self.sizes()
        panes = [self.widget(i) for i in range(self.count())]
        if len(sizes) != 3 or not all(p is not None and p.isVisible() for p in panes):
            return
        total = sum(sizes)
        left_min, centre_min, right_min = (p.minimumSizeHint().width() for p in panes if p is not None)
        readable = self.chars * self.fontMetrics().averageCharWidth()
        left_need = max(left_min, self.left_words)
        if total - left_need - right_min < min(readable, centre_min):
            left_need = left_min  # no room for whole words in the list: the page comes first
        target = max(centre_min, min(readable, total - left_need - right_min))
        if sizes[1] >= target and sizes[0] >= left_need:
            return
        left = max(left_need, min(sizes[0], total - target - right_min))
        right = max(right_min, total - target - left)
        self.setSizes([left, total - left - right, right])
        self._squeezed = True
