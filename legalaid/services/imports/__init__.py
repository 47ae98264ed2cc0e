"""Bringing existing registers in from spreadsheets (issue 11)."""
