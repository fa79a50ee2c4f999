"""The error a field validator raises, naming the field (public in ecm_plan.exceptions)."""

from ecm_plan.exceptions import FieldError

__all__ = ["FieldError"]
