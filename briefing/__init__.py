"""Briefing: a desktop briefing-book application for negotiation and visit dossiers."""

__version__ = "0.1.0"
