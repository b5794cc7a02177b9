#!/usr/bin/env python3
"""End-to-end tests of the `polytag` tool: output valid against the schemas, batch
records in order with errors, exit codes. Run by CTest; the tests that need ../shared
skip when it is absent."""
import argparse
import json
import os
import pathlib
import resource
import signal
import subprocess
import sys
import tempfile
import unittest

import jsonschema

ARGS = None


def run(*args, stdin=None, check_exit=None):
    p = subprocess.run([ARGS.polytag, *args], input=stdin, capture_output=True)
    if check_exit is not None and p.returncode != check_exit:
        raise AssertionError(f"polytag {' '.join(args)} exited {p.returncode}, expected {check_exit}\n"
                             f"stderr: {p.stderr.decode(errors='replace')}")
    return p


def source(*parts):
    return os.path.join(ARGS.source_dir, *parts)


def shared(*parts):
    return os.path.join(ARGS.source_dir, "..", "shared", *parts)


class Validators:
    ours = None
    contract = None

    @classmethod
    def load(cls):
        cls.ours = jsonschema.Draft202012Validator(json.loads(pathlib.Path(source("docs", "polytag-output.schema.json")).read_text()))
        if os.path.exists(shared("spec", "document-tags.schema.json")):
            cls.contract = jsonschema.Draft202012Validator(json.loads(pathlib.Path(shared("spec", "document-tags.schema.json")).read_text()))

    @classmethod
    def check(cls, doc, contract=True):
        cls.ours.validate(doc)
        if contract and cls.contract is not None and "error" not in doc:
            cls.contract.validate(doc)


