"""A small pure-Python evaluator for the Vega expressions our static charts use (no Node needed).

Covers the subset the labs write: numbers, strings, ``datum.field``, parameter
names, arithmetic, comparisons, ``&&``/``||``/``!``, the ternary ``a ? b : c``
and the functions ``pow``, ``exp``, ``max``, ``min``, ``abs``, ``isValid`` and
``format`` (d3 formats ``,.Nf`` and ``.Nf`` only). JavaScript's ``+`` joins
strings. Anything else raises ``SyntaxError`` so a test cannot pass by accident.
"""

from __future__ import annotations

import math
import re

_TOKEN = re.compile(r"\s*(?:(\d+\.?\d*(?:[eE][-+]?\d+)?|\.\d+)|('(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\")"
                    r"|([A-Za-z_]\w*)|(===|!==|==|!=|<=|>=|&&|\|\||[-+*/%<>!?:(),.]))")


def _fmt(value, spec):
    m = re.fullmatch(r"(,?)\.(\d+)f", spec)
    if not m:
        raise SyntaxError(f"format {spec!r} not supported")
    text = f"{value:{m.group(1)}.{m.group(2)}f}"
    return text.replace("-", "−")  # d3-format writes a real minus sign


FUNCTIONS = {
    "pow": math.pow, "exp": math.exp, "max": max, "min": min, "abs": abs, "format": _fmt,
    "isValid": lambda v: v is not None and not (isinstance(v, float) and math.isnan(v)),
}


def _tokens(text):
    pos, out = 0, []
    text = text.strip()
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if not m or m.end() == pos:
            raise SyntaxError(f"cannot read {text[pos:pos + 20]!r}")
        num, string, name, op = m.groups()
        out.append(("num", float(num)) if num else ("str", string[1:-1]) if string else
                   ("name", name) if name else ("op", op))
        pos = m.end()
    return out + [("end", None)]


class _Parser:
    def __init__(self, text):
        self.toks, self.i = _tokens(text), 0

    def peek(self, *ops):
        kind, val = self.toks[self.i]
        return kind == "op" and val in ops

    def take(self, op=None):
        tok = self.toks[self.i]
        if op is not None and tok != ("op", op):
            raise SyntaxError(f"expected {op!r}, got {tok}")
        self.i += 1
        return tok

    def parse(self):
        node = self.ternary()
        if self.toks[self.i][0] != "end":
            raise SyntaxError(f"unexpected {self.toks[self.i]}")
        return node

    def ternary(self):
        cond = self.binary(0)
        if self.peek("?"):
            self.take("?")
            yes = self.ternary()
            self.take(":")
            no = self.ternary()
            return lambda env: yes(env) if cond(env) else no(env)
        return cond

    LEVELS = [("||",), ("&&",), ("==", "!=", "===", "!=="), ("<", "<=", ">", ">="), ("+", "-"), ("*", "/", "%")]

    def binary(self, level):
        if level == len(self.LEVELS):
            return self.unary()
        left = self.binary(level + 1)
        while self.peek(*self.LEVELS[level]):
            op = self.take()[1]
            right = self.binary(level + 1)
            left = self._combine(op, left, right)
        return left

    @staticmethod
    def _combine(op, a, b):
        def plus(x, y):
            return f"{x}{y}" if isinstance(x, str) or isinstance(y, str) else x + y
        ops = {"||": lambda e: a(e) or b(e), "&&": lambda e: a(e) and b(e),
               "==": lambda e: a(e) == b(e), "===": lambda e: a(e) == b(e),
               "!=": lambda e: a(e) != b(e), "!==": lambda e: a(e) != b(e),
               "<": lambda e: a(e) < b(e), "<=": lambda e: a(e) <= b(e),
               ">": lambda e: a(e) > b(e), ">=": lambda e: a(e) >= b(e),
               "+": lambda e: plus(a(e), b(e)), "-": lambda e: a(e) - b(e), "*": lambda e: a(e) * b(e),
               "/": lambda e: a(e) / b(e), "%": lambda e: math.fmod(a(e), b(e))}
        return ops[op]

    def unary(self):
        if self.peek("-", "+", "!"):
            op = self.take()[1]
            inner = self.unary()
            return {"-": lambda e: -inner(e), "+": lambda e: +inner(e), "!": lambda e: not inner(e)}[op]
        return self.postfix()

    def postfix(self):
        kind, val = self.take()
        if kind == "num" or kind == "str":
            return lambda e, v=val: v
        if kind == "op" and val == "(":
            node = self.ternary()
            self.take(")")
            return node
        if kind != "name":
            raise SyntaxError(f"unexpected {val!r}")
        if val == "datum":
            self.take(".")
            field = self.take()[1]
            return lambda e, f=field: e["datum"].get(f)
        if val == "null":
            return lambda e: None
        if self.peek("("):
            if val not in FUNCTIONS:
                raise SyntaxError(f"function {val} not supported")
            self.take("(")
            args = []
            while not self.peek(")"):
                args.append(self.ternary())
                if self.peek(","):
                    self.take(",")
            self.take(")")
            fn = FUNCTIONS[val]
            return lambda e: fn(*[arg(e) for arg in args])
        return lambda e, n=val: e["params"][n]


def evaluate(expr: str, datum: dict | None = None, **params):
    """Value of the Vega expression ``expr`` for one ``datum`` and the given parameter values."""
    return _Parser(expr).parse()({"datum": datum or {}, "params": params})
