#!/usr/bin/env python3
"""Translates DMN decision tables (FEEL / S-FEEL) into SpiffWorkflow 3.2's DMN dialect, where every input
expression, input entry and output entry is a Python expression.

    python3 Benchmarks/spiff/translate.py OUT_DIR [SOURCE ...]

SOURCE is a .dmn file or a folder searched for .dmn files (default: Rules and the DMN TCK level 2 in
../shared/dmn-tck/compliance-level-2). Writes one SpiffWorkflow DMN file per decision table (SpiffWorkflow reads
one decision per file) and manifest.json, which compare.py reads. Every table that cannot be translated is listed
with the reason; nothing is dropped silently.

What is translated:
- input expressions: a name (`age`), a path into a context (`classification.deviceClass` becomes
  `classification["deviceClass"]`), and `list contains(list, "text")` joined by `or` / `and`;
- input entries (S-FEEL unary tests): `-`, literals (strings, numbers, `true`, `false`, `null`,
  `date("…")`), lists of them, comparisons (`< 18`, `>= date("2026-05-01")`), intervals (`[1..4]`, `(0..10]`)
  and `not(…)` of any of these. Plain equality and lists become SpiffWorkflow's operator-only form
  (`"a"`, ` in ("a", "b")`, ` is None`), which it compiles into one expression with the input; anything with a
  comparison uses its `?` form (`? is not None and ? < 18`): SpiffWorkflow evaluates the input separately
  there, and the `is not None` keeps FEEL's rule that a comparison with null never matches (Python would raise);
- date arithmetic: `path ± duration("P5Y")` (years, months, days) and comparisons of such terms, through the
  helper `add_duration` given to SpiffWorkflow's script environment;
- output entries: literals, names, paths, `path = literal` and `if … then … else …` of these;
- hit policies: SpiffWorkflow knows UNIQUE (it returns the first matching rule and stops) and COLLECT. UNIQUE,
  FIRST and ANY become its UNIQUE (the same answer whenever the table is well-formed: a UNIQUE or ANY violation
  shows up as a mismatch in compare.py); RULE ORDER becomes COLLECT; PRIORITY and OUTPUT ORDER become UNIQUE and
  COLLECT over the rules stably sorted by output priority (position of each output in its outputValues), which
  gives the same answer. FIRST as SpiffWorkflow's UNIQUE is its fastest correct form: given any other policy name
  it evaluates every rule and takes the first match, 2.7–5.6× slower on Yakuji's FIRST tables (measured
  2026-12-03), so ratios against that form would be that much higher. COLLECT with an aggregation (C+, C<, C>, C#) and a default output entry are applied by
  compare.py to SpiffWorkflow's result, inside its timed loop.

Dates use Python's `datetime.date`, given to SpiffWorkflow's script environment as the global `date`
(SPIFF_GLOBALS holds what the environment gets).
"""
import json
import keyword
import os
import re
import sys
import xml.etree.ElementTree as ET
from datetime import date

SPIFF_NS = "https://www.omg.org/spec/DMN/20191111/MODEL/"
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DEFAULT_SOURCES = [os.path.join(ROOT, "Rules"), os.path.join(ROOT, "..", "shared", "dmn-tck", "compliance-level-2")]


class Untranslatable(Exception):
    pass


# ---------------------------------------------------------------- FEEL literals and unary tests

TOKEN = re.compile(r'''\s*(?:
    (?P<string>"(?:[^"\\]|\\.)*")
  | (?P<date>date\(\s*"(?P<iso>\d{4}-\d{2}-\d{2})"\s*\))
  | (?P<number>-?\d+(?:\.\d+)?)
  | (?P<op><=|>=|!=|\.\.|[<>=\[\](),])
  | (?P<word>[A-Za-z_][\w ]*\(?)
  )''', re.X)


