// polytag: the command-line tool. A thin layer over the public API: it parses flags,
// reads files, and hands the work to Tagger, ToJson/ToText and RunBatch.
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <limits>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "polytag/coverage.h"
#include "polytag/evaluation.h"
#include "polytag/importer.h"
#include "polytag/lexicon_check.h"
#include "polytag/lexicon_stats.h"
#include "polytag/lexicon_writer.h"
#include "polytag/polytag.h"

namespace {

constexpr char kUsage[] = R"(polytag: tag paragraphs of political news with themes and risk/opportunity stance

Usage:
  polytag tag [options] [FILE...]     tag each FILE (or standard input for none or -)
  polytag batch [options]             tag JSONL records {"id": ..., "text": ...}
  polytag lexicon check PATH...       report every problem of lexicon files
  polytag lexicon stats PATH...       count entries by category and kind
  polytag lexicon coverage PATH --corpus FILE.jsonl
                                      what each entry does on a corpus of {"id", "text"}
  polytag lexicon convert PATH --to native [--output FILE]
                                      write a dictionary out in the native format
  polytag lexicon eval --labels LABELS.jsonl --input PARAGRAPHS.jsonl [--json]
                                      score tags against hand-labelled paragraphs
  polytag --help | --version

Options for tag and batch:
  --lexicon PATH            add a lexicon file (repeatable)
  --no-default-lexicons     leave the built-in lexicons out
  --max-document-bytes N    refuse documents over N bytes (default 16777216, at most
                            4294967295)
  --repair-utf8             replace invalid UTF-8 with U+FFFD instead of refusing it
  --lexicon-format FORMAT   the format of the --lexicon files after it: native, liwc,
                            wordstat, lexicoder, lexicoder-xml, yaml or tsv (default:
                            from the extension, else the content)
  --lexicon-as USE          what the imported --lexicon files after it are for:
                            themes, or stance:ROLE=CATEGORY,... with each role and
                            category once (for example
                            stance:risk=negative,opportunity=positive)

Options for lexicon commands (also --lexicon-format and --lexicon-as):
  --corpus FILE             coverage: the corpus, JSONL records {"id", "text"}
  --top N                   coverage: show the N most frequent entries (default 20)
  --to native               convert: the output format
  --output FILE             convert: write to FILE instead of standard output
  --name NAME, --lexicon-version V
                            convert, stats, coverage: name and version an import
  --labels FILE, --input FILE
                            eval: labelled paragraphs {"id", "themes", "stance"} and
                            the paragraphs {"id", "text"}; eval takes the tag options
  --json                    eval: one JSON line of the summary figures

Options for tag:
  --format json|jsonl|text  json: an indented object per document (default);
                            jsonl: one line per document; text: a table for reading
  --explain                 text format: show every hit and cue and the rules applied

Options for batch:
  --input FILE              read records from FILE instead of standard input
  --output FILE             write to FILE instead of standard output (never the input
                            file: that is a usage error)
  --threads N               tag with N threads (default 1); output keeps input order

A flag of another command, or a second value for a flag that takes one, is a usage
error.

Exit status: 0 when everything was tagged, 1 when a document, record or lexicon
failed (the others are still written), 2 for a usage error.
)";

int UsageError(const std::string& message) {
  std::cerr << "polytag: " << message << "\nRun 'polytag --help' for usage.\n";
  return 2;
}

// A command's exit status once its standard output is flushed: output that did not all
// get out (a full disk, a closed pipe) is a failure whatever else went well.
int FlushOutput(int status) {
  std::cout.flush();
  if (!std::cout) {
    std::cerr << "polytag: writing the output failed\n";
    return status == 2 ? 2 : 1;
  }
  return status;
}

// A --lexicon with the --lexicon-format and --lexicon-as in force where it was given.
struct LexiconFlag {
  std::string path;
  std::string format;
  polytag::ImportOptions import;
};

