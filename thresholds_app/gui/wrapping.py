"""Item views whose rows grow to show all of a long text, wrapped, instead of cutting it off."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem, QTreeView

from .tristate import AppliesFirstDelegate


class WrapToColumn:
    """A delegate mix-in: row heights for the text wrapped at the column's real width.

    A tree view asks for row heights without saying how wide the column is, so long texts got one
    line and were cut off; this gives the delegate the width its text really has.
    """

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        view = self.parent()  # type: ignore[attr-defined]
        assert isinstance(view, QTreeView)
        depth, parent = 0, index.parent()
        while parent.isValid():
            depth, parent = depth + 1, parent.parent()
        sized = QStyleOptionViewItem(option)
        indent = view.indentation() * (depth + int(view.rootIsDecorated()))
        sized.rect = QRect(0, 0, view.columnWidth(index.column()) - indent, 1)  # Qt wraps only in a valid rect
        size: QSize = super().sizeHint(sized, index)  # type: ignore[misc]  # the delegate it is mixed into
        return size


class WrappingDelegate(WrapToColumn, QStyledItemDelegate):
    """Wrapped rows for a plain list of names."""


class WrappingTicks(WrapToColumn, AppliesFirstDelegate):
    """Applies-first three-way ticks in rows tall enough for the whole wrapped statement."""


def wrap_rows(view: QTreeView, delegate: QStyledItemDelegate) -> None:
    """Use ``delegate`` (a wrapping one) on ``view`` and re-wrap whenever the column changes width."""
    view.setItemDelegate(delegate)
    view.setWordWrap(True)
    view.setTextElideMode(Qt.TextElideMode.ElideNone)
    view.setUniformRowHeights(False)
    view.header().sectionResized.connect(view.doItemsLayout)


def longest_word_width(view: QTreeView) -> int:
    """The width a wrapping view needs so that no word is cut off: it can break lines only between
    words. Measured at each item's depth and in its own font, with the view's frame and scroll bar."""
    widest = 0
    stack = [(view.model().index(row, 0), 0) for row in range(view.model().rowCount())]
    while stack:
        index, depth = stack.pop()
        font = index.data(Qt.ItemDataRole.FontRole) or view.font()
        metrics = QFontMetrics(font)
        words = str(index.data() or "").split()
        if words:
            indent = view.indentation() * (depth + int(view.rootIsDecorated()))
            widest = max(widest, indent + max(metrics.horizontalAdvance(w) for w in words))
        stack += [(view.model().index(row, 0, index), depth + 1) for row in range(view.model().rowCount(index))]
    return widest + 2 * view.frameWidth() + view.verticalScrollBar().sizeHint().width() + 12
