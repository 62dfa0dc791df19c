"""The notice as a Word (.docx) file a clerk keeps editing, laid out to GB/T 9704-2012."""