// The commands, as bits, so that each flag can say which of them take it.
enum Command : unsigned {
  kTag = 1u << 0,
  kBatch = 1u << 1,
  kCheck = 1u << 2,
  kStats = 1u << 3,
  kCoverage = 1u << 4,
  kConvert = 1u << 5,
  kEval = 1u << 6,
};
constexpr unsigned kTagging = kTag | kBatch | kEval;                     // tag with --lexicon files
constexpr unsigned kImporting = kCheck | kStats | kCoverage | kConvert;  // import the PATH arguments

std::string CommandName(Command c) {
  switch (c) {
    case kTag: return "tag";
    case kBatch: return "batch";
    case kCheck: return "lexicon check";
    case kStats: return "lexicon stats";
    case kCoverage: return "lexicon coverage";
    case kConvert: return "lexicon convert";
    case kEval: return "lexicon eval";
  }
  return "";
}

// A flag, the commands that take it, and those in which it may be given more than once
// (elsewhere a second one would silently override the first). --lexicon-format and
// --lexicon-as apply to the --lexicon files after them, so they repeat where those do.
struct FlagSpec {
  std::string_view name;
  unsigned commands;
  unsigned repeatable;
};
constexpr FlagSpec kFlagSpecs[] = {
    {"lexicon", kTagging, kTagging},
    {"lexicon-format", kTagging | kImporting, kTagging},
    {"lexicon-as", kTagging | kImporting, kTagging},
    {"no-default-lexicons", kTagging, kTagging},
    {"repair-utf8", kTagging, kTagging},
    {"max-document-bytes", kTagging, 0},
    {"format", kTag, 0},
    {"explain", kTag, kTag},
    {"input", kBatch | kEval, 0},
    {"output", kBatch | kConvert, 0},
    {"threads", kBatch, 0},
    {"name", kStats | kCoverage | kConvert, 0},
    {"lexicon-version", kStats | kCoverage | kConvert, 0},
    {"corpus", kCoverage, 0},
    {"top", kCoverage, 0},
    {"to", kConvert, 0},
    {"labels", kEval, 0},
    {"json", kEval, kEval},
};

struct Flags {
  std::vector<LexiconFlag> lexicons;
  std::string format_for_next;         // --lexicon-format
  polytag::ImportOptions import_for_next;  // --lexicon-as, --name, --lexicon-version
  std::string corpus, to, labels;
  int top = 20;
  bool json = false;
  bool pending_import_flags = false;  // --lexicon-format or --lexicon-as not yet used
  bool no_defaults = false;
  std::string format = "json";
  bool explain = false;
  std::string input, output;
  int threads = 1;
  polytag::TaggerOptions options;
  std::vector<std::string> positional;
};

// A category given two roles in --lexicon-as: the import would take the first and
// silently drop the second. (A role may take several categories: risk=negative,risk=anger.)
std::string RepeatedRole(const polytag::ImportOptions& import) {
  for (size_t i = 0; i < import.roles.size(); ++i) {
    for (size_t j = 0; j < i; ++j) {
      const std::string& category = import.roles[i].second;
      if (absl::AsciiStrToLower(category) == absl::AsciiStrToLower(import.roles[j].second))
        return absl::StrCat("--lexicon-as gives the category ", category, " two roles");
    }
  }
  return "";
}

