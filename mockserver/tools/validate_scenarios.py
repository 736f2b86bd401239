#!/usr/bin/env python3
"""Validates mockserver/scenarios/*.json against mockserver/schema/scenario.schema.json.

Needs python3-jsonschema. The loader (scenario_loader.cpp) checks the same rules and more; this
keeps the schema honest: every shipped scenario must pass both.
"""
import json
import pathlib
import sys

import jsonschema

root = pathlib.Path(__file__).resolve().parent.parent
schema = json.loads((root / "schema" / "scenario.schema.json").read_text())
validator = jsonschema.Draft202012Validator(schema)
problems = 0
files = sorted((root / "scenarios").glob("*.json")) if len(sys.argv) < 2 else [pathlib.Path(p) for p in sys.argv[1:]]
for path in files:
    for error in validator.iter_errors(json.loads(path.read_text())):
        problems += 1
        print(f"{path}: {error.json_path}: {error.message}")
print(f"{len(files)} file(s), {problems} problem(s)", file=sys.stderr)
sys.exit(1 if problems else 0)
