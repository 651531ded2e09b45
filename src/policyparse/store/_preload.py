"""Imported once by the forkserver (see engines._context): jieba's dictionary and the grammars
are loaded there, so every pool worker forks warm instead of loading them again. The forkserver
also asks to die with the ingesting process (store.guard): it must not outlive a killed ingest."""
from .guard import die_with_parent
from .work import warm

die_with_parent()
warm()
