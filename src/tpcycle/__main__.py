"""Run tpcycle as ``python -m tpcycle``."""

from tpcycle.cli.app import main

main()
