"""The app's screens: one module per screen, each implementing tui.screen_protocol.StoreView.

May import tui.widgets, tui.forms, claims and the store's public interface.
"""