def tokens(text):
    pos, out = 0, []
    text = text.strip()
    while pos < len(text):
        m = TOKEN.match(text, pos)
        if not m or m.end() == pos:
            raise Untranslatable(f"cannot read {text[pos:]!r}")
        pos = m.end()
        if m.group("string") is not None:
            out.append(("lit", json.loads(m.group("string"))))
        elif m.group("date") is not None:
            out.append(("lit", date.fromisoformat(m.group("iso"))))
        elif m.group("number") is not None:
            n = m.group("number")
            out.append(("lit", float(n) if "." in n else int(n)))
        elif m.group("op") is not None:
            out.append(("op", m.group("op")))
        else:
            word = m.group("word").strip()
            if word in ("true", "false"):
                out.append(("lit", word == "true"))
            elif word == "null":
                out.append(("lit", None))
            elif word == "not(":
                out.append(("op", "not("))
            else:
                raise Untranslatable(f"the name or call {word!r} (only literals are translated here)")
    return out


def parse_unary(text):
    """(negated, [test]) where a test is ("eq", v), ("cmp", op, v) or ("range", lo, lo_closed, hi, hi_closed);
    None for `-`."""
    text = (text or "").strip()
    if text in ("", "-"):
        return None
    toks = tokens(text)
    negated = False
    if toks and toks[0] == ("op", "not("):
        if toks[-1] != ("op", ")"):
            raise Untranslatable(f"unbalanced not(…) in {text!r}")
        negated, toks = True, toks[1:-1]
    tests, i = [], 0

    def literal(j):
        if j >= len(toks) or toks[j][0] != "lit":
            raise Untranslatable(f"expected a literal in {text!r}")
        return toks[j][1]

    while i < len(toks):
        kind, value = toks[i]
        if kind == "lit":
            tests.append(("eq", value))
            i += 1
        elif value in ("<", "<=", ">", ">=", "=", "!="):
            v = literal(i + 1)
            tests.append(("eq", v) if value == "=" else ("cmp", value, v))
            i += 2
        elif value in ("[", "(", "]"):
            lo, hi = literal(i + 1), literal(i + 3)
            if i + 4 >= len(toks) or toks[i + 2] != ("op", "..") or toks[i + 4][1] not in ("]", ")", "["):
                raise Untranslatable(f"cannot read the interval in {text!r}")
            tests.append(("range", lo, value == "[", hi, toks[i + 4][1] == "]"))
            i += 5
        else:
            raise Untranslatable(f"unexpected {value!r} in {text!r}")
        if i < len(toks):
            if toks[i] != ("op", ","):
                raise Untranslatable(f"expected ',' in {text!r}")
            i += 1
    for t in tests:
        if t[0] == "cmp" and t[1] == "!=":
            raise Untranslatable(f"'!=' unary test in {text!r}")
        endpoints = [t[2]] if t[0] == "cmp" else [t[1], t[3]] if t[0] == "range" else []
        if any(v is None or isinstance(v, bool) for v in endpoints):
            raise Untranslatable(f"a comparison with null or a boolean in {text!r}")
    return negated, tests


def py_literal(value):
    if isinstance(value, date):
        return f"date({value.year}, {value.month}, {value.day})"
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    return repr(value)  # None, True, False, int, float


def py_test(test):
    """One positive test in SpiffWorkflow's `?` form."""
    if test[0] == "eq":
        v = test[1]
        return "? is None" if v is None else (f"? is {v!r}" if isinstance(v, bool) else f"? == {py_literal(v)}")
    if test[0] == "cmp":
        return f"? is not None and ? {test[1]} {py_literal(test[2])}"
    _, lo, lo_closed, hi, hi_closed = test
    return f"? is not None and {py_literal(lo)} {'<=' if lo_closed else '<'} ? {'<=' if hi_closed else '<'} {py_literal(hi)}"


