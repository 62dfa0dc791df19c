"""Matching an upper-level list's rows to the county catalogue.

Names of the same item differ between levels (的, 和/、, brackets, 处罚 frames,
sub-items, suffixes, prefixes); these modules turn that knowledge into ranked,
explained candidates for the clerk to confirm.
"""
