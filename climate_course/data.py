"""Load the course's curated tables from ``data/`` and validate them on load.

Each table is a CSV file ``data/<name>.csv`` with a metadata file
``data/<name>.meta.json`` beside it. The metadata documents the table (title,
source, licence, attribution) and gives its schema: columns with type, unit and
constraints, and the columns that form a unique key. :func:`load_table` checks
the CSV against that schema and raises a :class:`DataValidationError` naming the
file and the problem when anything is off.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd

from .i18n import _

DATA_DIR_ENV = "CLIMATE_COURSE_DATA"
_TYPES = ("string", "integer", "number", "boolean")


def default_data_dir() -> Path:
    """Where the tables are: ``$CLIMATE_COURSE_DATA`` if set; else the copy an installed
    package carries (``climate_course/_data``, see ``setup.py``); else the repository's ``data/``
    (an editable install or a checkout)."""
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        return Path(override)
    packaged = Path(__file__).resolve().parent / "_data"
    return packaged if packaged.is_dir() else Path(__file__).resolve().parent.parent / "data"


class DataValidationError(ValueError):
    """A curated table is missing or does not match its schema."""

    def __init__(self, path: Path | str, problem: str):
        self.path = Path(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")


class MissingDataFileError(DataValidationError, FileNotFoundError):
    """The CSV or its metadata file does not exist."""


class SchemaError(DataValidationError):
    """A column is missing, has the wrong type, or holds a value out of range."""


class DuplicateKeyError(DataValidationError):
    """Two rows share the same value of the table's unique key."""


@dataclass(frozen=True)
class Field:
    """One column of a table's schema."""

    name: str
    type: str
    description: str
    unit: str | None = None
    required: bool = False
    minimum: float | None = None
    maximum: float | None = None
    enum: tuple | None = None


@dataclass(frozen=True)
class TableMeta:
    """A table's metadata: documentation plus the schema it is validated against."""

    name: str
    title: str
    description: str
    fields: tuple[Field, ...]
    primary_key: tuple[str, ...]
    sources: tuple[dict, ...]
    licenses: tuple[dict, ...]
    attribution: str

    @property
    def citation(self) -> str:
        """A one-line source credit for captions: the attribution the licence asks for."""
        return _("Source: {attribution}", attribution=_(self.attribution))


def _read_meta(path: Path) -> TableMeta:
    if not path.exists():
        raise MissingDataFileError(path, "metadata file not found")
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        fields = []
        for spec in raw["schema"]["fields"]:
            if spec["type"] not in _TYPES:
                raise SchemaError(path, f"column {spec['name']!r} has unknown type {spec['type']!r}")
            limits = spec.get("constraints", {})
            fields.append(
                Field(
                    name=spec["name"],
                    type=spec["type"],
                    description=spec["description"],
                    unit=spec.get("unit"),
                    required=limits.get("required", False),
                    minimum=limits.get("minimum"),
                    maximum=limits.get("maximum"),
                    enum=tuple(limits["enum"]) if "enum" in limits else None,
                )
            )
        return TableMeta(
            name=raw["name"],
            title=raw["title"],
            description=raw["description"],
            fields=tuple(fields),
            primary_key=tuple(raw["schema"]["primaryKey"]),
            sources=tuple(raw["sources"]),
            licenses=tuple(raw["licenses"]),
            attribution=raw["attribution"],
        )
    except json.JSONDecodeError as err:
        raise SchemaError(path, f"metadata is not valid JSON ({err})") from err
    except KeyError as err:
        raise SchemaError(path, f"metadata lacks the entry {err.args[0]!r}") from err


def table_names(data_dir: Path | None = None) -> list[str]:
    """Names of every table that has a metadata file in the data folder."""
    folder = Path(data_dir) if data_dir else default_data_dir()
    return sorted(p.name.removesuffix(".meta.json") for p in folder.glob("*.meta.json"))


def table_meta(name: str, data_dir: Path | None = None) -> TableMeta:
    """The metadata of table ``name``."""
    folder = Path(data_dir) if data_dir else default_data_dir()
    return _read_meta(folder / f"{name}.meta.json")


def joint_citation(names) -> str:
    """One source credit for a chart drawn from several tables: their attributions after one "Source:"."""
    return _("Source: {attribution}", attribution="; ".join(_(table_meta(name).attribution) for name in names))


