"""``python -m timeline``: the command line (see :mod:`timeline.cli`)."""

import sys

from .cli import main

if __name__ == "__main__":
    sys.exit(main())
