"""`python -m elearn`: the same commands as the `elearn` script."""

from .cli import main

main()
