"""A team server's accounts, clearances and row-level security (issue 15).

The server itself refuses a login what is above its clearance: every table holding dossier
content carries a level kept by triggers, and PostgreSQL's row-level security compares it
with the login's clearance. The SQL lives here, not in the command line, so the
administrator's commands, the tests and a later GUI all set the server up alike.
"""
