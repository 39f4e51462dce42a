"""The window and everything that composes the features: the actions registry, menus and toolbar, undo, welcome, help and settings. The only package that imports features."""
