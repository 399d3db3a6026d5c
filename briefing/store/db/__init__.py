"""The database itself: opening it (plain or encrypted), migrating it, backing it up, and
the one instance that may hold it."""
