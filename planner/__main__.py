"""`python -m planner`: the desktop app, exactly as the `planner` command."""

import sys

from planner.gui.app import main

if __name__ == "__main__":
    sys.exit(main())
