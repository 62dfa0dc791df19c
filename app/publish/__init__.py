"""The published list (权责清单公布): per county department and for the whole county."""
