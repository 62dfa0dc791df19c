"""Whole notices read from .docx and text PDFs: every element, body paragraph and annex table."""
