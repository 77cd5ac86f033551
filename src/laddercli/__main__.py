"""Allow ``python -m laddercli``."""

from laddercli import main

if __name__ == "__main__":
    main()
