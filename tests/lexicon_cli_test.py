#!/usr/bin/env python3
"""End-to-end tests of `polytag lexicon` (check, stats, coverage, convert, eval) and of
imported dictionaries in `polytag tag`, with the commands README.md's "Use your own
dictionary" shows. Run by CTest from the source directory; the comparison with the
development-set scorer skips when ../shared is absent."""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import unittest

ARGS = None
STANCE = "stance:risk=negative,opportunity=positive"


def run(*args, check_exit=None, stdin=None):
    p = subprocess.run([ARGS.polytag, *args], input=stdin, capture_output=True, cwd=ARGS.source_dir)
    if check_exit is not None and p.returncode != check_exit:
        raise AssertionError(f"polytag {' '.join(args)} exited {p.returncode}, expected {check_exit}\n"
                             f"stderr: {p.stderr.decode(errors='replace')}")
    return p


def fixture(name):
    return os.path.join("tests", "data", "lexicons", name)


def shared(*parts):
    return os.path.join(ARGS.source_dir, "..", "shared", *parts)


class CheckTest(unittest.TestCase):
    def test_every_problem_with_its_place(self):
        p = run("lexicon", "check", fixture("review.lexicon"), check_exit=1)
        err = p.stderr.decode()
        path = fixture("review.lexicon")
        for expected in (f"{path}:14:5: glob '*' may only end a word",
                         f"{path}:16:2: RE2 rejects the regex",
                         f"{path}:17:2: the regex matches the empty string",
                         f"{path}:8:1: warning: 'Pipeline*' duplicates 'pipeline*' (line 7)",
                         f"{path}:9:1: warning: '/ gas/' can never match",
                         f"{path}:13:1: note: 'nuclear' is shadowed by the longer 'nuclear power' (line 6)",
                         f"{path}:19:1: warning: 'quota' never counts"):
            self.assertIn(expected, err)
        self.assertEqual(p.stdout, b"")

    def test_imported_formats(self):
        p = run("lexicon", "check", fixture("talks.lc3"), fixture("security.dic"), fixture("policy.lcd"),
                fixture("defence.cat"), fixture("desk.yml"), fixture("cues.tsv"), check_exit=0)
        out = p.stdout.decode()
        self.assertIn("talks.lc3: ok: talks imported, themes, 7 entries in 2 categories", out)
        self.assertIn("cues.tsv: ok: cues imported, stance, 4 entries in 2 categories", out)
        p = run("lexicon", "check", fixture("broken.dic"), check_exit=1)
        self.assertIn(f"{fixture('broken.dic')}:6:8: category 7 is not declared", p.stderr.decode())
        self.assertIn(f"{fixture('broken.dic')}:7:6: expected the word's category numbers", p.stderr.decode())


