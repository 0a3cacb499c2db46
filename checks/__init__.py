"""Review pipeline: record files -> models -> findings -> who is published. No Pelican here."""
