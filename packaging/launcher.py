"""Entry script of the frozen app: exactly the `planner` command (planner.gui.app:main).

It lives here rather than being planner/__main__.py because PyInstaller puts the entry script's
folder on its search path, and planner/io would then shadow the standard library's io.
"""

import sys

from planner.gui.app import main

if __name__ == "__main__":
    sys.exit(main())