def translate_unary(text):
    """SpiffWorkflow's input entry for an S-FEEL unary test.

    >>> translate_unary('"Medium","Low"')
    ' in ("Medium", "Low")'
    >>> translate_unary('"x"'), translate_unary('not(null)'), translate_unary('true'), translate_unary('-')
    ('"x"', ' is not None', ' is True', '-')
    >>> translate_unary('not("change","qms-renewal")')
    ' not in ("change", "qms-renewal")'
    >>> translate_unary('>= date("2026-05-01")')
    '? is not None and ? >= date(2026, 5, 1)'
    >>> translate_unary('[1..4), null')
    '(? is not None and 1 <= ? < 4) or (? is None)'
    >>> translate_unary('not(< 18)')
    '? is not None and not (? is not None and ? < 18)'
    >>> translate_unary('< x')  # doctest: +IGNORE_EXCEPTION_DETAIL
    Traceback (most recent call last):
    Untranslatable: the name or call 'x' (only literals are translated here)
    """
    parsed = parse_unary(text)
    if parsed is None:
        return "-"
    negated, tests = parsed
    if all(t[0] == "eq" for t in tests):
        values = [t[1] for t in tests]
        if len(values) == 1 and (values[0] is None or isinstance(values[0], bool)):
            return f" is {'not ' if negated else ''}{values[0]!r}"
        if len(values) == 1 and not negated:
            return py_literal(values[0])  # SpiffWorkflow adds `(input) == (…)`
        return f" {'not in' if negated else 'in'} ({', '.join(py_literal(v) for v in values)}{',' if len(values) == 1 else ''})"
    body = py_test(tests[0]) if len(tests) == 1 else " or ".join(f"({py_test(t)})" for t in tests)
    # FEEL: a comparison with null is null, and so is its negation: a null input never matches not(< 18).
    return f"? is not None and not ({body})" if negated else body


def literal_values(text):
    """The literals a unary test mentions (candidate inputs), with interval and comparison endpoints."""
    parsed = parse_unary(text)
    if parsed is None:
        return []
    return [v for t in parsed[1] for v in ([t[1]] if t[0] == "eq" else [t[2]] if t[0] == "cmp" else [t[1], t[3]])]


# ---------------------------------------------------------------- FEEL expressions (inputs, outputs)

NAME = r"[A-Za-z_][\w]*(?: [A-Za-z_]\w*)*"
PATH = re.compile(rf"^({NAME})(?:\.({NAME}))?$")
CONTAINS = re.compile(rf'^list contains\(\s*({NAME}(?:\.{NAME})?)\s*,\s*("(?:[^"\\]|\\.)*")\s*\)$')


def identifier(name):
    """A Python name for a FEEL name (SpiffWorkflow's task data is a Python namespace)."""
    ident = re.sub(r"\W", "_", name)
    if ident[0].isdigit() or keyword.iskeyword(ident) or ident in ("date", "dmninputexpr", "True", "False", "None"):
        ident += "_"
    return ident


def py_path(text):
    m = PATH.match(text.strip())
    if not m:
        return None
    root, key = m.group(1), m.group(2)
    return (identifier(root) + (f"[{json.dumps(key)}]" if key else "")), (root, key)


DURATION = re.compile(rf'^({NAME}(?:\.{NAME})?)\s*([+-])\s*duration\(\s*"P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)D)?"\s*\)$')
COMPARISON = re.compile(r"^(.+?)\s*(<=|>=|<|>)\s*(.+)$")