// Parses "--name=value" and "--name value" for `command`. Returns an error message, or "".
std::string ParseFlags(const std::vector<std::string>& args, Command command, Flags* f) {
  const bool batch = command == kBatch;
  std::vector<std::string_view> seen;
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
    const FlagSpec* spec = nullptr;
    for (const FlagSpec& candidate : kFlagSpecs)
      if (candidate.name == name) spec = &candidate;
    if (spec == nullptr) return absl::StrCat("unknown flag '", a, "'");
    if (!(spec->commands & command)) return absl::StrCat("--", name, " is not an option of ", CommandName(command));
    if (!(spec->repeatable & command)) {
      if (std::find(seen.begin(), seen.end(), spec->name) != seen.end())
        return absl::StrCat("--", name, " is given twice");
      seen.push_back(spec->name);
    }
    auto no_value = [&] { return !has_value; };
    std::string v;
    if (name == "lexicon") {
      if (!take(&v)) return "--lexicon needs a path";
      f->lexicons.push_back({v, f->format_for_next, f->import_for_next});
      f->pending_import_flags = false;
    } else if (name == "lexicon-format") {
      if (!take(&v)) return "--lexicon-format needs a format name";
      if (auto importer = polytag::FindImporter(v); !importer.ok()) return std::string(importer.status().message());
      f->format_for_next = v;
      f->pending_import_flags = true;
    } else if (name == "lexicon-as") {
      if (!take(&v)) return "--lexicon-as needs themes or stance:ROLE=CATEGORY,...";
      if (absl::Status s = polytag::ParseLexiconUse(v, &f->import_for_next); !s.ok()) return std::string(s.message());
      if (std::string e = RepeatedRole(f->import_for_next); !e.empty()) return e;
      f->pending_import_flags = true;
    } else if (name == "name") {
      if (!take(&f->import_for_next.name)) return "--name needs a lexicon name";
    } else if (name == "lexicon-version") {
      if (!take(&f->import_for_next.version)) return "--lexicon-version needs a version";
    } else if (name == "corpus") {
      if (!take(&f->corpus)) return "--corpus needs a path";
    } else if (name == "to") {
      if (!take(&f->to) || f->to != "native") return "--to takes native";
    } else if (name == "labels") {
      if (!take(&f->labels)) return "--labels needs a path";
    } else if (name == "json" && no_value()) {
      f->json = true;
    } else if (name == "top") {
      if (!take(&v) || !absl::SimpleAtoi(v, &f->top) || f->top < 0) return "--top needs a number";
    } else if (name == "no-default-lexicons" && no_value()) {
      f->no_defaults = true;
    } else if (name == "repair-utf8" && no_value()) {
      f->options.repair_invalid_utf8 = true;
    } else if (name == "max-document-bytes") {
      // The tagger's own bound (TaggerOptions), checked here so that it is a usage error.
      constexpr uint64_t kMaxDocumentBytes = std::numeric_limits<uint32_t>::max();
      uint64_t n;
      if (!take(&v) || !absl::SimpleAtoi(v, &n) || n == 0 || n > kMaxDocumentBytes)
        return absl::StrCat("--max-document-bytes needs a number from 1 to ", kMaxDocumentBytes);
      f->options.max_document_bytes = n;
    } else if (name == "format") {
      if (!take(&v) || (v != "json" && v != "jsonl" && v != "text")) return "--format must be json, jsonl or text";
      f->format = v;
    } else if (name == "explain" && no_value()) {
      f->explain = true;
    } else if (name == "input") {
      if (!take(&f->input)) return "--input needs a path";
    } else if (name == "output") {
      if (!take(&f->output)) return "--output needs a path";
    } else if (name == "threads") {
      if (!take(&v) || !absl::SimpleAtoi(v, &f->threads) || f->threads < 1 || f->threads > polytag::kMaxBatchThreads)
        return absl::StrCat("--threads needs a number from 1 to ", polytag::kMaxBatchThreads);
    } else {
      return absl::StrCat("--", name, " takes no value");
    }
  }
  if ((command & kTagging) && f->pending_import_flags)
    return "--lexicon-format and --lexicon-as apply to the --lexicon files given after them";
  if (f->no_defaults && f->lexicons.empty())
    return "--no-default-lexicons leaves nothing to tag with: add --lexicon PATH";
  return "";
}

// A directory opens as a stream on some systems and reads as an error or as nothing,
// which said "read error", or let a command succeed on no input at all.
bool IsDirectory(const std::string& path) {
  std::error_code error;
  return std::filesystem::is_directory(path, error);
}

absl::Status NotADirectory(const std::string& path) {
  if (IsDirectory(path)) return absl::FailedPreconditionError(absl::StrCat(path, ": is a directory"));
  return absl::OkStatus();
}

absl::StatusOr<polytag::Lexicon> ImportLexicon(const std::string& path, const polytag::ImportOptions& import,
                                               const std::string& format,
                                               std::vector<polytag::ImportProblem>* problems = nullptr) {
  if (absl::Status s = NotADirectory(path); !s.ok()) return s;
  return polytag::ImportFile(path, import, format, problems);
}

