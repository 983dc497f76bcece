"""Widgets the screens are built of: the article text, the claim panel, row lists, span editing, styles.

May import claims and the store's public models; never a screen.
"""
