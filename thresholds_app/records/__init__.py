"""The decision record: JSON (the source of truth) and its printed PDF. No Qt here.

reportlab is imported only when a PDF is rendered, so opening the app never pays for it.
"""
