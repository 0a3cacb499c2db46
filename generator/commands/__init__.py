"""One module per subcommand: plain functions taking plain values, returning an exit code."""
