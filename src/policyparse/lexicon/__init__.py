"""Lexicons and gazetteers as data files (YAML under lexicon/data/), validated by pydantic.

``load("deontic", DeonticLexicon)`` reads ``data/deontic.yaml`` once per process and
validates it; a malformed file fails loudly at load time, naming the file.
"""
from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import TypeVar

import yaml
from pydantic import BaseModel, ValidationError

DATA = resources.files(__package__) / "data"
M = TypeVar("M", bound=BaseModel)


def data_path(name: str):
    return DATA / (name if name.endswith((".yaml", ".yml", ".json")) else f"{name}.yaml")


@lru_cache(maxsize=None)
def _raw(name: str):
    with data_path(name).open(encoding="utf-8") as f:
        return yaml.safe_load(f)


def load(name: str, model: type[M]) -> M:
    """Load ``data/<name>.yaml`` and validate it against ``model`` (cached per name+model)."""
    return _load(name, model)


@lru_cache(maxsize=None)
def _load(name: str, model):
    try:
        return model.model_validate(_raw(name))
    except ValidationError as e:  # say which file is wrong, not just which field
        raise ValueError(f"lexicon {data_path(name)} is invalid: {e}") from e
