"""The bundled lexicon files (YAML package data, installed as ``normalizer.lexicons``)."""
