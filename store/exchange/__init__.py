"""Verdicts in and out of the store: CSV, JSON Lines and ClaimReview exports (formats.py picks the writer and
writes files), reading them back, merging, and earlier fact-checks from other organisations.

Part of the store: may import the rest of store, never claims or tui.
"""
