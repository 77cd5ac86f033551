"""Assessments kept over time: the store and what it says about progress."""
