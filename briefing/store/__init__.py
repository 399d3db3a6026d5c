"""Persistence: opening databases, migrations, backups, search, exchange files, checks."""
