"""The desk's workflows, without any UI: load articles, decide and undo, rematch, import earlier checks.

May import claims.read, claims.extract, claims.match and the store's public interface.
"""
