"""`python -m legalaid` is the same as the `legalaid` command."""

from legalaid.cli import main

raise SystemExit(main())
