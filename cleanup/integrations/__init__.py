"""Adapters that put the pipeline into other tools' pipelines.

Each module imports its tool at load time, so import the one you need
(``from cleanup.integrations.datatrove import CleanupStep``); the package itself
imports none of them.
"""
