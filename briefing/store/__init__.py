"""Persistence: the database (`db`), search, exchange files, checks, visibility and edits."""
