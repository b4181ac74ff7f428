"""The seams between features: invariants checked over random sequences of operations."""
