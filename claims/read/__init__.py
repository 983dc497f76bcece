"""Articles in: files, folders, web pages, feeds and stdin read into drafts (title, dateline, clean text).

Imports nothing of claims.extract, claims.match, claims.desk or store.
"""
