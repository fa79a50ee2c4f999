"""The version of the source tree; installed copies read it from package metadata."""

__version__ = "0.1.0"
