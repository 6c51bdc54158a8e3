#!/usr/bin/env python3
"""Evaluations per second of each decision table in Yakuji and in SpiffWorkflow 3.2.0's DMN engine, on the same
inputs, in process, and a check that both give the same answers.

    python3 Benchmarks/spiff/compare.py [--install] [--runs 3] [--seconds 0.5] [--cases 200] [--seed 15]
                                        [--skip-build] [--scratch-path DIR] [--only TEXT] [SOURCE ...]

SOURCE as for translate.py (default: Rules and the DMN TCK level 2). For each table translate.py can translate,
--cases input sets are drawn (seeded): half from the values one rule tests (so rules match), half from every value
any rule tests plus values no rule tests, null included. Both engines evaluate the same sets, in turn, for at least
--seconds of processor time per run; each figure is the median of --runs runs. SpiffWorkflow is timed calling
`DMNEngine.result` directly (what its BusinessRuleTask does), without a workflow around it; Yakuji with
`yakuji-bench table`, which evaluates the decision's table without the decision graph around it. Both produce the
table's output value(s) and nothing more: Yakuji is timed through `DMNEvaluator.value(of:named:scope:)` (the path a
knowledge model's body takes), which records no trace (input values, matched rules), as SpiffWorkflow records none;
its answers compared here are those of the traced evaluation `assess` uses, and yakuji-bench fails a table where
the two differ. Nothing is asserted: compare runs made on the same machine, and note its load.

SpiffWorkflow is looked for in this Python, then in the venv $SPIFF_VENV (default /tmp/yakuji-spiff-venv);
--install creates that venv with `pip install SpiffWorkflow==3.2.0`.
"""
import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from decimal import Decimal
from types import SimpleNamespace

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
sys.dont_write_bytecode = True  # no __pycache__ left in the source tree
import translate  # noqa: E402

VERSION = "3.2.0"
VENV = os.environ.get("SPIFF_VENV", "/tmp/yakuji-spiff-venv")


def ensure_spiff(install):
    """Imports SpiffWorkflow, re-running this script in the venv that has it if needed."""
    try:
        from importlib.metadata import version
        import SpiffWorkflow  # noqa: F401
        if version("SpiffWorkflow") != VERSION:
            sys.exit(f"SpiffWorkflow {version('SpiffWorkflow')} is installed here; this comparison is for {VERSION}")
        return
    except ImportError:
        pass
    python = os.path.join(VENV, "bin", "python")
    if not os.path.exists(python) and install:
        print(f"installing SpiffWorkflow {VERSION} into {VENV} …", file=sys.stderr)
        subprocess.run([sys.executable, "-m", "venv", VENV], check=True)
        subprocess.run([python, "-m", "pip", "install", "-q", f"SpiffWorkflow=={VERSION}"], check=True)
    if os.path.exists(python) and os.path.abspath(sys.prefix) != os.path.abspath(VENV):
        os.execv(python, [python, os.path.abspath(__file__), *sys.argv[1:]])
    sys.exit(f"SpiffWorkflow {VERSION} not found. Run with --install (creates the venv {VENV}), "
             f"or `pip install SpiffWorkflow=={VERSION}`, or set SPIFF_VENV to a venv that has it.")


# ---------------------------------------------------------------- inputs

def decode(value):
    if isinstance(value, dict) and set(value) == {"date"}:
        return date.fromisoformat(value["date"])
    if isinstance(value, list):
        return [decode(v) for v in value]
    return value


MISS_STRING = "zz-no-rule-tests-this"


