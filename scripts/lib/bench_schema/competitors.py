"""The validators we compare against, each as `check(bytes) -> bool` doing what schema-check
does per document: parse the bytes, validate with formats asserted, and collect the errors
only when the fast check failed."""

import json

import jsonschema
import jsonschema_rs


def _verdict(validator, instance):
    """Valid, or invalid with every error collected (as ours collects them)."""
    if validator.is_valid(instance):
        return True
    list(validator.iter_errors(instance))
    return False


def jsonschema_rs_check(schema):
    validator = jsonschema_rs.validator_for(schema, validate_formats=True)
    return lambda data: _verdict(validator, json.loads(data))


def jsonschema_rs_preparsed(schema, data):
    """jsonschema-rs on an already parsed instance: the validator alone, for reference."""
    validator = jsonschema_rs.validator_for(schema, validate_formats=True)
    instance = json.loads(data)
    return lambda _: _verdict(validator, instance)


def python_jsonschema_check(schema):
    cls = jsonschema.validators.validator_for(schema)
    validator = cls(schema, format_checker=cls.FORMAT_CHECKER)
    return lambda data: _verdict(validator, json.loads(data))


def versions():
    from importlib.metadata import version
    return {"jsonschema-rs": version("jsonschema_rs"), "jsonschema": version("jsonschema")}
