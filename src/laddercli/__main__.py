"""Allow ``python -m laddercli``."""

from laddercli.cli import main

if __name__ == "__main__":
    main()
