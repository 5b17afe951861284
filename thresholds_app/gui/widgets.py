"""Small reusable widgets: an accessible choice group and an indicator row."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent, QWheelEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QComboBox,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QSpinBox,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..core.model import Indicator, RuleSet
from ..core.questionnaire import STATEMENT_ANSWERS


def wrapped(text: str, *, bold: bool = False, selectable: bool = False) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    if bold:
        font = label.font()
        font.setBold(True)
        label.setFont(font)
    if selectable:
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def show_choice(group: QButtonGroup, buttons: dict[str, QRadioButton], value: str | None) -> None:
    """Check the button for ``value`` (or none) without emitting any signal."""
    group.setExclusive(False)
    for key, button in buttons.items():
        button.blockSignals(True)
        button.setChecked(key == value)
        button.blockSignals(False)
    group.setExclusive(True)


#: Read-only text panels, and lists with nothing current, show no focus in most styles; this gives
#: every one a visible focus frame.
FOCUS_STYLE = ("QTextBrowser, QTreeView { border: 1px solid palette(mid); } "
               "QTextBrowser:focus, QTreeView:focus { border: 2px solid palette(highlight); }")

_ARROWS = {Qt.Key.Key_Left: -1, Qt.Key.Key_Up: -1, Qt.Key.Key_Right: 1, Qt.Key.Key_Down: 1}


class RadioArrows(QObject):
    """Arrow keys move the choice within a group of radio buttons and select it, as in a radio group
    everywhere else (Qt moves focus only, leaving nothing chosen)."""

    def __init__(self, buttons: list[QRadioButton], parent: QObject) -> None:
        super().__init__(parent)
        self.buttons = buttons
        for button in buttons:
            button.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and watched in self.buttons:
            assert isinstance(event, QKeyEvent)
            step = _ARROWS.get(Qt.Key(event.key()))
            if step is not None and not event.modifiers() & (Qt.KeyboardModifier.AltModifier
                                                             | Qt.KeyboardModifier.ControlModifier):
                target = self.buttons[(self.buttons.index(watched) + step) % len(self.buttons)]
                target.setFocus(Qt.FocusReason.TabFocusReason)
                target.click()
                return True
        return False


class _WheelOnlyWhenFocused:
    """Takes the mouse wheel only once clicked or tabbed to: scrolling a page must not change an answer
    the pointer passes over (an ignored wheel event goes on to scroll the page)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)  # type: ignore[call-arg]  # the Qt class after this one in the bases
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # type: ignore[attr-defined]

    def wheelEvent(self, event: QWheelEvent) -> None:
        if self.hasFocus():  # type: ignore[attr-defined]
            super().wheelEvent(event)  # type: ignore[misc]
        else:
            event.ignore()


class WheelSafeComboBox(_WheelOnlyWhenFocused, QComboBox):
    """A drop-down that takes the wheel only once clicked or tabbed to."""


class WheelSafeSpinBox(_WheelOnlyWhenFocused, QSpinBox):
    """A number box that takes the wheel only once clicked or tabbed to."""


def focus_target(buttons: dict[str, QRadioButton]) -> QRadioButton:
    """Where focus enters a radio group: the chosen answer, or the first."""
    return next((b for b in buttons.values() if b.isChecked()), next(iter(buttons.values())))


class ClickableLabel(QLabel):
    """A wrapping label that passes clicks to the button it describes."""

    def __init__(self, text: str, button: QAbstractButton) -> None:
        super().__init__(text)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.button = button
        self.setBuddy(button)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if self.button.isEnabled():
            self.button.click()
        event.accept()


def labelled(button: QAbstractButton, text: str) -> QWidget:
    """A check box or radio button whose label wraps, so long options never widen the page.

    Qt's own button text cannot wrap; here the button carries the text as its accessible name and
    a wrapping label beside it shows the text and toggles the button when clicked.
    """
    button.setText("")
    button.setAccessibleName(text)
    holder = QWidget()
    row = QHBoxLayout(holder)
    row.setContentsMargins(0, 0, 0, 0)
    row.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
    row.addWidget(ClickableLabel(text, button), 1)
    return holder


