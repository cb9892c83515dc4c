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

import numpy as np
import pandas as pd

from .i18n import _, translate_name
from .tables import Table

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


#: A text value of at most this many words is a key code compares with ("China", "Carbon markets"):
#: a translated data view shows it in English too. Longer texts are to be read, and shown translated.
KEY_WORDS = 4


def _places(column: pd.Series, most: int = 4) -> int:
    """The fewest decimal places (up to ``most``) that show every value of ``column`` as stored."""
    values = column.dropna().to_numpy(dtype=float)
    return next((p for p in range(most) if np.allclose(values, values.round(p), rtol=0, atol=1e-9)), most)


def _shown_text(value):
    """A text cell in the current language; a short key keeps its English beside it ("中国 (China)")."""
    if not isinstance(value, str):
        return value
    name = translate_name(value)
    if name == value:  # not a name in the tables: perhaps a word the package translates ("Power")
        name = _(value)
    if name == value:
        return value
    return f"{name} ({value})" if len(value.split()) <= KEY_WORDS else name


def data_view(frame: pd.DataFrame, table: str | None = None, rows: int | None = 5, *, caption: str | None = None,
              units: dict[str, str] | None = None) -> Table:
    """``frame`` (its first ``rows`` if given) as a student's code sees it: column names exactly as
    typed, with their units, numbers as stored; in another language the text is translated, short
    keys with their English beside them. ``table``: the curated table the rows come from, which gives
    the caption and the units; otherwise give ``caption`` (and ``units``)."""
    if table is None and caption is None:
        raise ValueError("data_view needs the curated table the rows come from, or a caption")
    meta = table_meta(table) if table else None
    shown = frame.head(rows) if rows else frame
    if any(shown.index.names):
        shown = shown.reset_index()
    texts = [c for c in shown.columns if shown[c].dtype == object or pd.api.types.is_string_dtype(shown[c])]
    shown = shown.assign(**{c: shown[c].map(_shown_text) for c in texts})
    fields = {f.name: f.unit for f in meta.fields if f.unit and f.name in shown.columns} if meta else {}
    years = [c for c, unit in fields.items() if unit == "year"]
    shown = shown.assign(**{c: shown[c].astype("string") for c in years})  # 2024, not 2,024
    units = {c: unit for c, unit in {**fields, **(units or {})}.items() if c in shown.columns and c not in years}
    floats = {c: _places(shown[c]) for c in shown.columns if pd.api.types.is_float_dtype(shown[c])}
    if caption is None:
        caption = _("{title} ({shown} of {total:,} rows; column names as you type them in code)", title=_(meta.title),
                    shown=len(shown), total=len(load_table(table)))
    return Table(shown.reset_index(drop=True), caption, units=units, decimals=floats, numeric=years, code_headers=True)
