"""Small modal forms: notes, prompts, claim and article filters.

May import tui.widgets and the store's public models.
"""
