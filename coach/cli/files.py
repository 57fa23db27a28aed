"""``coach init``, ``demo``, ``backup`` and ``restore``: the store file as a whole."""

from __future__ import annotations

import shlex
from datetime import date
from pathlib import Path

import click

from coach.cli.common import DATE, db_option, note_kept_stores, writing
from coach.store import db
from coach.wording import plural


@click.command()
@db_option
def init(db_path: str | None) -> None:
    """Create the store (or bring an existing one up to date)."""
    path = db.resolve_path(db_path)
    note_kept_stores(path)
    with db.session(path, create="always") as conn:
        version = db.schema_version(conn)
    click.echo(f"Store ready at {path} (schema version {version}).")


@click.command()
@db_option
@click.option("--anchor", type=DATE, metavar="YYYY-MM-DD", help="Treat this day as today. Default: today.")
@click.option("--seed", type=int, default=7, show_default=True, help="Random seed of the generated data.")
@click.option(
    "--linkedin-export",
    "export_file",
    type=click.Path(dir_okay=False, path_type=Path),
    metavar="FILE.zip",
    help="Instead, write the sample LinkedIn export (made up, to see what an export holds and try "
    "importing one) to FILE.zip; the store is left alone.",
)
def demo(db_path: str | None, anchor: date | None, seed: int, export_file: Path | None) -> None:
    """Rebuild the demo seekers and their data (other seekers are kept), or write the sample export."""
    if export_file is not None:
        _write_sample_export(export_file)
        return
    from coach.demo import build_demo

    path = db.resolve_path(db_path)
    note_kept_stores(path)
    with db.session(path, create="always") as conn:
        summary = build_demo(conn, anchor=anchor or date.today(), seed=seed)
    click.echo(f"Demo rebuilt in {path}: {', '.join(summary.seekers)}.")


def _write_sample_export(out_file: Path) -> None:
    """Write the sample LinkedIn export and say how to import it for the person it belongs to."""
    from coach.demo.sample_export import SAMPLE_OWNER, linkedin_zip

    with writing(out_file):
        out_file.write_bytes(linkedin_zip())
    command = f"coach import linkedin {shlex.quote(str(out_file))} --seeker {shlex.quote(SAMPLE_OWNER)}"
    click.echo(
        f"Wrote the sample LinkedIn export of {SAMPLE_OWNER}, a made-up person, to {out_file}. "
        f"Import it with: {command}"
    )


@click.command()
@db_option
@click.argument("out_file", type=click.Path(dir_okay=False, path_type=Path))
def backup(db_path: str | None, out_file: Path) -> None:
    """Write the whole store to one zip file that restores on any machine."""
    from coach.output.export import backup as write_backup

    path = db.resolve_path(db_path)
    write_backup(path, out_file)
    click.echo(f"Backed up {path} to {out_file}.")


@click.command()
@db_option
@click.argument("backup_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Replace a store that already holds data.")
def restore(db_path: str | None, backup_file: Path, force: bool) -> None:
    """Rebuild the store from a backup zip (refuses to overwrite data without --force)."""
    from coach.output.export import restore as read_backup

    path = db.resolve_path(db_path)
    done = read_backup(backup_file, path, force=force)
    kept = f" The store it replaced is kept as {done.kept}." if done.kept else ""
    click.echo(f"Restored {plural(done.seekers, 'seeker')} from {backup_file} into {path}.{kept}")