class ChoiceGroup(QGroupBox):
    """A question with one answer from a list, as radio buttons (arrow keys move between them)."""

    changed = Signal(object)  # the chosen option id, or None

    def __init__(self, question: str, options: list[tuple[str, str]], help_text: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)  # no title: a group box title cannot wrap at large text sizes
        self.setAccessibleName(question)
        if help_text:
            self.setAccessibleDescription(help_text)
        layout = QVBoxLayout(self)
        self.question_label = wrapped(question, bold=True)
        layout.addWidget(self.question_label)
        if help_text:
            layout.addWidget(wrapped(help_text))
        self.group = QButtonGroup(self)
        self.buttons: dict[str, QRadioButton] = {}
        for option_id, label in options:
            button = QRadioButton()
            button.setAccessibleDescription(question)
            self.group.addButton(button)
            self.buttons[option_id] = button
            layout.addWidget(labelled(button, label))
            button.toggled.connect(self._on_toggled)
        RadioArrows(list(self.buttons.values()), self)

    def _on_toggled(self, checked: bool) -> None:
        if checked:
            self.changed.emit(self.value())

    def value(self) -> str | None:
        return next((oid for oid, b in self.buttons.items() if b.isChecked()), None)

    def set_value(self, option_id: str | None) -> None:
        """Show a value without emitting ``changed``."""
        show_choice(self.group, self.buttons, option_id)


ANSWERS = STATEMENT_ANSWERS


class IndicatorRow(QFrame):
    """One indicator: the statement, its level in words, three answers, and help on demand."""

    answered = Signal(str, object)  # indicator id, "yes" | "no" | "dont_know" | None

    def __init__(self, indicator: Indicator, ruleset: RuleSet, role: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.indicator = indicator
        self.setObjectName("indicatorRow")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        level = ruleset.level(indicator.level)
        # Stacked rather than side by side, so the row stays narrow enough at large text sizes.
        layout = QVBoxLayout(self)
        self.statement = wrapped(indicator.text, bold=True)
        layout.addWidget(self.statement)
        meta = QHBoxLayout()
        self.level_label = wrapped(f"Level {level.number}: {level.name}")
        self.level_label.setToolTip(level.short)
        meta.addWidget(self.level_label, 1)
        answers = QHBoxLayout()
        self.group = QButtonGroup(self)
        self.buttons: dict[str, QRadioButton] = {}
        for answer_id, label in ANSWERS:
            button = QRadioButton(label)
            button.setAccessibleName(f"{label}: {indicator.text}")
            self.group.addButton(button)
            self.buttons[answer_id] = button
            answers.addWidget(button)
            button.toggled.connect(self._on_toggled)
        RadioArrows(list(self.buttons.values()), self)
        answers.addStretch(1)
        self.more = QToolButton()
        self.more.setText("More about this")
        self.more.setCheckable(True)
        self.more.setAccessibleName(f"More about: {indicator.text}")
        self.more.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        meta.addWidget(self.more, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(meta)
        layout.addLayout(answers)
        examples = sorted(indicator.examples.items(), key=lambda kv: kv[0] != role)
        details = indicator.help + "".join(
            f"\n\nFor example ({ruleset.referrer_roles.get(r, r)}): {text}" for r, text in examples)
        self.details = wrapped(details, selectable=True)
        self.details.setVisible(False)
        self.details.setAccessibleName(f"About: {indicator.text}")
        layout.addWidget(self.details)
        self.more.toggled.connect(self.details.setVisible)
        self.setAccessibleName(indicator.text)
        self.setAccessibleDescription(f"Level {level.number}, {level.name}. {indicator.help}")

    def _on_toggled(self, checked: bool) -> None:
        if checked:
            self.answered.emit(self.indicator.id, self.value())

    def value(self) -> str | None:
        return next((a for a, b in self.buttons.items() if b.isChecked()), None)

    def set_value(self, answer: str | None) -> None:
        show_choice(self.group, self.buttons, answer)


def top_items(tree: QTreeWidget) -> list[QTreeWidgetItem]:
    """A tree's top-level rows (Qt types each look-up as possibly None; an index in range never is)."""
    return [item for i in range(tree.topLevelItemCount()) if (item := tree.topLevelItem(i)) is not None]


def child_items(item: QTreeWidgetItem) -> list[QTreeWidgetItem]:
    """A row's children, in order."""
    return [child for i in range(item.childCount()) if (child := item.child(i)) is not None]
