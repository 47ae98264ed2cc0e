"""Printed documents (ReportLab): the intake record, the consent form and, later, referral
letters, case summaries and reports. Every document is built in memory and returned as
bytes; nothing is written to disk here (SECURITY.md 23: the caller previews from memory or
writes the file the user chose). The language of a document is a parameter, independent of
the interface language (ARCHITECTURE.md, Localisation). `pdf` holds the shared base."""
