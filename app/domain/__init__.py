"""The domain in plain Python: what clerks manage, independent of storage and GUI."""
