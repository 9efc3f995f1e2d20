"""Bundled documents, found by the installed command through importlib.resources."""