class StatsAndConvertTest(unittest.TestCase):
    def test_stats_by_category_and_kind(self):
        out = run("lexicon", "stats", "--lexicon-as", STANCE, fixture("talks.lc3"), check_exit=0).stdout.decode()
        self.assertIn("talks imported, stance, 7 entries in 2 categories", out)
        rows = {line.split()[0]: line.split()[1:] for line in out.splitlines()[2:]}
        self.assertEqual(rows["risk"][:4], ["4", "1", "1", "2"])  # entries, words, phrases, globs
        self.assertEqual(rows["total"][0], "7")

    def test_convert_to_native_tags_the_same(self):
        text = b"The talks collapsed in a walk out, yet a breakthrough on common ground followed.\n"
        with tempfile.TemporaryDirectory() as d:
            out = os.path.join(d, "talks.lexicon")
            run("lexicon", "convert", "--lexicon-as", STANCE, fixture("talks.lc3"), "--to", "native",
                "--output", out, check_exit=0)
            with open(out) as f:
                native = f.read()
            self.assertTrue(native.startswith("@name talks\n@version imported\n@kind stance\n"), native)
            self.assertIn("[risk]\ncollaps*\n", native)
            run("lexicon", "check", out, check_exit=0)
            imported = run("tag", "--format=jsonl", "--no-default-lexicons", "--lexicon-as", STANCE,
                           "--lexicon", fixture("talks.lc3"), stdin=text, check_exit=0).stdout
            converted = run("tag", "--format=jsonl", "--no-default-lexicons", "--lexicon", out,
                            stdin=text, check_exit=0).stdout
            self.assertEqual(json.loads(imported), json.loads(converted))
            self.assertEqual(json.loads(imported)["document"]["stance"]["label"], "mixed")

    def test_usage_errors(self):
        for args in (["lexicon", "convert", fixture("talks.lc3"), "--to", "liwc"],
                     ["lexicon", "coverage", fixture("talks.lc3")],
                     ["lexicon", "eval", "--labels", "x.jsonl"],
                     ["lexicon", "frobnicate"],
                     ["tag", "--lexicon-as", "sentiment", "--lexicon", fixture("talks.lc3")],
                     ["tag", "--lexicon", fixture("talks.lc3"), "--lexicon-as", "themes"],
                     ["tag", "--lexicon-format", "csv", "--lexicon", fixture("talks.lc3")],
                     # Flags of another command, or given again, once silently ignored.
                     ["lexicon", "coverage", fixture("policy.lcd"), "--corpus", fixture("policy-corpus.jsonl"),
                      "--max-document-bytes", "5"],
                     ["lexicon", "check", fixture("talks.lc3"), "--lexicon", fixture("review.lexicon")],
                     ["lexicon", "stats", fixture("talks.lc3"), "--corpus", fixture("policy-corpus.jsonl")],
                     ["lexicon", "convert", fixture("talks.lc3"), "--to", "native", "--top", "3"],
                     ["lexicon", "check", "--lexicon-as", STANCE, "--lexicon-as", "themes", fixture("talks.lc3")],
                     ["lexicon", "coverage", fixture("policy.lcd"), "--corpus", fixture("policy-corpus.jsonl"),
                      "--corpus", fixture("policy-corpus.jsonl")],
                     ["tag", "--lexicon-as", "stance:risk=negative,opportunity=Negative",
                      "--lexicon", fixture("talks.lc3")]):
            p = run(*args)
            self.assertEqual(p.returncode, 2, args)
            self.assertIn(b"polytag:", p.stderr)
        # A role may take several categories: both of these cue risk.
        p = run("tag", "--no-default-lexicons", "--lexicon-as", "stance:risk=negative,risk=positive",
                "--lexicon", fixture("talks.lc3"), "--format=json", stdin=b"The talks broke down in a stalemate.\n")
        self.assertEqual(p.returncode, 0, p.stderr)
        with tempfile.TemporaryDirectory() as d:
            p = run("lexicon", "eval", "--labels", os.path.join("tests", "data", "eval", "labels.jsonl"),
                    "--input", os.path.join("tests", "data", "eval", "paragraphs.jsonl"),
                    "--output", os.path.join(d, "out.txt"))
            self.assertEqual(p.returncode, 2)
            self.assertIn(b"--output is not an option of lexicon eval", p.stderr)
            self.assertEqual(os.listdir(d), [])


class OutputFailureTest(unittest.TestCase):
    COMMANDS = (["lexicon", "check", fixture("talks.lc3")],
                ["lexicon", "stats", fixture("talks.lc3")],
                ["lexicon", "coverage", fixture("policy.lcd"), "--corpus", fixture("policy-corpus.jsonl")],
                ["lexicon", "convert", fixture("talks.lc3"), "--to", "native"],
                ["lexicon", "eval", "--no-default-lexicons", "--lexicon", fixture("policy.lcd"),
                 "--lexicon", fixture("cues.tsv"), "--labels", os.path.join("tests", "data", "eval", "labels.jsonl"),
                 "--input", os.path.join("tests", "data", "eval", "paragraphs.jsonl")])

    def check_fails(self, args, stdout):
        p = subprocess.run([ARGS.polytag, *args], stdout=stdout, stderr=subprocess.PIPE, cwd=ARGS.source_dir)
        self.assertEqual(p.returncode, 1, args)
        self.assertIn(b"polytag: writing the output failed", p.stderr, args)

    def test_a_full_disk_or_a_closed_pipe_is_a_failure(self):
        for args in self.COMMANDS:
            run(*args, check_exit=0)
            if os.path.exists("/dev/full"):
                with open("/dev/full", "wb") as full:
                    self.check_fails(args, full)
            r, w = os.pipe()
            os.close(r)
            try:
                self.check_fails(args, w)
            finally:
                os.close(w)

    def test_coverage_with_failed_records_exits_1(self):
        with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as f:
            f.write('{"id": 1, "text": "The pipeline will carry gas."}\n{"id": 2}\n')
        try:
            p = run("lexicon", "coverage", fixture("policy.lcd"), "--corpus", f.name, check_exit=1)
            self.assertIn("1 documents tagged, 1 failed", p.stdout.decode())
        finally:
            os.unlink(f.name)


