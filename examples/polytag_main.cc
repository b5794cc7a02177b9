// polytag: the command-line tool. A thin layer over the public API: it parses flags,
// reads files, and hands the work to Tagger, ToJson/ToText and RunBatch.
#include <csignal>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "polytag/polytag.h"

namespace {

constexpr char kUsage[] = R"(polytag: tag paragraphs of political news with themes and risk/opportunity stance

Usage:
  polytag tag [options] [FILE...]     tag each FILE (or standard input for none or -)
  polytag batch [options]             tag JSONL records {"id": ..., "text": ...}
  polytag lexicon check PATH...       validate lexicon files
  polytag --help | --version

Options for tag and batch:
  --lexicon PATH            add a lexicon file (repeatable)
  --no-default-lexicons     leave the built-in lexicons out
  --max-document-bytes N    refuse documents over N bytes (default 16777216)
  --repair-utf8             replace invalid UTF-8 with U+FFFD instead of refusing it

Options for tag:
  --format json|jsonl|text  json: an indented object per document (default);
                            jsonl: one line per document; text: a table for reading
  --explain                 text format: show every hit and cue and the rules applied

Options for batch:
  --input FILE              read records from FILE instead of standard input
  --output FILE             write to FILE instead of standard output
  --threads N               tag with N threads (default 1); output keeps input order

Exit status: 0 when everything was tagged, 1 when a document, record or lexicon
failed (the others are still written), 2 for a usage error.
)";

int UsageError(const std::string& message) {
  std::cerr << "polytag: " << message << "\nRun 'polytag --help' for usage.\n";
  return 2;
}

struct Flags {
  std::vector<std::string> lexicons;
  bool no_defaults = false;
  std::string format = "json";
  bool explain = false;
  std::string input, output;
  int threads = 1;
  polytag::TaggerOptions options;
  std::vector<std::string> positional;
};

// Parses "--name=value" and "--name value". Returns an error message, or "".
std::string ParseFlags(const std::vector<std::string>& args, bool batch, Flags* f) {
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "-" || a.rfind("--", 0) != 0) {
      if (batch) return absl::StrCat("unexpected argument '", a, "' (batch reads --input or standard input)");
      f->positional.push_back(a);
      continue;
    }
    std::string name = a.substr(2), value;
    bool has_value = false;
    if (const size_t eq = name.find('='); eq != std::string::npos) {
      value = name.substr(eq + 1);
      name.resize(eq);
      has_value = true;
    }
    auto take = [&](std::string* out) -> bool {
      if (!has_value) {
        if (i + 1 >= args.size()) return false;
        value = args[++i];
      }
      *out = value;
      return true;
    };
    auto no_value = [&] { return !has_value; };
    std::string v;
    if (name == "lexicon") {
      if (!take(&v)) return "--lexicon needs a path";
      f->lexicons.push_back(v);
    } else if (name == "no-default-lexicons" && no_value()) {
      f->no_defaults = true;
    } else if (name == "repair-utf8" && no_value()) {
      f->options.repair_invalid_utf8 = true;
    } else if (name == "max-document-bytes") {
      uint64_t n;
      if (!take(&v) || !absl::SimpleAtoi(v, &n) || n == 0) return "--max-document-bytes needs a positive number";
      f->options.max_document_bytes = n;
    } else if (!batch && name == "format") {
      if (!take(&v) || (v != "json" && v != "jsonl" && v != "text")) return "--format must be json, jsonl or text";
      f->format = v;
    } else if (!batch && name == "explain" && no_value()) {
      f->explain = true;
    } else if (batch && name == "input") {
      if (!take(&f->input)) return "--input needs a path";
    } else if (batch && name == "output") {
      if (!take(&f->output)) return "--output needs a path";
    } else if (batch && name == "threads") {
      if (!take(&v) || !absl::SimpleAtoi(v, &f->threads) || f->threads < 1 || f->threads > 256)
        return "--threads needs a number from 1 to 256";
    } else {
      return absl::StrCat("unknown flag '", a, "'");
    }
  }
  return "";
}

absl::StatusOr<std::unique_ptr<polytag::Tagger>> MakeTagger(const Flags& f) {
  std::vector<polytag::Lexicon> lexicons;
  if (!f.no_defaults) lexicons = polytag::DefaultLexicons();
  for (const std::string& path : f.lexicons) {
    absl::StatusOr<polytag::Lexicon> lex = polytag::Lexicon::ReadFile(path);
    if (!lex.ok()) return lex.status();
    lexicons.push_back(std::move(*lex));
  }
  if (lexicons.empty()) return absl::InvalidArgumentError("no lexicons: give --lexicon PATH or drop --no-default-lexicons");
  return polytag::Tagger::Create(std::move(lexicons), f.options);
}

bool ReadAll(std::istream& in, std::string* out) {
  std::ostringstream buf;
  buf << in.rdbuf();
  *out = buf.str();
  return !in.bad();
}

