"""Safe edits of one record file: a round trip that changes only the edited block.

`roundtrip` reads and writes a file (atomic, refusing when it changed underneath),
`fields` edits inside the loaded structure, `session` runs one edit from finding the
record to printing its new findings, and one module per kind of edit says what changes.
"""
