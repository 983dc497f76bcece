"""Matching earlier claims: the index, the signals that score a pair, the decision, and word diffs.

Pure computation: never imports claims.read, claims.extract, claims.desk or store.
"""