def add_duration(day, months, days):
    """FEEL date + years-months / days duration, null staying null; the day of month is clamped (Jan 31 + P1M is
    Feb 28/29), as in java.time. Given to SpiffWorkflow's script environment (SPIFF_GLOBALS)."""
    if day is None:
        return None
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    last = (date(year + month // 12, month % 12 + 1, 1) - date.resolution).day
    return date(year, month, min(day.day, last)) + date.resolution * days


SPIFF_GLOBALS = {"date": date, "add_duration": add_duration}


def translate_date_term(text):
    """(python, variables) for `path`, or `path ± duration("PnYnMnD")`; None if the text is neither."""
    m = DURATION.match(text.strip())
    if m:
        path = py_path(m.group(1))
        sign = 1 if m.group(2) == "+" else -1
        months = sign * (12 * int(m.group(3) or 0) + int(m.group(4) or 0))
        return f"add_duration({path[0]}, {months}, {sign * int(m.group(5) or 0)})", [(path[1][0], path[1][1], "date", [])]
    path = py_path(text)
    return (path[0], [(path[1][0], path[1][1], "date", [])]) if path else None


def translate_input_expression(text):
    """(python, [variable]) where a variable is (root, key or None, kind, literals); kind "value" (drawn like the
    column's values), "date" (a date, where the column is computed from dates) or "list" (of the literals).

    >>> translate_input_expression("classification.deviceClass")[0]
    'classification["deviceClass"]'
    >>> translate_input_expression('list contains(schemes, "orphan") or list contains(schemes, "sakigake")')[0]
    '("orphan" in schemes) or ("sakigake" in schemes)'
    >>> translate_input_expression('assessmentDate >= issued + duration("P4Y6M")')[0]
    '(None if assessmentDate is None or add_duration(issued, 54, 0) is None else assessmentDate >= add_duration(issued, 54, 0))'
    """
    text = " ".join((text or "").split())
    path = py_path(text)
    if path:
        return path[0], [(path[1][0], path[1][1], "value", [])]
    m = COMPARISON.match(text)
    if m and not text.startswith("list contains("):
        a, b = translate_date_term(m.group(1)), translate_date_term(m.group(3))
        if a and b:
            # FEEL: a comparison with null is null (Python would raise).
            return f"(None if {a[0]} is None or {b[0]} is None else {a[0]} {m.group(2)} {b[0]})", a[1] + b[1]
    parts = re.split(r"\s+(or|and)\s+", text)
    python, variables = [], []
    for i, part in enumerate(parts):
        if i % 2:
            python.append(part)
            continue
        m = CONTAINS.match(part.strip())
        if not m:
            raise Untranslatable(f"input expression {text!r}")
        lst, item = py_path(m.group(1)), json.loads(m.group(2))
        python.append(f"({json.dumps(item, ensure_ascii=False)} in {lst[0]})")
        variables.append((lst[1][0], lst[1][1], "list", [item]))
    return " ".join(python), variables


IF = re.compile(r"^if (.+?) then (.+?) else (.+)$")
EQUALS = re.compile(rf"^({NAME}(?:\.{NAME})?)\s*(!?=)\s*(.+)$")


def translate_output(text):
    """(python, variables it reads): literals, names, paths, `path = literal` and `if … then … else …` of these."""
    text = " ".join((text or "").split())
    if text == "[]":
        return "[]", []
    m = IF.match(text)
    if m:
        (c, cv), (a, av), (b, bv) = (translate_output(part) for part in m.groups())
        return f"({a} if {c} else {b})", cv + av + bv
    m = EQUALS.match(text)
    if m and m.group(1) not in ("true", "false", "null"):
        (lhs, used), (rhs, _) = py_path(m.group(1)), translate_output(m.group(3))
        identity = rhs in ("None", "True", "False")
        operator = {("=", True): "is", ("!=", True): "is not", ("=", False): "==", ("!=", False): "!="}[(m.group(2), identity)]
        return f"({lhs} {operator} {rhs})", [(used[0], used[1], "value", [])]
    path = py_path(text)
    if path and text not in ("true", "false", "null"):
        return path[0], [(path[1][0], path[1][1], "value", [])]
    if DURATION.match(text):
        return translate_date_term(text)
    toks = tokens(text)
    if len(toks) != 1 or toks[0][0] != "lit":
        raise Untranslatable(f"output entry {text!r}")
    return py_literal(toks[0][1]), []


# ---------------------------------------------------------------- tables

def dmn_files(source):
    if os.path.isfile(source):
        return [source]
    found = []
    for directory, _, names in os.walk(source):
        found += [os.path.join(directory, n) for n in names if n.endswith(".dmn")]
    return sorted(found)


def text_of(element, ns):
    t = element.find(f"{{{ns}}}text") if element is not None else None
    return t.text if t is not None else None


def read_tables(path):
    """(decision name, table element or None, ns) for each decision in the file."""
    root = ET.parse(path).getroot()
    ns = root.tag[1:].split("}")[0]
    for decision in root.findall(f"{{{ns}}}decision"):
        yield decision.get("name"), decision.find(f"{{{ns}}}decisionTable"), ns


def priority_key(outputs, output_texts):
    """Rank of a rule for PRIORITY / OUTPUT ORDER: per output, the position of its value in outputValues."""
    key = []
    for allowed, text in zip(outputs, output_texts):
        if allowed is None:
            key.append(0)
            continue
        toks = tokens(text or "null")
        value = toks[0][1] if len(toks) == 1 and toks[0][0] == "lit" else None
        key.append(allowed.index(value) if value in allowed else len(allowed))
    return key


def translate_table(name, table, ns, index):
    """(spiff DMN text, manifest entry); raises Untranslatable."""
    q = lambda tag: f"{{{ns}}}{tag}"
    policy = (table.get("hitPolicy") or "UNIQUE").upper()
    aggregation = table.get("aggregation")
    inputs, variables = [], []
    for i in table.findall(q("input")):
        expression = i.find(q("inputExpression"))
        python, used = translate_input_expression(text_of(expression, ns))
        allowed_text = text_of(i.find(q("inputValues")), ns)
        allowed = None
        if allowed_text:
            parsed = parse_unary(allowed_text)
            if parsed and not parsed[0] and all(t[0] == "eq" for t in parsed[1]):
                allowed = [t[1] for t in parsed[1]]
        inputs.append({"python": python, "typeRef": expression.get("typeRef"), "allowed": allowed,
                       "label": i.get("label") or text_of(expression, ns)})
        variables.append(used)
    outputs = []
    for o in table.findall(q("output")):
        allowed_text = text_of(o.find(q("outputValues")), ns)
        parsed = parse_unary(allowed_text) if allowed_text else None
        default = text_of(o.find(q("defaultOutputEntry")), ns)
        outputs.append({"name": o.get("name") or ("result" if len(table.findall(q("output"))) == 1 else None),
                        "typeRef": o.get("typeRef"), "allowed": [t[1] for t in parsed[1]] if parsed else None,
                        "default": translate_output(default)[0] if default else None})
        if outputs[-1]["name"] is None:
            raise Untranslatable("an output of a multi-output table has no name")
    if any("." in o["name"] for o in outputs):
        raise Untranslatable("a dotted output name (SpiffWorkflow would nest it)")
    rules, output_variables = [], []
    for row, r in enumerate(table.findall(q("rule")), 1):
        raw = [text_of(e, ns) for e in r.findall(q("inputEntry"))]
        texts = [text_of(e, ns) for e in r.findall(q("outputEntry"))]
        entries, tests, results = [], [], []
        for column, t in enumerate(raw, 1):
            try:
                entries.append(translate_unary(t))
                tests.append(literal_values(t))
            except Untranslatable as problem:
                raise Untranslatable(f"rule {row}, input {column}: {problem}") from None
        for column, t in enumerate(texts, 1):
            try:
                python, used = translate_output(t)
            except Untranslatable as problem:
                raise Untranslatable(f"rule {row}, output {column}: {problem}") from None
            results.append(python)
            output_variables += used
        rules.append({"entries": entries, "outputs": results, "tests": tests, "texts": texts, "raw": raw})
    if policy in ("PRIORITY", "OUTPUT ORDER"):
        if not any(o["allowed"] for o in outputs):
            raise Untranslatable(f"{policy} without outputValues")
        allowed = [o["allowed"] for o in outputs]
        rules.sort(key=lambda rule: priority_key(allowed, rule["texts"]))  # stable: ties keep rule order
    spiff_policy = {"UNIQUE": "UNIQUE", "FIRST": "UNIQUE", "ANY": "UNIQUE", "PRIORITY": "UNIQUE",
                    "RULE ORDER": "COLLECT", "OUTPUT ORDER": "COLLECT", "COLLECT": "COLLECT"}.get(policy)
    if spiff_policy is None:
        raise Untranslatable(f"hit policy {policy}")
    if aggregation and len(outputs) != 1:
        raise Untranslatable("an aggregation over several outputs")

    E = lambda parent, tag, **attrs: ET.SubElement(parent, f"{{{SPIFF_NS}}}{tag}", attrs)
    ident = f"t{index}"
    definitions = ET.Element(f"{{{SPIFF_NS}}}definitions", {"id": f"{ident}_definitions", "name": name,
                                                            "namespace": "urn:yakuji:spiff-benchmark"})
    decision = E(definitions, "decision", id=ident, name=name)
    dt = E(decision, "decisionTable", id=f"{ident}_table", hitPolicy=spiff_policy)
    for k, i in enumerate(inputs):
        element = E(dt, "input", id=f"{ident}_in{k}", label=i["label"] or f"input {k + 1}")
        E(E(element, "inputExpression", id=f"{ident}_ie{k}", typeRef=i["typeRef"] or "string"), "text").text = i["python"]
    for k, o in enumerate(outputs):
        E(dt, "output", id=f"{ident}_out{k}", name=o["name"], typeRef=o["typeRef"] or "string")
    for n, rule in enumerate(rules):
        element = E(dt, "rule", id=f"{ident}_r{n}")
        for k, entry in enumerate(rule["entries"]):
            E(E(element, "inputEntry", id=f"{ident}_r{n}_i{k}"), "text").text = entry
        for k, result in enumerate(rule["outputs"]):
            E(E(element, "outputEntry", id=f"{ident}_r{n}_o{k}"), "text").text = result
    ET.register_namespace("", SPIFF_NS)
    xml = ET.tostring(definitions, encoding="unicode")
    manifest = {"decision": name, "spiffId": ident, "hitPolicy": policy, "aggregation": aggregation,
                "spiffHitPolicy": spiff_policy, "rows": len(rules),
                "inputs": [{"typeRef": i["typeRef"], "allowed": i["allowed"], "variables": v}
                           for i, v in zip(inputs, variables)],
                "outputs": [{"name": o["name"], "default": o["default"]} for o in outputs],
                "outputVariables": output_variables,
                "ruleTests": [rule["tests"] for rule in rules],
                "ruleEntries": [rule["raw"] for rule in rules]}
    return xml, manifest


def encode(value):
    """JSON for the manifest: dates tagged so they survive the round trip."""
    if isinstance(value, date):
        return {"date": value.isoformat()}
    if isinstance(value, (list, tuple)):
        return [encode(v) for v in value]
    if isinstance(value, dict):
        return {k: encode(v) for k, v in value.items()}
    return value


def short_name(path, source):
    """The file relative to its source's parent, without a folder named like the file (the TCK's layout)."""
    relative = os.path.relpath(path, os.path.dirname(os.path.abspath(source)))
    folder, file = os.path.split(relative)
    return os.path.join(os.path.dirname(folder), file) if os.path.basename(folder) == file[:-len(".dmn")] else relative


def translate(sources, out_dir):
    """Writes the translated tables and manifest.json into out_dir; returns (translated, skipped)."""
    os.makedirs(out_dir, exist_ok=True)
    translated, skipped, not_tables = [], [], 0
    for source in sources:
        for path in dmn_files(source):
            for name, table, ns in read_tables(path):
                if table is None:
                    not_tables += 1
                    continue
                label = f"{short_name(path, source)}: {name}"
                try:
                    xml, entry = translate_table(name, table, ns, len(translated))
                except Untranslatable as problem:
                    skipped.append((label, str(problem)))
                    continue
                target = os.path.join(out_dir, f"{entry['spiffId']}.dmn")
                with open(target, "w", encoding="utf-8") as f:
                    f.write(xml)
                # Yakuji loads the file's folder as one model: decisions in Rules read other files' decisions.
                entry.update(label=label, spiffFile=target, model=os.path.dirname(os.path.abspath(path)))
                translated.append(entry)
    with open(os.path.join(out_dir, "manifest.json"), "w", encoding="utf-8") as f:
        json.dump({"tables": encode(translated), "skipped": skipped, "notTables": not_tables}, f, ensure_ascii=False, indent=1)
    return translated, skipped, not_tables


def main():
    if len(sys.argv) < 2 or sys.argv[1] in ("-h", "--help"):
        sys.exit(__doc__)
    translated, skipped, not_tables = translate(sys.argv[2:] or DEFAULT_SOURCES, sys.argv[1])
    print(f"translated {len(translated)} decision tables into {sys.argv[1]}")
    for label, reason in skipped:
        print(f"skipped {label}: {reason}")
    if not_tables:
        print(f"({not_tables} decisions are not decision tables: literal expressions and other boxed expressions)")


if __name__ == "__main__":
    main()