def candidates(type_ref, literals, allowed):
    """Values for one input: what the rules test, next to it, and what no rule tests; null always."""
    if allowed is not None:
        return list(dict.fromkeys(allowed + [None]))
    values = [v for v in literals if v is not None]
    kind = type_ref if type_ref in ("boolean", "number", "string", "date") else (
        "boolean" if values and all(isinstance(v, bool) for v in values) else
        "number" if values and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values) else
        "date" if values and all(isinstance(v, date) for v in values) else "string")
    if kind == "boolean":
        out = [True, False]
    elif kind == "number":
        numbers = [v for v in values if isinstance(v, (int, float)) and not isinstance(v, bool)] or [0, 1]
        out = numbers + [n + d for n in numbers for d in (-1, 1)] + [max(numbers) + 1000, min(numbers) - 1000]
    elif kind == "date":
        # With no date in the rules, a spread over the last seven years (certificates, deadlines, as-of dates).
        dates = [v for v in values if isinstance(v, date)] or [date(2026, 12, 3) - timedelta(days=91 * k) for k in range(29)]
        out = dates + [d + timedelta(days=k) for d in dates for k in (-1, 1)] + [date(2000, 1, 1)]
    else:
        out = [v for v in values if isinstance(v, str)] + [MISS_STRING]
    return list(dict.fromkeys(out + [None]))


def generate_cases(table, count, seed):
    """Input sets as {FEEL name: value}; a path `a.b` puts b in a context a."""
    rng = random.Random(f"{seed}:{table['label']}")
    columns = []  # (variables, candidate values, per-rule literals)
    for k, column in enumerate(table["inputs"]):
        literals = [decode(v) for tests in table["ruleTests"] for v in tests[k]]
        columns.append((column["variables"], candidates(column["typeRef"], literals, decode(column["allowed"]))))
    extra = table["outputVariables"]
    dates = candidates("date", [], None)
    cases = []
    for n in range(count):
        rule = rng.randrange(len(table["ruleTests"])) if n % 2 == 0 and table["ruleTests"] else None
        values = {}

        def put(root, key, value):
            if key is None:
                values.setdefault(root, value)
            else:
                if not isinstance(values.get(root), dict):
                    values[root] = {}
                values[root].setdefault(key, value)

        for k, (variables, pool) in enumerate(columns):
            for root, key, kind, items in variables:
                if kind == "date":
                    put(root, key, rng.choice(dates))
                    continue
                if kind == "list":
                    names = sorted({i for vs, _ in columns for r, kk, kd, its in vs if (r, kk) == (root, key) for i in its})
                    put(root, key, [i for i in names if rng.random() < 0.4])
                    continue
                entry = table["ruleEntries"][rule][k] if rule is not None else None
                tested = [decode(v) for v in table["ruleTests"][rule][k]] if rule is not None else []
                if tested and not (entry or "").strip().startswith("not("):
                    put(root, key, rng.choice(tested))
                else:
                    put(root, key, rng.choice(pool))
        for root, key, _, _ in extra:
            put(root, key, rng.choice([None, MISS_STRING, 2, True]))
        cases.append(values)
    return cases


