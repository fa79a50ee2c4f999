"""ecm_plan: Every Child Matters plans as a typed model and a graph."""

from importlib.metadata import version as _version

__version__ = _version("ecm-plan")

__all__ = ["__version__"]
