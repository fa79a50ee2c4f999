"""The rule families, one module each; importing this package registers every rule.

Private: :mod:`ecm_plan.coverage.rules` imports it before it reads the registry, so the
registry is complete whichever module is imported first.
"""

from ecm_plan.coverage._rules import ecm0xx, ecm1xx, ecm2xx, ecm3xx, ecm4xx, ecm5xx, ecm6xx

__all__ = ["ecm0xx", "ecm1xx", "ecm2xx", "ecm3xx", "ecm4xx", "ecm5xx", "ecm6xx"]
