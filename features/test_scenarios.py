"""Collects every .feature file in this folder: a new one runs on every binding with no code change."""

from pytest_bdd import scenarios

scenarios(".")