class TagTest(unittest.TestCase):
    def test_sample_article_json_is_valid_and_complete(self):
        p = run("tag", source("examples", "data", "sample-article.txt"), check_exit=0)
        doc = json.loads(p.stdout)
        Validators.check(doc)
        text = pathlib.Path(source("examples", "data", "sample-article.txt")).read_bytes()
        self.assertGreater(len(doc["paragraphs"]), 15)
        self.assertEqual(doc["id"], source("examples", "data", "sample-article.txt"))
        self.assertEqual([l["name"] for l in doc["lexicons"]], ["polytag-themes", "polytag-stance"])
        kinds = {p["kind"] for p in doc["paragraphs"]}
        self.assertEqual(kinds, {"heading", "body"})
        ids = {t["id"] for t in doc["document"]["themes"]}
        self.assertIn("arms_control", ids)
        self.assertIn("diplomacy", ids)
        # Evidence quotes the text at its offsets.
        for para in doc["paragraphs"]:
            for theme in para["themes"]:
                for hit in theme["hits"]:
                    self.assertEqual(text[hit["begin"]:hit["end"]].decode(), hit["text"])
            for cue in para["stance"]["cues"]:
                self.assertEqual(text[cue["begin"]:cue["end"]].decode(), cue["text"])

    def test_jsonl_prints_one_line_per_file_and_stdin(self):
        files = [source("tests", "data", "articles", f) for f in ("domestic-uk.txt", "unicode-dispatch.txt")]
        p = run("tag", "--format=jsonl", *files, "-", stdin=b"Sanctions were lifted.", check_exit=0)
        lines = p.stdout.decode().splitlines()
        self.assertEqual(len(lines), 3)
        docs = [json.loads(l) for l in lines]
        for d in docs:
            Validators.check(d)
        self.assertEqual(docs[0]["id"], files[0])
        self.assertIsNone(docs[2]["id"])
        self.assertEqual(docs[2]["document"]["themes"][0]["id"], "trade_sanctions")

    def test_files_tagged_in_one_run_get_what_each_gets_alone(self):
        # One run tags every file into one result; none may keep anything of the file
        # before it, longer or refused.
        articles = sorted(os.listdir(source("tests", "data", "articles")))
        files = [source("tests", "data", "articles", f) for f in articles]
        with tempfile.TemporaryDirectory() as d:
            short = os.path.join(d, "short.txt")
            with open(short, "wb") as f:
                f.write(b"Sanctions were lifted.")
            bad = os.path.join(d, "bad.txt")
            with open(bad, "wb") as f:
                f.write(b"Talks \xff resumed after the ceasefire.")
            order = [files[0], short, files[-1], bad, "/nonexistent/article.txt"] + files + [bad, short]
            for flags in ([], ["--repair-utf8"]):
                together = run("tag", "--format=jsonl", *flags, *order).stdout.decode().splitlines()
                self.assertEqual(len(together), len(order))
                for file, line in zip(order, together):
                    alone = run("tag", "--format=jsonl", *flags, file).stdout.decode().splitlines()
                    self.assertEqual(alone, [line], (flags, file))

    def test_text_format_explains(self):
        p = run("tag", "--format", "text", "--explain", source("examples", "data", "sample-article.txt"), check_exit=0)
        out = p.stdout.decode()
        self.assertIn("hit  arms_control", out)
        self.assertIn("cue  ", out)
        self.assertIn("document:", out)

    def test_missing_file_is_an_error_record_and_exit_1(self):
        p = run("tag", "--format=jsonl", "/nonexistent/article.txt", source("tests", "data", "articles", "domestic-uk.txt"))
        self.assertEqual(p.returncode, 1)
        lines = [json.loads(l) for l in p.stdout.decode().splitlines()]
        self.assertEqual(len(lines), 2)
        self.assertIn("error", lines[0])
        Validators.check(lines[0])
        self.assertNotIn("error", lines[1])

    def test_documents_over_the_limit_are_refused(self):
        p = run("tag", "--format=jsonl", "--max-document-bytes=100", stdin=b"Sanctions. " * 200)
        self.assertEqual(p.returncode, 1)
        self.assertIn("over the limit of 100 bytes", json.loads(p.stdout)["error"])
        run("tag", "--format=jsonl", "--max-document-bytes=100", stdin=b"Sanctions. " * 9, check_exit=0)

    def test_invalid_utf8_is_refused_or_repaired(self):
        p = run("tag", "--format=jsonl", stdin=b"Talks \xff resumed.")
        self.assertEqual(p.returncode, 1)
        self.assertIn("byte offset 6", json.loads(p.stdout)["error"])
        p = run("tag", "--format=jsonl", "--repair-utf8", stdin=b"Talks \xff resumed.", check_exit=0)
        Validators.check(json.loads(p.stdout))

    def test_messages_name_the_flags(self):
        p = run("tag", "--format=jsonl", stdin=b"Talks \xff resumed.")
        self.assertIn("or use --repair-utf8", json.loads(p.stdout)["error"])
        self.assertIn("or use --repair-utf8", p.stderr.decode())
        self.assertNotIn("repair_invalid_utf8", p.stderr.decode())
        for value in ("0", "4294967296", "99999999999999999999", "-1", "many"):
            p = run("tag", "--max-document-bytes", value, stdin=b"Talks resumed.")
            self.assertEqual(p.returncode, 2, value)
            self.assertIn("--max-document-bytes needs a number from 1 to 4294967295", p.stderr.decode())
        run("tag", "--max-document-bytes", "4294967295", stdin=b"Talks resumed.", check_exit=0)
        for command in (["tag"], ["batch"], ["lexicon", "eval", "--labels", "l.jsonl", "--input", "p.jsonl"]):
            p = run(*command, "--no-default-lexicons", stdin=b"")
            self.assertEqual(p.returncode, 2, command)
            self.assertIn("--no-default-lexicons leaves nothing to tag with", p.stderr.decode())

    def test_custom_lexicon_alone(self):
        with tempfile.NamedTemporaryFile("w", suffix=".lexicon", delete=False) as f:
            f.write("@name desk\n@version 3\n@kind themes\n[space_security]\nanti-satellite\norbital debris\n")
        try:
            p = run("tag", "--format=jsonl", "--no-default-lexicons", "--lexicon", f.name,
                    stdin=b"An anti-satellite test left orbital debris.", check_exit=0)
            doc = json.loads(p.stdout)
            Validators.check(doc)
            self.assertEqual([l["name"] for l in doc["lexicons"]], ["desk"])
            self.assertEqual(doc["paragraphs"][0]["themes"][0]["id"], "space_security")
            self.assertEqual(doc["paragraphs"][0]["stance"]["label"], "neutral")
        finally:
            os.unlink(f.name)


