"""The programme as iCalendar: written for one audience's phones, read from a travel office.

:mod:`.writing` exports a dossier's events through the one handling-level filter;
:mod:`.reading` imports a ``.ics`` file's events, matched by UID so a second import of the
same file updates rather than duplicates; :mod:`.zones` turns a file's zone names into IANA
zones.
"""
