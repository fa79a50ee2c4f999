"""Tests of :mod:`ecm_plan.trajectory`, one module per module of the package."""
