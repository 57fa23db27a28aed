"""The ``coach`` command line: each command opens the store, calls one function, closes it.

Errors the user can act on print as one line on stderr with a non-zero exit
code, never a traceback. The options every command shares live in
:mod:`coach.cli.common`, each group of commands in a module of its own.
"""

from __future__ import annotations

import click

from coach.cli.app import app
from coach.cli.common import CoachGroup
from coach.cli.export import export
from coach.cli.files import backup, demo, init, restore
from coach.cli.log import log
from coach.cli.option import option
from coach.cli.report import due, report
from coach.cli.seeker import seeker
from coach.cli.suggest import suggest_command
from coach.cli.target import target

__all__ = ["main"]


@click.group(cls=CoachGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="informational-interview-coach", prog_name="coach")
def main() -> None:
    """Informational Interview Coach: track outreach, meetings and career evidence.

    Every command works on one store file (--db, else $COACH_DB, else
    data/coach.duckdb) and can run while the app is open.
    """


class _LazyImport(click.Group):
    """``coach import``, loaded only when it runs, so other commands start faster."""

    def _real(self) -> click.Group:
        from coach.cli.imports import import_group

        return import_group

    def list_commands(self, ctx: click.Context) -> list[str]:
        return self._real().list_commands(ctx)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        return self._real().get_command(ctx, name)


for command in (init, demo, app, seeker, option, target, report, due, log, export, backup, restore):
    main.add_command(command)
main.add_command(suggest_command, "suggest")
main.add_command(
    _LazyImport(
        "import", help="Import a LinkedIn data export or a tracking spreadsheet, or undo the latest import."
    )
)