int Tag(const std::vector<std::string>& args) {
  Flags f;
  if (std::string e = ParseFlags(args, false, &f); !e.empty()) return UsageError(e);
  if (f.explain && f.format != "text") return UsageError("--explain goes with --format=text");
  auto tagger = MakeTagger(f);
  if (!tagger.ok()) {
    std::cerr << "polytag: " << tagger.status().message() << "\n";
    return 1;
  }
  if (f.positional.empty()) f.positional.push_back("-");
  polytag::ReportOptions report;
  report.pretty = f.format == "json";
  report.explain = f.explain;
  int status = 0;
  for (const std::string& file : f.positional) {
    const bool stdin_input = file == "-";
    std::optional<std::string_view> id;
    if (!stdin_input) id = file;
    std::string text;
    bool read_ok;
    if (stdin_input) {
      read_ok = ReadAll(std::cin, &text);
    } else {
      std::ifstream in(file, std::ios::binary);
      read_ok = in && ReadAll(in, &text);
    }
    absl::StatusOr<polytag::DocumentTags> tags =
        read_ok ? (*tagger)->Tag(text) : absl::NotFoundError(absl::StrCat("cannot read ", file));
    if (!tags.ok()) {
      const std::string message(tags.status().message());
      std::cerr << "polytag: " << (stdin_input ? "<stdin>" : file) << ": " << message << "\n";
      if (f.format != "text") std::cout << polytag::ErrorToJson(id, message) << "\n";
      status = 1;
      continue;
    }
    if (f.format == "text") std::cout << polytag::ToText(**tagger, *tags, text, id, report);
    else std::cout << polytag::ToJson(**tagger, *tags, text, id, report) << "\n";
  }
  std::cout.flush();
  if (!std::cout) {
    std::cerr << "polytag: writing the output failed\n";
    return 1;
  }
  return status;
}

int Batch(const std::vector<std::string>& args) {
  Flags f;
  if (std::string e = ParseFlags(args, true, &f); !e.empty()) return UsageError(e);
  auto tagger = MakeTagger(f);
  if (!tagger.ok()) {
    std::cerr << "polytag: " << tagger.status().message() << "\n";
    return 1;
  }
  std::ifstream in_file;
  std::ofstream out_file;
  if (!f.input.empty()) {
    in_file.open(f.input, std::ios::binary);
    if (!in_file) { std::cerr << "polytag: cannot open " << f.input << "\n"; return 1; }
  }
  if (!f.output.empty()) {
    out_file.open(f.output, std::ios::binary | std::ios::trunc);
    if (!out_file) { std::cerr << "polytag: cannot write " << f.output << "\n"; return 1; }
  }
  polytag::BatchOptions options;
  options.threads = f.threads;
  auto stats = polytag::RunBatch(**tagger, f.input.empty() ? std::cin : in_file,
                                 f.output.empty() ? std::cout : out_file, options);
  if (!stats.ok()) {
    std::cerr << "polytag: batch stopped: " << stats.status().message() << "\n";
    return 1;
  }
  std::cerr << "polytag: " << stats->records << " records, " << stats->tagged << " tagged, " << stats->failed
            << " failed\n";
  return stats->failed > 0 ? 1 : 0;
}

int LexiconCommand(const std::vector<std::string>& args) {
  if (args.empty() || args[0] != "check") return UsageError("expected 'polytag lexicon check PATH...'");
  if (args.size() < 2) return UsageError("lexicon check needs at least one PATH");
  int status = 0;
  for (size_t i = 1; i < args.size(); ++i) {
    absl::StatusOr<polytag::Lexicon> lex = polytag::Lexicon::ReadFile(args[i]);
    if (!lex.ok()) {
      std::cerr << lex.status().message() << "\n";
      status = 1;
      continue;
    }
    auto tagger = polytag::Tagger::Create({*lex});
    if (!tagger.ok()) {
      std::cerr << args[i] << ": " << tagger.status().message() << "\n";
      status = 1;
      continue;
    }
    std::cout << args[i] << ": ok: " << lex->name() << " " << lex->version() << ", "
              << (lex->kind() == polytag::LexiconKind::kThemes ? "themes" : "stance") << ", "
              << lex->entries().size() << " entries in " << lex->Categories().size() << " categories\n";
  }
  return status;
}

}  // namespace

int main(int argc, char** argv) {
  // A closed output pipe should end the run with an error message, not a signal.
  std::signal(SIGPIPE, SIG_IGN);
  std::ios::sync_with_stdio(false);
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty()) return UsageError("missing command");
  const std::string command = args[0];
  args.erase(args.begin());
  if (command == "--help" || command == "-h" || command == "help") {
    std::cout << kUsage;
    return 0;
  }
  if (command == "--version") {
    std::cout << "polytag " << polytag::Version() << "\n";
    return 0;
  }
  for (const std::string& a : args) {
    if (a == "--help" || a == "-h") {
      std::cout << kUsage;
      return 0;
    }
  }
  if (command == "tag") return Tag(args);
  if (command == "batch") return Batch(args);
  if (command == "lexicon") return LexiconCommand(args);
  return UsageError(absl::StrCat("unknown command '", command, "'"));
}