class DirectoryTest(unittest.TestCase):
    def test_a_directory_where_a_file_is_expected_is_named_so(self):
        with tempfile.TemporaryDirectory() as d:
            adir = os.path.join(d, "adir")
            os.mkdir(adir)
            article = source("tests", "data", "articles", "domestic-uk.txt")
            p = run("tag", "--format=jsonl", adir, article)
            self.assertEqual(p.returncode, 1)
            self.assertIn(f"polytag: {adir}: is a directory\n", p.stderr.decode())
            lines = [json.loads(l) for l in p.stdout.decode().splitlines()]
            self.assertEqual(lines[0], {"id": adir, "error": "is a directory"})
            self.assertNotIn("error", lines[1])
            p = run("batch", "--input", adir, check_exit=1)
            self.assertEqual(p.stderr.decode(), f"polytag: {adir}: is a directory\n")
            corpus = source("tests", "data", "lexicons", "policy-corpus.jsonl")
            labels = source("tests", "data", "eval", "labels.jsonl")
            lexicon = source("tests", "data", "lexicons", "policy.lcd")
            for args in (["lexicon", "coverage", lexicon, "--corpus", adir],
                         ["lexicon", "coverage", adir, "--corpus", corpus],
                         ["lexicon", "eval", "--labels", adir, "--input", adir],
                         ["lexicon", "eval", "--labels", labels, "--input", adir],
                         ["lexicon", "check", adir],
                         ["lexicon", "stats", adir],
                         ["tag", "--lexicon", adir, article]):
                p = run(*args, check_exit=1)
                self.assertIn(f"{adir}: is a directory\n", p.stderr.decode(), args)
                self.assertEqual(p.stdout, b"", args)


class UsageTest(unittest.TestCase):
    def test_help_and_version(self):
        self.assertIn(b"Usage:", run("--help", check_exit=0).stdout)
        self.assertIn(b"Usage:", run("tag", "--help", check_exit=0).stdout)
        self.assertRegex(run("--version", check_exit=0).stdout.decode(), r"^polytag \d+\.\d+\.\d+\n$")

    def test_usage_errors_exit_2(self):
        for args in (["tag", "--frobnicate"], ["tag", "--format=xml"], ["bogus"], [], ["batch", "--threads=0"],
                     ["batch", "extra-arg"], ["lexicon"], ["tag", "--explain"],
                     ["batch", "--input", "a.jsonl", "--input", "b.jsonl"], ["batch", "--threads", "2", "--threads=3"],
                     ["tag", "--format=jsonl", "--format=text"], ["tag", "--input", "a.jsonl"],
                     ["batch", "--format=jsonl"], ["tag", "--explain=yes", "--format=text"]):
            p = run(*args)
            self.assertEqual(p.returncode, 2, args)
            self.assertIn(b"polytag:", p.stderr)