def _rows(mask: pd.Series) -> str:
    """Describe offending rows by CSV line number (header is line 1)."""
    lines = [str(i + 2) for i in mask[mask].index[:5]]
    more = f" and {int(mask.sum()) - 5} more" if mask.sum() > 5 else ""
    return f"line {', '.join(lines)}{more}"


def _coerce(column: pd.Series, field: Field, path: Path) -> pd.Series:
    present = column.notna()
    if field.type == "string":
        return column.astype("string")
    if field.type == "boolean":
        mapped = column.map({"true": True, "false": False, "True": True, "False": False})
        bad = present & mapped.isna()
        if bad.any():
            raise SchemaError(path, f"column {field.name!r} must be true/false; bad values at {_rows(bad)}")
        return mapped.astype("boolean")
    numbers = pd.to_numeric(column, errors="coerce")
    bad = present & numbers.isna()
    if bad.any():
        example = column[bad].iloc[0]
        raise SchemaError(path, f"column {field.name!r} must be {field.type}; {example!r} at {_rows(bad)}")
    if field.type == "integer":
        fractional = numbers.notna() & (numbers % 1 != 0)
        if fractional.any():
            raise SchemaError(path, f"column {field.name!r} must be integer; fractions at {_rows(fractional)}")
        return numbers.astype("Int64")
    return numbers.astype("float64")


def validate(frame: pd.DataFrame, meta: TableMeta, path: Path) -> pd.DataFrame:
    """Check ``frame`` (as read, all text) against ``meta`` and return it typed."""
    missing = [f.name for f in meta.fields if f.name not in frame.columns]
    if missing:
        raise SchemaError(path, f"missing column(s) {missing}")
    unexpected = [c for c in frame.columns if c not in {f.name for f in meta.fields}]
    if unexpected:
        raise SchemaError(path, f"column(s) {unexpected} are not in the schema")
    typed = pd.DataFrame(index=frame.index)
    for field in meta.fields:
        column = _coerce(frame[field.name], field, path)
        if field.required and column.isna().any():
            raise SchemaError(path, f"column {field.name!r} has empty values at {_rows(column.isna())}")
        if field.minimum is not None and (column < field.minimum).any():
            low = (column < field.minimum).fillna(False)
            raise SchemaError(path, f"column {field.name!r} below its minimum {field.minimum} at {_rows(low)}")
        if field.maximum is not None and (column > field.maximum).any():
            high = (column > field.maximum).fillna(False)
            raise SchemaError(path, f"column {field.name!r} above its maximum {field.maximum} at {_rows(high)}")
        if field.enum is not None:
            outside = column.notna() & ~column.isin(field.enum)
            if outside.any():
                raise SchemaError(
                    path, f"column {field.name!r} has {column[outside].iloc[0]!r} (allowed: {list(field.enum)}) at {_rows(outside)}"
                )
        typed[field.name] = column
    duplicated = typed.duplicated(subset=list(meta.primary_key), keep=False)
    if duplicated.any():
        first = [value.item() if hasattr(value, "item") else value
                 for value in typed.loc[duplicated, list(meta.primary_key)].iloc[0]]
        raise DuplicateKeyError(path, f"duplicate key {meta.primary_key} = {tuple(first)} at {_rows(duplicated)}")
    return typed


@lru_cache(maxsize=None)
def _load_cached(name: str, folder: str) -> pd.DataFrame:
    meta = table_meta(name, Path(folder))
    path = Path(folder) / f"{name}.csv"
    if not path.exists():
        raise MissingDataFileError(path, f"data file for table {name!r} not found")
    try:
        raw = pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""])
    except (pd.errors.ParserError, UnicodeDecodeError) as err:
        raise SchemaError(path, f"cannot be read as CSV ({err})") from err
    return validate(raw, meta, path)


def load_table(name: str, data_dir: Path | None = None) -> pd.DataFrame:
    """Load curated table ``name`` from ``data/``, validated against its metadata.

    Raises :class:`MissingDataFileError`, :class:`SchemaError` or
    :class:`DuplicateKeyError` (all :class:`DataValidationError`), each naming
    the file and the problem.
    """
    folder = str(Path(data_dir).resolve() if data_dir else default_data_dir())
    return _load_cached(name, folder).copy()
