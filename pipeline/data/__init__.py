"""Lexicons of wasf as data files: edit them without touching code (see pipeline/lexicons.py)."""
