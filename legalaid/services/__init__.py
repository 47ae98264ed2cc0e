"""Use cases. Every permission check and audit event happens here, never only in the UI.

Each call opens one short session, commits inside, and returns plain dataclasses.
"""
