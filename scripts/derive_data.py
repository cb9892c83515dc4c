"""Derive the course's curated tables in ``data/`` from the raw public files.

Usage:  python scripts/derive_data.py [--raw ../shared/data/raw] [TABLE ...]

Each module in ``scripts/derivations/`` exports ``TABLES``: a mapping from table
name to a function that takes the raw-data folder and returns a DataFrame. This
script writes each table to ``data/<name>.csv`` and then loads it back through
the course's validating loader, so a table that breaks its documented schema
(``data/<name>.meta.json``) is never left behind silently. The book and the
notebooks never run this script; they only read the committed tables.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from climate_course.data import default_data_dir, load_table  # noqa: E402
import derivations  # noqa: E402


def all_derivations() -> dict:
    """Every table name mapped to the function that derives it."""
    tables = {}
    for module in pkgutil.iter_modules(derivations.__path__):
        tables.update(importlib.import_module(f"derivations.{module.name}").TABLES)
    return tables


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--raw", type=Path, default=ROOT.parent / "shared" / "data" / "raw")
    parser.add_argument("tables", nargs="*", help="tables to derive (default: all)")
    args = parser.parse_args()
    available = all_derivations()
    unknown = set(args.tables) - set(available)
    if unknown:
        parser.error(f"unknown table(s) {sorted(unknown)}; known: {sorted(available)}")
    out = default_data_dir()
    for name in args.tables or sorted(available):
        frame = available[name](args.raw)
        frame.to_csv(out / f"{name}.csv", index=False, lineterminator="\n", float_format="%.8g")
        checked = load_table(name)
        print(f"{name}: {len(checked)} rows x {checked.shape[1]} columns -> data/{name}.csv")


if __name__ == "__main__":
    main()