class TagWithImportsTest(unittest.TestCase):
    def test_composition_prefixes_shared_theme_ids(self):
        with tempfile.NamedTemporaryFile("w", suffix=".lexicon", delete=False) as f:
            f.write("@name grid\n@version 1\n@kind themes\n[energy]\nsubstation*\n")
        try:
            p = run("tag", "--format=jsonl", "--no-default-lexicons", "--lexicon", fixture("policy.lcd"),
                    "--lexicon", f.name,
                    "--lexicon-format", "tsv", "--lexicon", fixture("cues.tsv"),
                    stdin=b"A new substation will feed the pipeline pumps: a landmark deal.", check_exit=0)
            doc = json.loads(p.stdout)
            self.assertEqual(sorted(t["id"] for t in doc["document"]["themes"]),
                             ["grid:energy", "policy:energy"])
            self.assertEqual([(l["name"], l["kind"]) for l in doc["lexicons"]],
                             [("policy", "themes"), ("grid", "themes"), ("cues", "stance")])
            self.assertEqual(doc["document"]["stance"]["label"], "opportunity")
            self.assertTrue(all(len(l["fingerprint"]) == 16 and l["version"] for l in doc["lexicons"]))
        finally:
            os.unlink(f.name)


class CoverageTest(unittest.TestCase):
    def test_hits_documents_contexts_and_silent_entries(self):
        out = run("lexicon", "coverage", fixture("policy.lcd"), "--corpus", fixture("policy-corpus.jsonl"),
                  "--top", "2", check_exit=0).stdout.decode()
        self.assertIn("4 documents tagged, 0 failed", out)
        self.assertRegex(out, r"energy +4 +1\n")
        self.assertIn("PIPELINE*                      [energy] 3 hits in 1 documents", out)
        self.assertIn("Pipeline Deal  The new [pipeline] will carry gas", out)
        self.assertNotIn("REACTOR*                       [energy.nuclear] 1 hits", out)  # beyond --top 2
        self.assertIn("entries that never fired (0)", out)
        out = run("lexicon", "coverage", fixture("security.dic"), "--corpus", fixture("policy-corpus.jsonl"),
                  check_exit=0).stdout.decode()
        self.assertIn("entries that never fired (8):\n  missile* [security.threat]\n", out)