absl::StatusOr<std::unique_ptr<polytag::Tagger>> MakeTagger(const Flags& f) {
  std::vector<polytag::Lexicon> lexicons;
  if (!f.no_defaults) lexicons = polytag::DefaultLexicons();
  for (const LexiconFlag& l : f.lexicons) {
    absl::StatusOr<polytag::Lexicon> lex = ImportLexicon(l.path, l.import, l.format);
    if (!lex.ok()) return lex.status();
    lexicons.push_back(std::move(*lex));
  }
  return polytag::Tagger::Create(std::move(lexicons), f.options);
}

// The tagger's messages name its options as the API spells them; the tool's users set
// them with flags.
std::string InFlagTerms(absl::string_view message) {
  return absl::StrReplaceAll(message, {{"set repair_invalid_utf8", "use --repair-utf8"},
                                       {"TaggerOptions::max_document_bytes", "--max-document-bytes"}});
}

bool ReadAll(std::istream& in, std::string* out) {
  std::ostringstream buf;
  buf << in.rdbuf();
  *out = buf.str();
  return !in.bad();
}

// Reads a document, but never more than `limit` + 1 bytes: a file over the document
// limit is refused without being held in memory whole.
absl::StatusOr<std::string> ReadDocument(std::istream& in, size_t limit) {
  std::string text;
  char buf[1 << 16];
  while (in.read(buf, sizeof buf) || in.gcount() > 0) {
    text.append(buf, static_cast<size_t>(in.gcount()));
    if (text.size() > limit) {
      return absl::ResourceExhaustedError(absl::StrCat(
          "document of more than ", limit, " bytes is over the limit of ", limit,
          " bytes (--max-document-bytes); split it or raise the limit"));
    }
  }
  if (in.bad()) return absl::DataLossError("read error");
  return text;
}

int Tag(const std::vector<std::string>& args) {
  Flags f;
  if (std::string e = ParseFlags(args, kTag, &f); !e.empty()) return UsageError(e);
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
  // One result for every file: each is tagged into the memory the one before left.
  polytag::DocumentTags tags;
  for (const std::string& file : f.positional) {
    const bool stdin_input = file == "-";
    std::optional<std::string_view> id;
    if (!stdin_input) id = file;
    absl::StatusOr<std::string> read;
    if (stdin_input) {
      read = ReadDocument(std::cin, f.options.max_document_bytes);
    } else if (IsDirectory(file)) {
      read = absl::FailedPreconditionError("is a directory");
    } else {
      std::ifstream in(file, std::ios::binary);
      read = in ? ReadDocument(in, f.options.max_document_bytes) : absl::NotFoundError("cannot open the file");
    }
    const std::string text = read.ok() ? *std::move(read) : std::string();
    const absl::Status tagged = read.ok() ? (*tagger)->Tag(text, &tags) : read.status();
    if (!tagged.ok()) {
      const std::string message = InFlagTerms(tagged.message());
      std::cerr << "polytag: " << (stdin_input ? "<stdin>" : file) << ": " << message << "\n";
      if (f.format != "text") std::cout << polytag::ErrorToJson(id, message) << "\n";
      status = 1;
      continue;
    }
    if (f.format == "text") std::cout << polytag::ToText(**tagger, tags, text, id, report);
    else std::cout << polytag::ToJson(**tagger, tags, text, id, report) << "\n";
  }
  return FlushOutput(status);
}

// Whether `output` names the regular file that the input is, `input` or, when that is
// empty, standard input: compared by device and inode, so that any spelling of the
// path, or a hard link, is caught. Opening the output would truncate the records
// before they are read.
bool OutputIsTheInput(const std::string& input, const std::string& output) {
  struct stat in_stat, out_stat;
  const int got = input.empty() ? fstat(STDIN_FILENO, &in_stat) : stat(input.c_str(), &in_stat);
  if (got != 0 || stat(output.c_str(), &out_stat) != 0 || !S_ISREG(in_stat.st_mode)) return false;
  return in_stat.st_dev == out_stat.st_dev && in_stat.st_ino == out_stat.st_ino;
}

