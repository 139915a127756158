"""Data shipped with the app (demo plan, icons, translations, styles), installed as planner.resources."""

from importlib.resources import files
from pathlib import Path


def resource_path(*parts: str) -> Path:
    """The path of a shipped resource, the same in a source checkout, an install and the frozen app."""
    return Path(str(files(__name__).joinpath(*parts)))
