"""Levels-of-need decision support for children's safeguarding partnerships."""

__version__ = "0.1.0"
