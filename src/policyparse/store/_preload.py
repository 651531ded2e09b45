"""Imported once by the forkserver (see engines._context): jieba's dictionary and the grammars
are loaded there, so every pool worker forks warm instead of loading them again."""
from .work import warm

warm()
