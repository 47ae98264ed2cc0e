"""Mapped classes, enumerations with stable codes, and validation rules."""
