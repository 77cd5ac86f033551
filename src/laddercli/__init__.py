"""laddercli: engineering leadership roles, how they compare, and the paths between them."""

__version__ = "0.1.0"


def main() -> None:
    """The ``ladder`` console script.

    The CLI is imported here, inside the ``try``, so that Ctrl-C pressed while Python is
    still importing Typer ends with exit code 130 like any other Ctrl-C, not a traceback.

    The cyclic garbage collector is off for a command that asks nothing: starting Typer,
    pydantic and Rich makes several hundred thousand objects that all live until the end,
    and the collector would only walk them, over and over, and once more at exit (a fifth
    of the CPU time of ``ladder show``). Reference counting still frees what is no longer
    used, and the catalog and the rest make no garbage cycles worth collecting. At the end
    the survivors are frozen, so that the collections at exit pass them by; files and the
    history are closed by their own ``with`` blocks before that. The questionnaire turns
    the collector back on (``cli._assess_interactively``): it runs for minutes, and its
    terminal makes cycles at every key press; then nothing is frozen and the exit is the
    usual one.
    """
    import gc

    gc.disable()
    try:
        from laddercli.cli import main as cli_main

        cli_main()
    except KeyboardInterrupt:
        raise SystemExit(130) from None
    finally:
        if not gc.isenabled():
            gc.freeze()
