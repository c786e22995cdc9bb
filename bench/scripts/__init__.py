"""Load, fault, editor and HTTP Observatory scripts, run with `python -m bench.scripts.<name>`.
Each starts and stops its site through bench.harness.Stack."""
