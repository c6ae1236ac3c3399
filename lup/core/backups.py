"""Backing up and restoring the database (`manage.py backup` / `restore`, `make backup` /
`make restore`): pg_dump and pg_restore on PostgreSQL, SQLite's backup API on SQLite."""

import os
import sqlite3
import subprocess
from pathlib import Path
from typing import Any

from django.db.backends.base.base import BaseDatabaseWrapper


class BackupError(Exception):
    pass


def _pg_command(connection: BaseDatabaseWrapper, program: str) -> tuple[list[str], dict[str, str]]:
    """The program's connection options and environment (the password in PGPASSWORD, never
    on the command line)."""
    settings: dict[str, Any] = connection.settings_dict
    args = [program, "--no-owner", "--dbname", str(settings["NAME"])]
    if settings.get("HOST"):
        args += ["--host", str(settings["HOST"])]
    if settings.get("PORT"):
        args += ["--port", str(settings["PORT"])]
    if settings.get("USER"):
        args += ["--username", str(settings["USER"])]
    env = dict(os.environ)
    if settings.get("PASSWORD"):
        env["PGPASSWORD"] = str(settings["PASSWORD"])
    return args, env


def _run(args: list[str], env: dict[str, str]) -> None:
    try:
        result = subprocess.run(args, env=env, capture_output=True, text=True, check=False)
    except FileNotFoundError as exc:
        raise BackupError(
            f"{args[0]} is missing: install the PostgreSQL client (apt-get install "
            "postgresql-client), the same major version as the server or newer."
        ) from exc
    if result.returncode != 0:
        raise BackupError(f"{args[0]} failed: {result.stderr.strip()}")


def _sqlite_file(connection: BaseDatabaseWrapper) -> sqlite3.Connection:
    connection.ensure_connection()
    raw = connection.connection
    assert isinstance(raw, sqlite3.Connection)
    return raw


def backup_database(connection: BaseDatabaseWrapper, path: Path) -> None:
    if connection.vendor == "postgresql":
        args, env = _pg_command(connection, "pg_dump")
        _run([*args, "--format=custom", "--file", str(path)], env)
    elif connection.vendor == "sqlite":
        target = sqlite3.connect(path)
        try:
            _sqlite_file(connection).backup(target)
        finally:
            target.close()
    else:
        raise BackupError(f"No backup for the {connection.vendor} database.")


def restore_database(connection: BaseDatabaseWrapper, path: Path) -> None:
    if connection.vendor == "postgresql":
        # Django's own connection holds no lock the restore would wait for.
        connection.close()
        args, env = _pg_command(connection, "pg_restore")
        _run([*args, "--clean", "--if-exists", "--single-transaction", str(path)], env)
    elif connection.vendor == "sqlite":
        source = sqlite3.connect(path)
        try:
            source.backup(_sqlite_file(connection))
        finally:
            source.close()
    else:
        raise BackupError(f"No restore for the {connection.vendor} database.")
