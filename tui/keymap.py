"""Key rebinding from the config file's [keys] table: binding id -> keys, checked against the known ids."""

from __future__ import annotations

from collections.abc import Iterable

from textual.binding import Binding


def binding_ids(binding_lists: Iterable[Iterable]) -> set[str]:
    return {b.id for bindings in binding_lists for b in bindings if isinstance(b, Binding) and b.id}


def check_keymap(keys: dict[str, str], known: set[str]) -> tuple[dict[str, str], list[str]]:
    """The usable part of a keymap, and a list of ids that name no action."""
    unknown = sorted(k for k in keys if k not in known)
    return {k: v.replace(" ", "") for k, v in keys.items() if k in known and v.strip()}, unknown
