"""Reads of reporting, each filtered by the acting user's scope: periods, the evaluation of a
plan, accepted figures, units' reports, rounds, the units compared, one target in detail, the
cascade and the term review."""
