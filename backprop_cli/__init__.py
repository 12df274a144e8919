"""`backprop`: the command-line client of the REST API (docs/cli.md). No Django in here."""

__version__ = "0.1.0"
