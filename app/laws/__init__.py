"""The laws items rest on: citations read from each basis, and the registry of their status."""
