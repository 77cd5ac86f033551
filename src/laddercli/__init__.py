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
    no_pydantic_plugins()
    try:
        from laddercli.cli import main as cli_main

        cli_main()
    except KeyboardInterrupt:
        raise SystemExit(130) from None
    finally:
        if not gc.isenabled():
            gc.freeze()


def no_pydantic_plugins() -> None:
    """Load no pydantic plugin in ladder's process: a plugin (found through the package
    metadata of whatever else is installed beside ladder) sees every validation, and may
    report it elsewhere, where ladder sends nothing anywhere. Pydantic's own switch for
    this (``PYDANTIC_DISABLE_PLUGINS``) still imports ``importlib.metadata`` to look for
    them, 14 ms of every run (``python -X importtime``); instead pydantic's plugin loader,
    whose one function its validators call, is one that finds none. Nothing is done if
    pydantic has loaded it already."""
    import sys
    import types

    name = "pydantic.plugin._loader"
    if name not in sys.modules:
        loader = types.ModuleType(name, "No pydantic plugins in ladder (laddercli.main).")
        loader.get_plugins = tuple  # type: ignore[attr-defined]  # get_plugins() -> ()
        sys.modules[name] = loader
