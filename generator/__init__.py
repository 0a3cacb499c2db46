"""refcat's command line, output formats and sites: findings -> views -> files."""
