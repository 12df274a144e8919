"""`python -m backprop_cli`: the same as the `backprop` command."""

import sys

from backprop_cli.main import main

sys.exit(main())
