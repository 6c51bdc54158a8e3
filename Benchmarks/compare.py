#!/usr/bin/env python3
"""Times Yakuji as whole processes against libxml2's xmllint and prints one table with ratios.

    python3 Benchmarks/compare.py [--runs 5] [--profiles 100000] [--skip-build] [--scratch-path DIR] [--quick] [--spiff]

The binaries are built as Scripts/install.sh builds them (release, --static-swift-stdlib); with --skip-build, build
them so. Each figure is the median of --runs cold runs (wall seconds, CPU seconds = user + system of the process and its
children, peak resident memory). Cases: load + validate of the rules vs `xmllint --noout --schema` on the same
files (bundled rules and a 20,000-row JMDN table); cold `assess` of the blood-pressure sample with nothing unknown,
with each of the three slowest single unknowns (found by trying every input once), and with an empty answer file, each
with the rules cache warm (every run after the first) and with YAKUJI_CACHE=off (the rules parsed and validated);
`rules check` with a JMDN table of the bundled size, 4,500 and 20,000 rows; a batch of distinct generated profiles
(`yakuji-bench profiles`: varied from the samples, no two with the same answers, so no memo of equal profiles helps).
--spiff then runs Benchmarks/spiff/compare.py (evaluations per second per decision table against SpiffWorkflow
3.2.0, installing it in a venv if needed) and prints its table too.
Nothing is asserted: compare runs made on the same machine, and note its load (printed first).
Run from the package root; needs xmllint (apt-get install libxml2-utils).
"""
import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.join(ROOT, ".build", "release")  # set from --scratch-path
SAMPLE = "Samples/home-blood-pressure-monitor.xml"
# A 20,000-row JMDN table is over the 16 MiB rule-file limit: the generated tables are read with it raised.
RULE_FILE_LIMIT = str(256 << 20)
AS_OF = "2026-12-03"


# The rules cache (see README "Rules cache") lives in the run's temporary folder, never the user's; cases that must
# parse and validate the rules (a first run) set YAKUJI_CACHE=off.
ENVIRONMENT = dict(os.environ)
NO_CACHE = {"YAKUJI_CACHE": "off"}


def measure(command, runs, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=None):
    """Median wall seconds, CPU seconds and peak RSS (MiB) over `runs` runs of `command` (a list, or a shell string),
    and the worst exit status (a figure of a failing command measures its failure, so the table says so)."""
    walls, cpus, peaks, status = [], [], [], 0
    for _ in range(runs):
        start = time.perf_counter()
        process = subprocess.Popen(command, shell=isinstance(command, str), cwd=ROOT, stdout=stdout, stderr=stderr,
                                   env={**ENVIRONMENT, **(env or {})})
        _, code, usage = os.wait4(process.pid, 0)
        status = max(status, os.waitstatus_to_exitcode(code))
        walls.append(time.perf_counter() - start)
        cpus.append(usage.ru_utime + usage.ru_stime)
        peaks.append(usage.ru_maxrss / 1024)
    return statistics.median(walls), statistics.median(cpus), statistics.median(peaks), status


def yakuji(*arguments):
    return [os.path.join(BIN, "yakuji"), *arguments]


def bench(*arguments):
    return [os.path.join(BIN, "yakuji-bench"), *arguments]


def xmllint_rules(rules):
    """The same files RuleSet.load validates, each against its schema, in one shell line."""
    schema = os.path.join(rules, "schema")
    dmn = sorted(os.path.join(rules, f) for f in os.listdir(rules) if f.endswith(".dmn"))
    parts = [["xmllint", "--noout", "--schema", os.path.join(schema, "dmn.xsd"), *dmn]]
    for name, xsd in [("questions.xml", "questions.xsd"), ("outcomes.xml", "outcomes.xsd"), ("citations.xml", "citations.xsd"),
                      ("benchmarks.xml", "benchmarks.xsd")]:
        if os.path.exists(os.path.join(rules, name)):
            parts.append(["xmllint", "--noout", "--schema", os.path.join(schema, xsd), os.path.join(rules, name)])
    return " && ".join(" ".join(subprocess.list2cmdline([p]) for p in part) for part in parts)


