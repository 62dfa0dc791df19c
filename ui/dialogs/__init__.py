"""Modal dialogs: editors, the import wizard, print preview, settings."""
