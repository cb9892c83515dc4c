"""Logic behind the course *China and the United States: competitors or cooperators on
climate change?*: data loading and validation, chart builders and widget builders.

Importing the package makes the course's chart theme active and selects Altair's
``mimetype`` renderer: charts travel as Vega-Lite JSON, which JupyterLab draws with
its own bundled Vega (no CDN) and which the book renders with its vendored copy.
"""

import altair as alt

from . import theme
from .data import DataValidationError, data_view, joint_citation, load_table, table_meta

theme.enable()
alt.renderers.enable("mimetype")

__all__ = ["DataValidationError", "data_view", "joint_citation", "load_table", "table_meta"]
__version__ = "0.1.0"
