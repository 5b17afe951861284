"""Windows open inside the screen they are on, whatever its size and scaling."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRect, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFrame, QScrollArea, QWidget

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
