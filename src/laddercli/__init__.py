"""laddercli: engineering leadership roles, how they compare, and the paths between them."""

__version__ = "0.1.0"


def main() -> None:
    """The ``ladder`` console script.

    The CLI is imported here, inside the ``try``, so that Ctrl-C pressed while Python is
    still importing Typer ends with exit code 130 like any other Ctrl-C, not a traceback.
    """
    try:
        from laddercli.cli import main as cli_main

        cli_main()
    except KeyboardInterrupt:
        raise SystemExit(130) from None
