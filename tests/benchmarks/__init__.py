"""Benchmarks: scripts that print figures (``python -m tests.benchmarks NAME``), not tests."""
