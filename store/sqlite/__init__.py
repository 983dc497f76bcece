"""The SQLite backend's own parts: opening a file (connection: read-only look first, pragmas, migrations), the
schema as sqlite-utils migrations (schema: their names are the PostgreSQL backend's too), upgrading a file made by
an earlier claimdesk (upgrade), remembering files found whole (checked), and a consistent copy of a live file
(backup). The queries themselves (store.queries, store.claims, ...) serve both backends.
"""
