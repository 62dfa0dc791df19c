"""Editors and views that pages and dialogs are built from."""
