// Batch tagging: stream JSONL in, one line out per line in, in order. Records are read
// in chunks; each chunk is tagged by `threads` workers and written in input order
// before the next chunk is read, so memory stays bounded by the chunk.
#include "polytag/batch.h"

#include <atomic>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "utf8.h"
#include "string_views.h"

namespace polytag {
namespace {

using Json = nlohmann::json;

struct Record {
  std::string line;
  std::string output;
  bool failed = false;
};

// Reads the id for an error line: strings as they are, numbers as their JSON text.
std::optional<std::string> IdOf(const Json& record, std::string* error) {
  auto it = record.find("id");
  if (it == record.end() || it->is_null()) return std::nullopt;
  if (it->is_string()) return it->get<std::string>();
  if (it->is_number()) return it->dump();
  *error = "\"id\" must be a string or a number";
  return std::nullopt;
}

// Tags one input line into record->output.
void Process(const Tagger& tagger, const ReportOptions& report, Record* record) {
  std::string_view line = record->line;
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);  // CRLF input
  auto fail = [&](const std::optional<std::string>& id, std::string_view error) {
    std::optional<std::string_view> id_view;
    if (id) id_view = *id;
    record->output = ErrorToJson(id_view, error);
    record->failed = true;
  };
  if (line.find_first_not_of(" \t") == std::string_view::npos) return fail(std::nullopt, "empty line: expected a JSON object");
  // Invalid UTF-8 makes the JSON itself invalid; repairing a copy still recovers the
  // id, so the error line says which record it was.
  const size_t bad = internal::FindInvalidUtf8(line);
  std::string repaired;
  if (bad != std::string_view::npos) {
    repaired = internal::RepairUtf8(line);
    line = repaired;
  }
  Json record_json;
  try {
    record_json = Json::parse(line.begin(), line.end());
  } catch (const Json::parse_error& e) {
    std::string what = e.what();
    if (const size_t p = what.find("] "); p != std::string::npos) what.erase(0, p + 2);
    return fail(std::nullopt, absl::StrCat("not valid JSON: ", what));
  }
  if (!record_json.is_object()) return fail(std::nullopt, "the record is not a JSON object");
  std::string id_error;
  const std::optional<std::string> id = IdOf(record_json, &id_error);
  if (!id_error.empty()) return fail(std::nullopt, id_error);
  if (bad != std::string_view::npos)
    return fail(id, absl::StrCat("invalid UTF-8 at byte offset ", bad, " of the input line"));
  auto text = record_json.find("text");
  if (text == record_json.end() || !text->is_string())
    return fail(id, "the record has no string \"text\"");
  const std::string& body = text->get_ref<const std::string&>();
  absl::StatusOr<DocumentTags> tags = tagger.Tag(body);
  if (!tags.ok()) return fail(id, internal::SV(tags.status().message()));
  record->output = ToJson(tagger, *tags, body, id, report);
}

}  // namespace

absl::StatusOr<BatchStats> RunBatch(const Tagger& tagger, std::istream& in, std::ostream& out,
                                    const BatchOptions& options) {
  if (options.threads < 1) return absl::InvalidArgumentError("BatchOptions::threads must be >= 1");
  if (options.chunk_records < 1) return absl::InvalidArgumentError("BatchOptions::chunk_records must be >= 1");
  ReportOptions report = options.report;
  report.pretty = false;
  BatchStats stats;
  std::vector<Record> chunk(static_cast<size_t>(options.threads) * options.chunk_records);
  while (true) {
    size_t n = 0;
    while (n < chunk.size() && std::getline(in, chunk[n].line)) ++n;
    if (in.bad()) return absl::DataLossError("reading the input failed");
    if (n == 0) break;
    std::atomic<size_t> next{0};
    auto work = [&] {
      for (size_t i; (i = next.fetch_add(1)) < n;) Process(tagger, report, &chunk[i]);
    };
    std::vector<std::thread> workers;
    const size_t extra = std::min<size_t>(static_cast<size_t>(options.threads) - 1, n - 1);
    for (size_t t = 0; t < extra; ++t) workers.emplace_back(work);
    work();
    for (std::thread& t : workers) t.join();
    for (size_t i = 0; i < n; ++i) {
      Record& r = chunk[i];
      out << r.output << '\n';
      ++stats.records;
      (r.failed ? stats.failed : stats.tagged) += 1;
      r.failed = false;
      r.output.clear();
      // A 100 MB line should not pin 100 MB for the rest of the run.
      if (r.line.capacity() > (1 << 20)) std::string().swap(r.line);
    }
    out.flush();
    if (!out) return absl::UnavailableError("writing the output failed (closed pipe or full disk)");
    if (n < chunk.size()) break;
  }
  return stats;
}

}  // namespace polytag
