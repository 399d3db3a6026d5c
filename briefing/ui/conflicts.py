"""A form whose save was refused because someone else saved the record first.

The form stays open with what the person typed, and says above its fields who changed
the record and when. Reload fills it with the record as saved now (theirs), and the next
OK saves over that version; OK without reloading is refused again, so nobody overwrites
a change they have not seen.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from briefing.errors import BriefingError
from briefing.store.versions import Changed
from briefing.ui.forms import FormDialog
from briefing.ui.i18n import messages, said, translate

Reader = Callable[[], tuple[dict[str, Any], int | None]]
"""Reads the record as saved now: the form's values and the record's version."""


class ConflictBanner(QWidget):
    """The refusal and a Reload button, at the top of a form."""

    def __init__(self, form: FormDialog, read: Reader) -> None:
        super().__init__(form)
        self.setObjectName("conflict")
        self.form = form
        self.read = read
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #9a3412; font-weight: 600")
        self.reload = QPushButton(translate("Conflicts", "&Reload theirs"), self)
        self.reload.setToolTip(
            translate("Conflicts", "Show the record as saved now; what you typed here is replaced")
        )
        self.reload.clicked.connect(self.show_theirs)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.message, 1)
        row.addWidget(self.reload)
        layout = form.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertWidget(0, self)
        self.hide()

    def refused(self, exc: Changed) -> None:
        """Say who saved the record since, keeping the form's values as typed."""
        if exc.when is None:
            self.message.setText(
                translate(
                    "Conflicts", "{headline} after you had opened it: it cannot be saved."
                ).format(headline=exc.headline_said(messages().gettext))
            )
            self.reload.hide()
        else:
            self.message.setText(
                translate(
                    "Conflicts",
                    "{headline} after you had opened it, so this was not saved. Your "
                    "edit is still here: Reload shows theirs instead, then you can "
                    "make yours again.",
                ).format(headline=exc.headline_said(messages().gettext))
            )
            self.reload.show()
        self.show()

    def show_theirs(self) -> None:
        try:
            values, version = self.read()
        except BriefingError as exc:
            self.message.setText(
                translate("Conflicts", "The record cannot be read again: {exc}").format(
                    exc=said(exc)
                )
            )
            return
        self.form.show_values(values)
        self.form.version = version
        self.hide()


def banner(form: FormDialog, read: Reader) -> ConflictBanner:
    """The form's banner, made the first time a save of it is refused."""
    found = form.findChild(ConflictBanner)
    return found if isinstance(found, ConflictBanner) else ConflictBanner(form, read)
