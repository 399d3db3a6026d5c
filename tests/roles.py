"""The item-data roles the proofs read from every cell of every list model."""

from __future__ import annotations

from PySide6.QtCore import Qt

from briefing.ui.table_model import ID_ROLE

TEXT_ROLES = (
    Qt.ItemDataRole.DisplayRole,
    Qt.ItemDataRole.EditRole,
    Qt.ItemDataRole.ToolTipRole,
    Qt.ItemDataRole.StatusTipRole,
    Qt.ItemDataRole.WhatsThisRole,
    Qt.ItemDataRole.AccessibleTextRole,
    Qt.ItemDataRole.AccessibleDescriptionRole,
    Qt.ItemDataRole.UserRole,
    ID_ROLE,
)
"""Every role that can carry text (colours, fonts and alignments cannot)."""

ROLES = (
    *TEXT_ROLES,
    Qt.ItemDataRole.ForegroundRole,
    Qt.ItemDataRole.BackgroundRole,
    Qt.ItemDataRole.DecorationRole,
    Qt.ItemDataRole.TextAlignmentRole,
    Qt.ItemDataRole.FontRole,
)
"""Every role a view asks a model for, text or not."""
