"""Dump spaCy's English tokenizer rules (MIT licensed, (c) ExplosionAI GmbH) to
lib/scoring/tokenizer/spacy-en.json, the data Sift's TypeScript port of the
tokenizer runs on. Developer tool only: the app and CI read the JSON.

    python3 -m venv .venv-spacy && .venv-spacy/bin/pip install spacy==3.8.*
    .venv-spacy/bin/python scripts/dev/dump-spacy-en.py
"""
import json
import pathlib

import spacy
from spacy.pipeline import Sentencizer

nlp = spacy.blank("en")
tok = nlp.tokenizer
specials = {}
for orth, pieces in tok.rules.items():
    # 65 is spaCy's ORTH attribute id: keep only the token texts.
    specials[orth] = [p[65] if 65 in p else p["ORTH"] for p in pieces]

out = {
    "spacy_version": spacy.__version__,
    "prefix": tok.prefix_search.__self__.pattern,
    "suffix": tok.suffix_search.__self__.pattern,
    "infix": tok.infix_finditer.__self__.pattern,
    "url": tok.url_match.__self__.pattern,
    "specials": specials,
    "sentence_punct": Sentencizer.default_punct_chars,
}
path = pathlib.Path(__file__).resolve().parents[2] / "lib/scoring/tokenizer/spacy-en.json"
path.parent.mkdir(parents=True, exist_ok=True)
path.write_text(json.dumps(out, ensure_ascii=False, indent=0, sort_keys=True) + "\n")
print(f"wrote {path} ({path.stat().st_size} bytes, {len(specials)} special cases)")
