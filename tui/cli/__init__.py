"""The ``claimdesk`` command line (click): one module per command group, a shared context and output.

May import claims and store (the store's public interface); never Textual.
"""
