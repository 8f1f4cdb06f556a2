"""coopgraph: publish the international cooperation of municipalities as linked open data."""

from coopgraph.errors import CoopgraphError, LoadError, QueryError, ShapesError
from coopgraph.project import open_project_store, validate_project
from coopgraph.settings import Settings, load_settings
from coopgraph.validation import Severity, ValidationReport, ValidationResult

__version__ = "0.1.0"

__all__ = [
    "CoopgraphError",
    "LoadError",
    "QueryError",
    "Settings",
    "Severity",
    "ShapesError",
    "ValidationReport",
    "ValidationResult",
    "__version__",
    "load_settings",
    "open_project_store",
    "validate_project",
]
