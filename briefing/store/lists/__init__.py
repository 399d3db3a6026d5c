"""The lists, the chart and the trees the GUI shows, and what the window reads first.

Each module reads one subject for an audience as plain rows; :mod:`.listing` counts,
filters, sorts and pages any of them in SQL.
"""
