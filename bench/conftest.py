"""Benchmarks: run with `make bench`. Not part of `make test`."""