class EvalTest(unittest.TestCase):
    def test_fixture_scores(self):
        args = ["lexicon", "eval", "--no-default-lexicons", "--lexicon", fixture("policy.lcd"),
                "--lexicon", fixture("cues.tsv"), "--labels", os.path.join("tests", "data", "eval", "labels.jsonl"),
                "--input", os.path.join("tests", "data", "eval", "paragraphs.jsonl")]
        summary = json.loads(run(*args, "--json", check_exit=0).stdout)
        self.assertEqual(summary, {"paragraphs": 5, "missing": 1, "theme_micro_p": 1.0, "theme_micro_r": 0.6,
                                   "theme_micro_f1": 0.75, "theme_macro_f1": 0.6667, "stance_accuracy": 0.8,
                                   "stance_macro_f1": 0.7778})
        table = run(*args, check_exit=0).stdout.decode()
        self.assertIn("energy                             2   1.00   0.50   0.67", table)
        self.assertIn("1 labelled paragraphs had no prediction", table)

    def test_bad_labels_and_untagged_paragraphs_fail(self):
        args = ["lexicon", "eval", "--no-default-lexicons", "--lexicon", fixture("policy.lcd"),
                "--lexicon", fixture("cues.tsv")]
        with tempfile.TemporaryDirectory() as d:
            labels, paragraphs = os.path.join(d, "labels.jsonl"), os.path.join(d, "paragraphs.jsonl")
            with open(paragraphs, "w") as f:
                f.write('{"id": "p1", "text": "The pipeline deal was signed."}\n{"id": "p2", "text": null}\n')
            for bad, message in (('{"id": "p2", "themes": [], "stance": "Risk"}', "2: stance 'Risk' is not one of"),
                                 ('{"themes": [], "stance": "risk"}', '2: a label needs an "id"')):
                with open(labels, "w") as f:
                    f.write('{"id": "p1", "themes": ["energy"], "stance": "neutral"}\n' + bad + "\n")
                p = run(*args, "--labels", labels, "--input", paragraphs, check_exit=1)
                self.assertIn(f"{labels}:{message}", p.stderr.decode())
                self.assertEqual(p.stdout, b"")
            with open(labels, "w") as f:
                f.write('{"id": "p1", "themes": ["energy"], "stance": "neutral"}\n'
                        '{"id": "p2", "themes": [], "stance": "neutral"}\n')
            p = run(*args, "--labels", labels, "--input", paragraphs, "--json", check_exit=1)
            self.assertEqual(json.loads(p.stdout)["paragraphs"], 2)
            self.assertIn(f'{paragraphs}:2: paragraph \'p2\': no string "text"', p.stderr.decode())
            self.assertIn("1 paragraphs could not be tagged", p.stderr.decode())
            p = run(*args, "--max-document-bytes", "10", "--labels", labels, "--input", paragraphs, check_exit=1)
            self.assertIn(f"{paragraphs}:1: paragraph 'p1': document of 29 bytes is over the limit of 10 bytes "
                          "(--max-document-bytes)", p.stderr.decode())

    def test_equals_the_development_scorer(self):
        if not os.path.exists(shared("eval", "score.py")):
            self.skipTest("../shared is absent")
        labels, paragraphs = shared("eval", "dev-labels.jsonl"), shared("eval", "dev-paragraphs.jsonl")
        with tempfile.TemporaryDirectory() as d:
            pred = os.path.join(d, "pred.jsonl")
            run("batch", "--input", paragraphs, "--output", pred)
            for extra in (["--json"], []):
                ours = run("lexicon", "eval", "--labels", labels, "--input", paragraphs, *extra, check_exit=0).stdout
                theirs = subprocess.run([sys.executable, shared("eval", "score.py"), "--labels", labels,
                                         "--pred", pred, *extra], capture_output=True, check=True).stdout
                self.assertEqual(ours.decode(), theirs.decode())


class ReadmeTest(unittest.TestCase):
    def test_walk_through_commands_run(self):
        with open(os.path.join(ARGS.source_dir, "README.md"), encoding="utf-8") as f:
            readme = f.read()
        section = readme.split("## Use your own dictionary\n", 1)[1].split("\n## ", 1)[0]
        block = section.split("```sh\n", 1)[1].split("```", 1)[0]
        commands = []
        for line in block.splitlines():
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            if commands and commands[-1].endswith("|"):
                commands[-1] += " " + line.strip()
            else:
                commands.append(line.strip())
        self.assertEqual(len(commands), 6)
        with tempfile.TemporaryDirectory() as d:
            for command in commands:
                command = command.replace("build/examples/polytag", ARGS.polytag)
                command = command.replace("--output talks.lexicon", f"--output {os.path.join(d, 'talks.lexicon')}")
                p = subprocess.run(command, shell=True, cwd=ARGS.source_dir, capture_output=True)
                # The walk-through checks a file with errors on purpose.
                expected = 1 if "review.lexicon" in command else 0
                self.assertEqual(p.returncode, expected, f"{command}\n{p.stderr.decode(errors='replace')}")
                self.assertTrue(p.stdout or p.stderr, command)
            self.assertTrue(os.path.exists(os.path.join(d, "talks.lexicon")))


class SharedLexiconsTest(unittest.TestCase):
    def test_lsd2015_as_stance(self):
        lsd = shared("lexicons", "LSD2015.lc3")
        if not os.path.exists(lsd):
            self.skipTest("../shared is absent")
        p = run("lexicon", "stats", "--lexicon-as", STANCE, lsd, check_exit=0)
        self.assertIn(b"LSD2015 imported, stance, 4567 entries in 2 categories", p.stdout)
        p = run("tag", "--format=jsonl", "--no-default-lexicons", "--lexicon-as", STANCE, "--lexicon", lsd,
                stdin=b"The reforms were a disaster and a betrayal.", check_exit=0)
        self.assertEqual(json.loads(p.stdout)["document"]["stance"]["label"], "risk")


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--polytag", required=True)
    parser.add_argument("--source-dir", required=True)
    ARGS, rest = parser.parse_known_args()
    unittest.main(argv=[sys.argv[0], *rest])
