"""Item views whose rows grow to show all of a long text, wrapped, instead of cutting it off."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
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
        return super().sizeHint(sized, index)  # type: ignore[misc]


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
