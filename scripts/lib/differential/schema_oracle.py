"""Python `jsonschema` as the oracle for our validator, configured as described in
`known_differences.ORACLE_ADJUSTMENTS`."""

import decimal
from decimal import Decimal

import jsonschema
from jsonschema import validators

BASE = {"4": jsonschema.Draft4Validator, "7": jsonschema.Draft7Validator, "2020-12": jsonschema.Draft202012Validator}


def _is_integer(checker, instance):
    if isinstance(instance, bool):
        return False
    if isinstance(instance, int):
        return True
    return isinstance(instance, Decimal) and instance.is_finite() and instance == instance.to_integral_value()


VALIDATORS = {
    draft: validators.extend(base, type_checker=base.TYPE_CHECKER.redefine("integer", _is_integer))
    for draft, base in BASE.items()
}


# multipleOf computes a remainder: enough digits that no generated quotient is rounded or refused.
decimal.getcontext().prec = 200


def verdicts(draft, schema, instances):
    """Python's valid/invalid for each instance (numbers as Decimal), after checking the schema
    against its meta-schema (a generator bug otherwise)."""
    cls = VALIDATORS[draft]
    BASE[draft].check_schema(schema)
    validator = cls(schema, format_checker=jsonschema.FormatChecker())
    return [validator.is_valid(instance) for instance in instances]
