"""Item codes (事项编码): a configurable rule per item type, unique, generated for new items."""
