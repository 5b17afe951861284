"""Three-way tick boxes in item views whose first tick means "applies", as their headers say.

Qt cycles a user-tristate item Unchecked -> Partially checked -> Checked, so the first click gave
"don't know". This delegate makes a click (or Space) go: not ticked -> applies (checked) ->
don't know (partly checked) -> not ticked, in a single change the view reports once.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QEvent, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

NEXT_STATE = {
    Qt.CheckState.Unchecked: Qt.CheckState.Checked,
    Qt.CheckState.Checked: Qt.CheckState.PartiallyChecked,
    Qt.CheckState.PartiallyChecked: Qt.CheckState.Unchecked,
}
HEADER_HINT = "tick once: applies; twice: don't know; three times: clear"


class AppliesFirstDelegate(QStyledItemDelegate):
    """Cycles user-tristate items applies -> don't know -> clear; other items behave as usual."""

    def editorEvent(self, event: QEvent, model: QAbstractItemModel, option: QStyleOptionViewItem,
                    index: QModelIndex | QPersistentModelIndex) -> bool:
        flags = index.flags()
        if not (flags & Qt.ItemFlag.ItemIsUserTristate and flags & Qt.ItemFlag.ItemIsUserCheckable
                and flags & Qt.ItemFlag.ItemIsEnabled):
            return super().editorEvent(event, model, option, index)
        kind = event.type()
        if kind in (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease, QEvent.Type.MouseButtonDblClick):
            assert isinstance(event, QMouseEvent)
            view_option = QStyleOptionViewItem(option)
            self.initStyleOption(view_option, index)
            widget: QWidget | None = option.widget
            style = widget.style() if widget is not None else None
            if style is None:
                return False
            check_rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemCheckIndicator, view_option, widget)
            if event.button() != Qt.MouseButton.LeftButton or not check_rect.contains(event.position().toPoint()):
                return False
            if kind != QEvent.Type.MouseButtonRelease:
                return True  # swallow the press so the release alone toggles, as Qt does
        elif kind == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() not in (Qt.Key.Key_Space, Qt.Key.Key_Select):
                return False
        else:
            return False
        state = Qt.CheckState(index.data(Qt.ItemDataRole.CheckStateRole) or 0)
        return bool(model.setData(index, NEXT_STATE[state], Qt.ItemDataRole.CheckStateRole))

