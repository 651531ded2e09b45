"""One folder per dimension (Duckling style): grammar code beside examples.yaml.

Each quantity dimension exposes ``search(text) -> list[Record]`` (find in running text,
offsets local to ``text``) and ``parse(s) -> Record | None`` (one string, whole).
Derived dimensions expose ``derive(doc, clause, records) -> list[Record]``.
"""
