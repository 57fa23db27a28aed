"""Run the command line as ``python -m coach``."""

from coach.cli import main

main()
