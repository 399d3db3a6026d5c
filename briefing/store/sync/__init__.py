"""Bringing two sets of changes to one dossier back together: the three-way merge."""
