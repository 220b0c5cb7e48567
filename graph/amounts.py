"""Amounts (``kg:amount``, ``kg:valuation``, ``kg:quantity`` nodes) as the projection
writes them: "about 12,000,000 CNY", "170 cars", "5 (currency unknown)".

>>> class Tables:  # the one method format_amount reads
...     def __init__(self, values): self.values = values
...     def first(self, predicate, node): return self.values.get(predicate.rsplit("#", 1)[1])
>>> integer = XSD_NS + "integer"
>>> format_amount(Tables({"value": Lit(("12000000", None, integer)), "currency": Lit(("CNY", None, None)),
...                       "approximate": Lit(("true", None, XSD_NS + "boolean"))}), "_:a")
'about 12,000,000 CNY'
>>> format_amount(Tables({"value": Lit(("2.5", None, XSD_NS + "decimal")), "unit": Lit(("years", None, None))}), "_:b")
'2.5 years'
"""

from __future__ import annotations

import re

from .tables import KG_NS, XSD_NS, Lit, is_true, text_of

__all__ = ["format_amount"]

_XSD_INTEGER = "http://www.w3.org/2001/XMLSchema#integer"
_DIGITS = re.compile(r"-?[0-9]+\Z")
# the numeric datatypes an amount's value is read as, as rdflib's toPython reads them
_NUMBERS = {XSD_NS + name: kind for kinds, kind in ((("integer", "int", "long", "short", "nonNegativeInteger",
                                                     "positiveInteger", "negativeInteger", "nonPositiveInteger"), int),
                                                   (("decimal",), "decimal"), (("double", "float"), float))
            for name in kinds}


def _number(value: Lit):
    """An amount's value as a Python number (``int``, ``Decimal`` or ``float``)."""
    kind = _NUMBERS.get(value[2])
    if kind is None:  # another datatype: rdflib's reading of it
        from .backend import term_of

        return term_of(value).toPython()
    if kind == "decimal":
        from decimal import Decimal

        return Decimal(value[0].strip())
    return kind(value[0].strip())


def format_amount(t, node) -> str:
    """The amount node ``node`` of the tables ``t`` as text: its value with thousands
    separators, "about" when approximate, then its currency or unit."""
    value = t.first(KG_NS + "value", node)
    if value is None:
        return ""
    try:
        if not isinstance(value, Lit):
            raise TypeError("not a literal")
        num = int(value[0]) if value[2] == _XSD_INTEGER and _DIGITS.match(value[0]) else _number(value)
        text = f"{int(num):,}" if num == int(num) else f"{num:,}"
    except (TypeError, ValueError, OverflowError, ArithmeticError):
        text = text_of(value)
    flag = t.first(KG_NS + "approximate", node)
    approx = "about " if flag is not None and is_true(flag) else ""
    currency, unknown, unit = t.first(KG_NS + "currency", node), t.first(KG_NS + "currencyUnknown", node), t.first(KG_NS + "unit", node)
    if currency is not None:
        return f"{approx}{text} {text_of(currency)}"
    if unit is not None:
        return f"{approx}{text} {text_of(unit)}"
    if unknown is not None:
        return f"{approx}{text} (currency unknown)"
    return f"{approx}{text}"
