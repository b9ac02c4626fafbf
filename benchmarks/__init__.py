"""Accuracy and throughput benchmarks (not part of the default test run)."""
