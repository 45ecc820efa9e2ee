"""`python -m generator` is the same as the `kinu-brief` command."""

import sys

from generator.cli import main

sys.exit(main())
