"""Widgets of the FIRST TAKE UI, one module each."""
