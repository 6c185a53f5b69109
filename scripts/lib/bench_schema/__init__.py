"""Python side of `scripts/bench.d/schema`: fixtures and the competing validators."""
