"""``coach app``: serve the installed app in the browser, from any folder.

Streamlit reads ``.streamlit/config.toml`` only from the folder it is started in, so the app's
own settings (those of the checkout's ``.streamlit/config.toml``) are given on Streamlit's
command line here; a test keeps the two the same.
"""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

import click

from coach.cli.common import db_option
from coach.store import db

# The checkout's .streamlit/config.toml, section by section.
SETTINGS: dict[str, dict[str, object]] = {
    "browser": {"gatherUsageStats": False},
    "client": {"toolbarMode": "minimal", "disableDataExport": True},
    "server": {"headless": True},
    "theme": {
        "primaryColor": "#0072B2",
        "redColor": "#D55E00",
        "orangeColor": "#E69F00",
        "greenColor": "#009E73",
    },
}


def app_script() -> Path:
    """The installed app's entry script: ``app.py`` beside the ``coach`` package (in site-packages,
    or in the checkout an editable install points at), never one in the current folder."""
    spec = importlib.util.find_spec("coach")
    origin = spec.origin if spec is not None else None
    script = Path(origin).resolve().parents[1] / "app.py" if origin else None
    if script is None or not script.is_file():
        raise click.ClickException(
            f"The app (app.py) is not beside the coach package ({script}); install the project again."
        )
    return script


def settings_flags() -> list[str]:
    """The app's settings as Streamlit's command-line flags: ``--theme.primaryColor=#0072B2``, …"""
    return [
        f"--{section}.{name}={str(value).lower() if isinstance(value, bool) else value}"
        for section, values in SETTINGS.items()
        for name, value in values.items()
    ]


def streamlit_arguments(script: Path, port: int | None) -> list[str]:
    """``streamlit run``'s arguments: the script, the app's settings, and the port if one is asked for."""
    return ["run", str(script), *settings_flags(), *([f"--server.port={port}"] if port is not None else [])]


@click.command()
@db_option
@click.option(
    "--port",
    type=click.IntRange(1, 65535),
    help="The port to serve on. Default: 8501, or the next free one.",
)
def app(db_path: str | None, port: int | None) -> None:
    """Serve the app on the store in the browser, from any folder; Ctrl+C stops it.

    The store is the one every command uses (--db, else $COACH_DB, else data/coach.duckdb); the
    app creates it, with the demo, if it does not exist yet.
    """
    from streamlit.web import cli as streamlit

    script = app_script()
    path = db.resolve_path(db_path)
    os.environ[db.ENV_VAR] = path  # the app reads its store from there (ui.data.store_path)
    click.echo(f"Serving the store {path}.")
    streamlit.main(streamlit_arguments(script, port), prog_name="streamlit")