int Batch(const std::vector<std::string>& args) {
  Flags f;
  if (std::string e = ParseFlags(args, kBatch, &f); !e.empty()) return UsageError(e);
  if (!f.output.empty() && OutputIsTheInput(f.input, f.output)) {
    return UsageError(absl::StrCat("--output ", f.output, " is the input file: writing it would erase the records ",
                                   "before they are read; write to another file"));
  }
  auto tagger = MakeTagger(f);
  if (!tagger.ok()) {
    std::cerr << "polytag: " << tagger.status().message() << "\n";
    return 1;
  }
  std::ifstream in_file;
  std::ofstream out_file;
  if (!f.input.empty()) {
    if (absl::Status s = NotADirectory(f.input); !s.ok()) {
      std::cerr << "polytag: " << s.message() << "\n";
      return 1;
    }
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

absl::StatusOr<std::string> ReadFile(const std::string& path) {
  if (absl::Status s = NotADirectory(path); !s.ok()) return s;
  std::ifstream in(path, std::ios::binary);
  std::string text;
  if (!in || !ReadAll(in, &text)) return absl::NotFoundError(absl::StrCat(path, ": cannot read the file"));
  return text;
}

std::string_view KindName(polytag::LexiconKind kind) {
  return kind == polytag::LexiconKind::kThemes ? "themes" : "stance";
}

// check: every problem of each file, on standard error as file:line:column; an "ok"
// line on standard output for each file that loads. Warnings and notes do not fail it.
int LexiconCheck(const Flags& f) {
  int status = 0;
  for (const std::string& path : f.positional) {
    std::vector<polytag::ImportProblem> problems;
    absl::StatusOr<polytag::Lexicon> lex = ImportLexicon(path, f.import_for_next, f.format_for_next, &problems);
    for (const polytag::ImportProblem& p : problems) std::cerr << p.message << "\n";
    if (!lex.ok()) {
      if (problems.empty() || problems.back().message != lex.status().message())
        std::cerr << lex.status().message() << "\n";
      status = 1;
      continue;
    }
    if (!problems.empty()) status = 1;
    int warnings = 0, notes = 0;
    for (const polytag::LexiconFinding& finding : polytag::CheckLexicon(*lex)) {
      std::cerr << finding.message << "\n";
      ++(finding.severity == polytag::LexiconFinding::Severity::kWarning ? warnings : notes);
    }
    auto tagger = polytag::Tagger::Create({*lex});
    if (!tagger.ok()) {
      std::cerr << path << ": " << tagger.status().message() << "\n";
      status = 1;
      continue;
    }
    if (!problems.empty()) continue;
    std::cout << path << ": ok: " << lex->name() << " " << lex->version() << ", " << KindName(lex->kind()) << ", "
              << lex->entries().size() << " entries in " << lex->Categories().size() << " categories";
    if (warnings + notes > 0) std::cout << "; " << warnings << " warnings, " << notes << " notes";
    std::cout << "\n";
  }
  return status;
}

int LexiconStats(const Flags& f) {
  int status = 0;
  for (const std::string& path : f.positional) {
    absl::StatusOr<polytag::Lexicon> lex = ImportLexicon(path, f.import_for_next, f.format_for_next);
    if (!lex.ok()) {
      std::cerr << lex.status().message() << "\n";
      status = 1;
      continue;
    }
    std::cout << path << ": " << lex->name() << " " << lex->version() << ", " << KindName(lex->kind()) << ", "
              << lex->entries().size() << " entries in " << lex->Categories().size() << " categories\n"
              << polytag::LexiconStatsToText(polytag::ComputeLexiconStats(*lex));
  }
  return status;
}

int LexiconCoverage(const Flags& f) {
  if (f.positional.size() != 1 || f.corpus.empty())
    return UsageError("expected 'polytag lexicon coverage PATH --corpus FILE.jsonl'");
  absl::StatusOr<polytag::Lexicon> lex = ImportLexicon(f.positional[0], f.import_for_next, f.format_for_next);
  absl::StatusOr<std::string> corpus = lex.ok() ? ReadFile(f.corpus) : lex.status();
  absl::StatusOr<polytag::CoverageReport> report =
      corpus.ok() ? polytag::MeasureCoverage(*lex, *corpus, f.corpus) : corpus.status();
  if (!report.ok()) {
    std::cerr << "polytag: " << report.status().message() << "\n";
    return 1;
  }
  std::cout << polytag::CoverageToText(*report, f.top);
  return report->failed > 0 ? 1 : 0;
}

int LexiconConvert(const Flags& f) {
  if (f.positional.size() != 1 || f.to != "native")
    return UsageError("expected 'polytag lexicon convert PATH --to native [--output FILE]'");
  absl::StatusOr<polytag::Lexicon> lex = ImportLexicon(f.positional[0], f.import_for_next, f.format_for_next);
  absl::StatusOr<std::string> text = lex.ok() ? polytag::ToNativeFormat(*lex) : lex.status();
  if (!text.ok()) {
    std::cerr << "polytag: " << text.status().message() << "\n";
    return 1;
  }
  if (f.output.empty()) {
    std::cout << *text;
  } else {
    std::ofstream out(f.output, std::ios::binary | std::ios::trunc);
    if (!(out << *text) || !out.flush()) {
      std::cerr << "polytag: cannot write " << f.output << "\n";
      return 1;
    }
  }
  std::cerr << "polytag: " << lex->entries().size() << " entries in " << lex->Categories().size()
            << " categories written\n";
  return 0;
}

int LexiconEval(const Flags& f) {
  if (f.labels.empty() || f.input.empty() || !f.positional.empty())
    return UsageError("expected 'polytag lexicon eval --labels LABELS.jsonl --input PARAGRAPHS.jsonl'");
  auto tagger = MakeTagger(f);
  absl::StatusOr<std::string> labels_text = ReadFile(f.labels), input_text = ReadFile(f.input);
  absl::Status s = !tagger.ok() ? tagger.status() : !labels_text.ok() ? labels_text.status() : input_text.status();
  if (!s.ok()) {
    std::cerr << "polytag: " << s.message() << "\n";
    return 1;
  }
  auto labels = polytag::ParseEvalLabels(*labels_text, f.labels);
  std::vector<std::string> failures;
  auto predictions = labels.ok() ? polytag::PredictParagraphs(**tagger, *input_text, f.input, &failures)
                                 : absl::StatusOr<std::map<std::string, polytag::EvalPrediction>>(labels.status());
  if (!predictions.ok()) {
    std::cerr << "polytag: " << predictions.status().message() << "\n";
    return 1;
  }
  const polytag::EvalReport report = polytag::Evaluate(*labels, *predictions);
  std::cout << (f.json ? polytag::EvalReportToJson(report) + "\n" : polytag::EvalReportToText(report));
  for (const std::string& failure : failures) std::cerr << "polytag: " << InFlagTerms(failure) << "\n";
  if (!failures.empty()) {
    std::cerr << "polytag: " << failures.size()
              << " paragraphs could not be tagged (scored as predicting no themes, neutral)\n";
    return 1;
  }
  return 0;
}

int LexiconSubcommand(std::vector<std::string> args) {
  const std::string usage = "expected 'polytag lexicon check|stats|coverage|convert|eval ...'";
  if (args.empty()) return UsageError(usage);
  const std::string sub = args[0];
  args.erase(args.begin());
  const std::map<std::string, Command> commands = {
      {"check", kCheck}, {"stats", kStats}, {"coverage", kCoverage}, {"convert", kConvert}, {"eval", kEval}};
  const auto command = commands.find(sub);
  if (command == commands.end()) return UsageError(usage);
  Flags f;
  if (std::string e = ParseFlags(args, command->second, &f); !e.empty()) return UsageError(e);
  if (sub == "eval") return LexiconEval(f);
  if (sub == "coverage") return LexiconCoverage(f);
  if (sub == "convert") return LexiconConvert(f);
  if (f.positional.empty()) return UsageError(absl::StrCat("lexicon ", sub, " needs at least one PATH"));
  return sub == "check" ? LexiconCheck(f) : LexiconStats(f);
}

int LexiconCommand(std::vector<std::string> args) { return FlushOutput(LexiconSubcommand(std::move(args))); }

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
