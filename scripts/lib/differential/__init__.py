"""Seeded generators and checked-in known-difference lists for the differential tests
(scripts/tests/test_differential_schema.py, scripts/tests/test_differential_sigv4.py)."""
