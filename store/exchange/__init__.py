"""Verdicts in and out of the store: CSV, JSON Lines and ClaimReview exports, reading them back, merging.

Part of the store: may import the rest of store, never claims or tui.
"""