def feel_literal(value):
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, date):
        return f'date("{value.isoformat()}")'
    if isinstance(value, list):
        return "[" + ", ".join(feel_literal(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{json.dumps(k)}: {feel_literal(v)}" for k, v in value.items()) + "}"
    return json.dumps(value, ensure_ascii=False)


# ---------------------------------------------------------------- engines

def processor_rate(evaluate, cases, runs, seconds):
    """Median evaluations per processor second over `runs` runs of at least `seconds` each."""
    passes = 1
    while True:
        start = time.process_time()
        for _ in range(passes):
            for case in cases:
                evaluate(case)
        spent = time.process_time() - start
        if spent >= seconds / 4:
            passes = max(1, round(passes * seconds / max(spent, 1e-9) + 0.5))
            break
        passes *= 4
    rates = []
    for _ in range(runs):
        start = time.process_time()
        for _ in range(passes):
            for case in cases:
                evaluate(case)
        rates.append(passes * len(cases) / (time.process_time() - start))
    return statistics.median(rates), rates


def spiff_engine(table):
    """A function from task data to the table's answer in SpiffWorkflow, hit-policy post-processing included."""
    from SpiffWorkflow.bpmn.script_engine import PythonScriptEngine, TaskDataEnvironment
    from SpiffWorkflow.dmn.parser.BpmnDmnParser import BpmnDmnParser
    parser = BpmnDmnParser()
    parser.add_dmn_file(table["spiffFile"])
    engine = parser.get_engine(table["spiffId"], None)
    workflow = SimpleNamespace(script_engine=PythonScriptEngine(environment=TaskDataEnvironment(dict(translate.SPIFF_GLOBALS))))
    outputs = table["outputs"]
    defaults = {o["name"]: eval(o["default"], dict(translate.SPIFF_GLOBALS)) for o in outputs if o["default"] is not None}
    aggregate = {"SUM": sum, "MIN": min, "MAX": max, "COUNT": len}.get(table["aggregation"] or "")
    name = outputs[0]["name"]

    def evaluate(data):
        result = engine.result(SimpleNamespace(data=data, workflow=workflow))
        if not result:  # no rule matched: the default output entries, as in DMN (also for an aggregation)
            return Default(defaults) if defaults else result
        return {name: aggregate(result[name])} if aggregate else result
    return evaluate


class Default(dict):
    """The default output entries, given when no rule matched: one row, whatever the hit policy."""


def spiff_answer(table, result):
    """SpiffWorkflow's result in the shape of Yakuji's value: bare for one output, a list for collecting policies."""
    names = [o["name"] for o in table["outputs"]]
    if not result:
        return None
    if isinstance(result, Default):
        return result.get(names[0]) if len(names) == 1 else {n: result.get(n) for n in names}
    if table["spiffHitPolicy"] == "COLLECT" and not table["aggregation"]:
        if len(names) == 1:
            return result.get(names[0])
        columns = [result.get(n, []) for n in names]
        return [dict(zip(names, row)) for row in zip(*columns)]
    return result.get(names[0]) if len(names) == 1 else {n: result.get(n) for n in names}


def canonical(value):
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, (int, float, Decimal)):
        return format(Decimal(str(value)).normalize(), "f")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: canonical(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [canonical(v) for v in value]
    return value


def yakuji_run(table, cases, runs, seconds, tmp, scratch):
    path = os.path.join(tmp, f"{table['spiffId']}-cases.json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump([{k: feel_literal(v) for k, v in case.items()} for case in cases], f, ensure_ascii=False)
    bench = os.path.join(scratch, "release", "yakuji-bench")
    done = subprocess.run([bench, "table", table["model"], table["decision"], path, str(runs), str(seconds)],
                          cwd=ROOT, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"yakuji-bench table failed on {table['label']}: {done.stdout}{done.stderr}")
    return json.loads(done.stdout)


def uptime():
    try:
        return subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()
    except OSError:
        return "load average " + " ".join(f"{x:.2f}" for x in os.getloadavg())


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sources", nargs="*")
    parser.add_argument("--install", action="store_true", help=f"create {VENV} with SpiffWorkflow {VERSION} if needed")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seconds", type=float, default=0.5, help="processor seconds per run and engine")
    parser.add_argument("--cases", type=int, default=200)
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument("--skip-build", action="store_true")
    parser.add_argument("--scratch-path", default=os.path.join(ROOT, ".build"),
                        help="SwiftPM build directory of the release build (default .build)")
    parser.add_argument("--only", help="tables whose label contains this text")
    args = parser.parse_args()
    ensure_spiff(args.install)
    if not args.skip_build:
        subprocess.run(["swift", "build", "-c", "release", "--scratch-path", args.scratch_path, "--product", "yakuji-bench"],
                       cwd=ROOT, check=True,
                       stdout=subprocess.DEVNULL)

    print(f"machine before: {uptime()} ({os.cpu_count()} cores; figures are processor time, comparable within one run)")
    with tempfile.TemporaryDirectory(prefix="yakuji-spiff-") as tmp:
        tables, skipped, not_tables = translate.translate(args.sources or translate.DEFAULT_SOURCES, tmp)
        if args.only:
            tables = [t for t in tables if args.only in t["label"]]
        rows, mismatches, failures = [], [], []
        for table in tables:
            cases = generate_cases(table, args.cases, args.seed)
            evaluate = spiff_engine(table)
            data = [{translate.identifier(k): v for k, v in case.items()} for case in cases]
            spiff_answers = []
            for d in data:
                try:
                    spiff_answers.append(canonical(spiff_answer(table, evaluate(d))))
                except Exception as error:  # a SpiffWorkflow error is an answer that differs, reported below
                    # Building its error report needs a whole workflow around the task: show what went wrong.
                    while isinstance(error, AttributeError) and error.__context__ is not None:
                        error = error.__context__
                    spiff_answers.append(f"SpiffWorkflow error: {type(error).__name__}: {str(error).splitlines()[0]}")
            try:
                yakuji = yakuji_run(table, cases, args.runs, args.seconds, tmp, args.scratch_path)
            except RuntimeError as error:
                failures.append(str(error).strip())
                continue
            differing = [i for i, (a, b) in enumerate(zip([canonical(o) for o in yakuji["outputs"]], spiff_answers)) if a != b]
            for i in differing[:3]:
                mismatches.append(f"{table['label']}, case {i + 1} {json.dumps(cases[i], default=str, ensure_ascii=False)}: "
                                  f"Yakuji {json.dumps(canonical(yakuji['outputs'][i]), ensure_ascii=False)}, "
                                  f"SpiffWorkflow {json.dumps(spiff_answers[i], ensure_ascii=False)}")
            matched = sum(1 for a in yakuji["outputs"] if a is not None)
            if any(isinstance(a, str) and a.startswith("SpiffWorkflow error") for a in spiff_answers):
                spiff_rate = None
            else:
                spiff_rate, _ = processor_rate(evaluate, data, args.runs, args.seconds)
            ratio = yakuji["median"] / spiff_rate if spiff_rate else None
            rows.append((table["label"], table["hitPolicy"] + (f" {table['aggregation']}" if table["aggregation"] else ""),
                         table["rows"], len(table["inputs"]), f"{len(cases)} ({matched} non-null)",
                         f"{yakuji['median']:,.0f}", f"{spiff_rate:,.0f}" if spiff_rate else "error",
                         f"{ratio:.1f}×" if ratio else "—",
                         "yes" if not differing else f"NO: {len(differing)} differ"))
            print(f"  {table['label']}: Yakuji {yakuji['median']:,.0f}/s, SpiffWorkflow "
                  f"{spiff_rate or 0:,.0f}/s, {len(differing)} answers differ", file=sys.stderr, flush=True)
    print(f"machine after: {uptime()}")
    print()
    print("| table | hit policy | rows | inputs | input sets | Yakuji eval/s | SpiffWorkflow eval/s | ratio | same answers |")
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |")
    for r in rows:
        print("| " + " | ".join(str(c) for c in r) + " |")
    ratios = [float(r[7][:-1]) for r in rows if r[7] != "—" and r[8] == "yes"]
    if ratios:
        print(f"\nratio over tables with the same answers: median {statistics.median(ratios):.1f}×, "
              f"min {min(ratios):.1f}×, max {max(ratios):.1f}× ({len(ratios)} tables; medians of {args.runs} runs each)")
    if skipped:
        print("\nnot translated (so not compared):")
        for label, reason in skipped:
            print(f"- {label}: {reason}")
    if failures:
        print("\nnot compared (Yakuji could not evaluate the table):")
        for f in failures:
            print(f"- {f}")
    if mismatches:
        print("\ndiffering answers (first three per table; the rates of such a table compare different work):")
        for m in mismatches:
            print(f"- {m}")


if __name__ == "__main__":
    main()