class BatchTest(unittest.TestCase):
    INPUT = (b'{"id": "a", "text": "Parliament passed the budget after a long debate."}\n'
             b'{"id": "b", "text": \n'
             b'\n'
             b'{"id": "c"}\n'
             b'{"id": "d", "text": "Hackers leaked \xc3 emails."}\n'
             b'{"id": "e", "text": "Refugees crossed the border."}')

    def test_one_line_per_record_in_order_with_errors(self):
        p = run("batch", stdin=self.INPUT)
        self.assertEqual(p.returncode, 1)
        lines = [json.loads(l) for l in p.stdout.decode().splitlines()]
        self.assertEqual([l.get("id") for l in lines], ["a", "b", None, "c", "d", "e"])
        self.assertEqual(["error" in l for l in lines], [False, True, True, True, True, False])
        for l in lines:
            Validators.check(l)
        self.assertIn("6 records, 2 tagged, 4 failed", p.stderr.decode())

    def test_repair_utf8_tags_the_records_that_hold_invalid_utf8(self):
        p = run("batch", "--repair-utf8", stdin=self.INPUT)
        lines = [json.loads(l) for l in p.stdout.decode().splitlines()]
        self.assertEqual(["error" in l for l in lines], [False, True, True, True, False, False])
        self.assertEqual(lines[4]["id"], "d")
        self.assertIn("6 records, 3 tagged, 3 failed", p.stderr.decode())
        p = run("batch", "--repair-utf8", stdin=b'{"id": "d", "text": "Hackers leaked \xc3 emails."}\n', check_exit=0)
        self.assertEqual(json.loads(p.stdout)["paragraphs"][0]["end"], len("Hackers leaked \ufffd emails.".encode()))

    def test_threads_keep_order_and_bytes(self):
        one = run("batch", stdin=self.INPUT * 40).stdout
        two = run("batch", "--threads", "2", stdin=self.INPUT * 40).stdout
        self.assertEqual(one, two)

    def test_input_and_output_files(self):
        with tempfile.TemporaryDirectory() as d:
            inp, out = os.path.join(d, "in.jsonl"), os.path.join(d, "out.jsonl")
            pathlib.Path(inp).write_bytes(b'{"id": "x", "text": "Inflation rose."}\n')
            run("batch", "--input", inp, "--output", out, check_exit=0)
            self.assertEqual(json.loads(pathlib.Path(out).read_text())["id"], "x")

    def test_output_that_is_the_input_is_refused_before_it_is_truncated(self):
        records = b'{"id": "x", "text": "Inflation rose."}\n' * 3
        with tempfile.TemporaryDirectory() as d:
            inp = os.path.join(d, "in.jsonl")
            pathlib.Path(inp).write_bytes(records)
            os.mkdir(os.path.join(d, "sub"))
            link = os.path.join(d, "link.jsonl")
            os.link(inp, link)
            for out in (inp, os.path.join(d, "sub", "..", "in.jsonl"), link):
                p = run("batch", "--input", inp, "--output", out)
                self.assertEqual(p.returncode, 2, out)
                self.assertIn(f"--output {out} is the input file", p.stderr.decode())
                self.assertEqual(pathlib.Path(inp).read_bytes(), records)
            with open(inp, "rb") as f:  # standard input redirected from the output file
                p = subprocess.run([ARGS.polytag, "batch", "--output", inp], stdin=f, capture_output=True)
            self.assertEqual(p.returncode, 2)
            self.assertEqual(pathlib.Path(inp).read_bytes(), records)
            # Another file, even one that does not exist yet, is fine.
            run("batch", "--input", inp, "--output", os.path.join(d, "sub", "out.jsonl"), check_exit=0)

    def test_a_write_failure_counts_the_whole_lines_written(self):
        records = b"".join(b'{"id": "r%d", "text": "Parliament passed the budget after a long debate."}\n' % i
                           for i in range(2000))

        def limit_file_size():  # as `trap '' XFSZ; ulimit -f 200` in a shell
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
            resource.setrlimit(resource.RLIMIT_FSIZE, (200 * 512, resource.RLIM_INFINITY))

        with tempfile.TemporaryDirectory() as d:
            out = os.path.join(d, "out.jsonl")
            for threads in ("1", "2"):
                p = subprocess.run([ARGS.polytag, "batch", "--threads", threads, "--output", out], input=records,
                                   capture_output=True, preexec_fn=limit_file_size)
                self.assertEqual(p.returncode, 1)
                written = pathlib.Path(out).read_bytes()
                self.assertEqual(len(written), 200 * 512)
                whole = written.count(b"\n")
                self.assertIn(f"after {whole} records: the output holds {whole} whole lines and may end in part "
                              f"of the next one", p.stderr.decode())
        if os.path.exists("/dev/full"):
            p = run("batch", "--output", "/dev/full", stdin=records)
            self.assertEqual(p.returncode, 1)
            self.assertIn("after 0 records: the output holds 0 whole lines", p.stderr.decode())

    def test_tags_every_dev_paragraph(self):
        if not os.path.exists(shared("eval", "dev-paragraphs.jsonl")):
            self.skipTest("../shared is absent")
        data = pathlib.Path(shared("eval", "dev-paragraphs.jsonl")).read_bytes()
        p = run("batch", "--threads=2", stdin=data, check_exit=0)
        lines = [json.loads(l) for l in p.stdout.decode().splitlines()]
        self.assertEqual(len(lines), len(data.decode().splitlines()))
        for l in lines:
            Validators.check(l)


class LexiconCheckTest(unittest.TestCase):
    def test_good_and_bad_files(self):
        p = run("lexicon", "check", source("lexicons", "default-themes.lexicon"),
                source("lexicons", "default-stance.lexicon"), check_exit=0)
        self.assertIn(b"ok: polytag-themes", p.stdout)
        with tempfile.NamedTemporaryFile("w", suffix=".lexicon", delete=False) as f:
            f.write("@name bad\n@version 1\n@kind themes\n[t]\nfine\n  sanc*tion\n")
        try:
            p = run("lexicon", "check", f.name)
            self.assertEqual(p.returncode, 1)
            self.assertIn(f"{f.name}:6:7: glob", p.stderr.decode())
        finally:
            os.unlink(f.name)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--polytag", required=True)
    parser.add_argument("--source-dir", required=True)
    ARGS, rest = parser.parse_known_args()
    Validators.load()
    unittest.main(argv=[sys.argv[0], *rest])
