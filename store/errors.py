"""Errors the store raises; each message is one sentence a user can act on."""


class StoreError(Exception):
    """A problem with the database or with what was asked of it."""


class NotFoundError(StoreError):
    """An id that names nothing."""