def inputs_of(rules):
    names = []
    for f in sorted(os.listdir(rules)):
        if f.endswith(".dmn"):
            text = open(os.path.join(rules, f), encoding="utf-8").read()
            names += re.findall(r'<inputData\b[^>]*\bname="([^"]+)"', text)
    return [n for n in dict.fromkeys(names) if n != "assessmentDate"]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--profiles", type=int, default=100_000)
    parser.add_argument("--skip-build", action="store_true")
    parser.add_argument("--scratch-path", default=os.path.join(ROOT, ".build"),
                        help="SwiftPM build directory of the release build (default .build)")
    parser.add_argument("--quick", action="store_true", help="skip the scan for the slowest unknowns (use productForm, invasiveness, intendedPurpose)")
    parser.add_argument("--spiff", action="store_true", help="also compare evaluations per second per table with SpiffWorkflow 3.2.0")
    args = parser.parse_args()
    global BIN
    BIN = os.path.join(os.path.abspath(args.scratch_path), "release")
    if not args.skip_build:
        for product in ["yakuji", "yakuji-bench"]:
            # As Scripts/install.sh builds what users run: the Swift runtime linked in, not resolved at every start.
            subprocess.run(["swift", "build", "-c", "release", "--static-swift-stdlib", "--scratch-path", args.scratch_path,
                            "--product", product],
                           cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    if not shutil.which("xmllint"):
        sys.exit("xmllint not found: apt-get install libxml2-utils")

    print(f"machine: {os.cpu_count()} cores, load average {' '.join(f'{x:.2f}' for x in os.getloadavg())} "
          f"(other processes share the cores: figures are comparable within one run)")
    rows = []

    def row(case, ours, reference=None, note=""):
        wall, cpu, peak, status = ours
        ratio = f"{cpu / reference[1]:.2f}× CPU, {peak / reference[2]:.2f}× memory" if reference else ""
        # `rules check` exits 1 when it finds errors: that is its answer, not a failure to run.
        if status not in (0, 1) or (status == 1 and "rules check" not in case):
            note = f"FAILED (exit {status}) " + note
        rows.append((case, f"{wall:.3f}", f"{cpu:.3f}", f"{peak:.0f}", ratio, note))
        print(f"  {case}: {cpu:.3f} s CPU, {peak:.0f} MiB {ratio}", file=sys.stderr, flush=True)

    with tempfile.TemporaryDirectory(prefix="yakuji-bench-") as tmp:
        ENVIRONMENT["YAKUJI_CACHE_DIR"] = os.path.join(tmp, "cache")
        ENVIRONMENT.pop("YAKUJI_CACHE", None)
        tables = {}
        for size in [4_500, 20_000]:
            tables[size] = os.path.join(tmp, f"rules-{size}")
            subprocess.run(bench("jmdn-rules", str(size), tables[size], "Rules"), cwd=ROOT, check=True)

        for label, rules in [("bundled rules", "Rules"), ("rules with a 20,000-row JMDN table", tables[20_000])]:
            lint = measure(xmllint_rules(rules), args.runs)
            row(f"xmllint --schema, {label}", lint)
            row(f"load + validate, {label}", measure(bench("load", rules, RULE_FILE_LIMIT), args.runs), lint)
        lint = measure(xmllint_rules(tables[20_000]), args.runs)
        row("assess the sample on the 20,000-row table, YAKUJI_CACHE=off",
            measure(yakuji("assess", "--rules", tables[20_000], "--answers", SAMPLE, "--no-input", "--format", "json", "--as-of", AS_OF,
                           "--max-rule-file-size", RULE_FILE_LIMIT), args.runs, env=NO_CACHE),
            lint, "ratio against xmllint on the same files")

        empty = os.path.join(tmp, "empty.xml")
        with open(empty, "w") as f:
            f.write('<?xml version="1.0" encoding="UTF-8"?>\n<answers xmlns="urn:yakuji:answers:1"/>\n')
        assess = lambda *extra: yakuji("assess", "--answers", SAMPLE, "--no-input", "--format", "json", "--as-of", AS_OF, *extra)
        # A first run fills the cache: "cache warm" is every later run; "YAKUJI_CACHE=off" parses and validates the rules.
        measure(assess(), 1)
        if args.quick:
            slowest = ["productForm", "invasiveness", "intendedPurpose"]
        else:
            scanned = [(measure(assess("--set", f"{name}=?"), 1)[1], name) for name in inputs_of("Rules")]
            slowest = [name for _, name in sorted(scanned, reverse=True)[:3]]
        for cache, env in [("cache warm", None), ("YAKUJI_CACHE=off", NO_CACHE)]:
            plain = measure(assess(), args.runs, env=env)
            row(f"assess the sample, nothing unknown, {cache}", plain)
            for name in slowest:
                row(f"assess the sample, {name} unknown, {cache}", measure(assess("--set", f"{name}=?"), args.runs, env=env), plain,
                    "ratio against nothing unknown")
            row(f"assess an empty answer file, {cache}",
                measure(yakuji("assess", "--answers", empty, "--no-input", "--format", "json", "--as-of", AS_OF), args.runs, env=env),
                plain, "ratio against nothing unknown")

        bundled_rows = open(os.path.join(ROOT, "Rules", "jmdn.dmn"), encoding="utf-8").read().count("<rule ")
        for size, rules in [(bundled_rows, "Rules"), (4_500, tables[4_500]), (20_000, tables[20_000])]:
            row(f"rules check, JMDN table of {size:,} rows", measure(yakuji("rules", "check", rules, "--max-rule-file-size", RULE_FILE_LIMIT), args.runs))

        # Distinct profiles varied from the samples (the generator says how many distinct answer sets it wrote); the
        # batch's errors (profiles it could not assess) are counted from its closing message, so the share assessed shows.
        profiles = os.path.join(tmp, "profiles.csv")
        made = subprocess.run(bench("profiles", str(args.profiles), profiles, "Rules", "Samples"), cwd=ROOT, check=True,
                              stderr=subprocess.PIPE, text=True).stderr.strip()
        distinct = re.search(r"(\d+) distinct answer sets", made)
        errors = os.path.join(tmp, "batch-errors.txt")
        with open(errors, "w") as log:
            batch = measure(yakuji("assess", "--batch", profiles, "--format", "jsonl", "--as-of", AS_OF), 1, stderr=log)
        failed = re.search(r"(\d+) of (\d+) profiles could not be assessed", open(errors, encoding="utf-8").read())
        assessed = args.profiles - (int(failed.group(1)) if failed else 0)
        if batch[3] == 1 and failed:
            batch = batch[:3] + (0,)  # exit 1 means some profiles failed: counted below, not a failure to run
        row(f"batch of {args.profiles:,} distinct profiles (one run)", batch,
            note=f"{args.profiles / batch[0]:,.0f} profiles/s wall; {distinct.group(1) if distinct else '?'} distinct answer sets; "
                 f"{assessed / args.profiles:.1%} assessed without error")
        print(f"  profiles: {made}", file=sys.stderr, flush=True)

    print()
    print("| case | wall s | CPU s | peak MiB | ratio | note |")
    print("| --- | ---: | ---: | ---: | --- | --- |")
    for r in rows:
        print("| " + " | ".join(r) + " |")
    if args.spiff:
        print(flush=True)
        subprocess.run([sys.executable, os.path.join(ROOT, "Benchmarks", "spiff", "compare.py"), "--install", "--skip-build",
                        "--scratch-path", args.scratch_path, "--runs", str(max(args.runs, 3))], cwd=ROOT, check=True)


if __name__ == "__main__":
    main()
