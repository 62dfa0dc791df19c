"""PDF output to GB/T 9704-2012: notices, annex tables, lists, with the standard fonts."""
