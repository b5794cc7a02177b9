// One batch record: its line read with a bounded prefix, then parsed without a JSON
// tree (by simdjson when it can, else by nlohmann's SAX reader), tagged and written as
// one output line.
#include "batch_record.h"

#include <simdjson.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "absl/strings/str_cat.h"
#include "string_views.h"
#include "utf8.h"

namespace polytag::internal {
namespace {

using Json = nlohmann::json;

// Of a line over the limit, this much is kept: enough for an "id" written before the
// text, which is how records are usually written.
constexpr size_t kOverLongPrefixBytes = 4096;

// The most one getline call reads before the line limit is checked.
constexpr size_t kReadBlock = 1 << 16;

// What a record says, read without building a JSON tree: the tree of a line such as
// "[0,0,0,...]" takes many times the line's bytes, and only "id" and "text" matter.
// Later duplicate keys win, as in a JSON tree.
class RecordReader : public nlohmann::json_sax<Json> {
 public:
  bool is_object = false;
  std::optional<std::string> id;
  bool id_bad = false;
  std::optional<std::string> text;
  std::string error;  // why the line is not valid JSON

  bool null() override { return Scalar(std::nullopt); }
  bool boolean(bool) override { return Bad(); }
  // A number id is kept as written: as a double, 1e20 and 1e20 + 1 would be one id, and
  // 1e2 would become "100.0". nlohmann hands over the text of a fraction or of an
  // integer too long for 64 bits; of any other integer the decimal is the text, but
  // for "-0", which comes back as "0".
  bool number_integer(number_integer_t v) override { return Scalar(Json(v).dump()); }
  bool number_unsigned(number_unsigned_t v) override { return Scalar(Json(v).dump()); }
  bool number_float(number_float_t, const string_t& text) override { return Scalar(text); }
  bool string(string_t& s) override {
    if (depth_ == 1 && key_ == Key::kText) {
      text = std::move(s);
      return true;
    }
    return Scalar(std::move(s));
  }
  bool binary(binary_t&) override { return Bad(); }
  bool start_object(std::size_t) override {
    if (depth_ == 0) is_object = true;
    return Open();
  }
  bool key(string_t& k) override {
    if (depth_ == 1) key_ = k == "id" ? Key::kId : k == "text" ? Key::kText : Key::kOther;
    return true;
  }
  bool end_object() override { return Close(); }
  bool start_array(std::size_t) override { return Open(); }
  bool end_array() override { return Close(); }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception& e) override {
    error = e.what();
    // "[json.exception.parse_error.101] parse error at ...": the bracket means nothing
    // to a reader.
    if (const size_t p = error.find("] "); p != std::string::npos) error.erase(0, p + 2);
    return false;
  }

 private:
  enum class Key { kNone, kId, kText, kOther };

  // A scalar value at depth 1 belongs to the key before it.
  bool Scalar(std::optional<std::string> value) {
    if (depth_ != 1) return true;
    if (key_ == Key::kId) {
      id = std::move(value);
      id_bad = false;
    } else if (key_ == Key::kText) {
      text.reset();  // null or a number: not a string
    }
    return true;
  }
  bool Bad() {
    if (depth_ == 1 && key_ == Key::kId) {
      id.reset();
      id_bad = true;
    } else if (depth_ == 1 && key_ == Key::kText) {
      text.reset();
    }
    return true;
  }
  bool Open() {
    if (depth_ == 1) Bad();
    ++depth_;
    return true;
  }
  bool Close() {
    --depth_;
    return true;
  }

  int depth_ = 0;
  Key key_ = Key::kNone;
};

// nlohmann quotes the token it stopped in whole ("...; last read: '<token>'"): for a
// bad escape at the end of a 10 MB text, the whole text. The error is at the token's
// end, so its last bytes are what a reader needs.
std::string CapQuotedToken(std::string error) {
  constexpr size_t kKeptBytes = 40;
  constexpr std::string_view kMarker = "last read: '";
  const size_t marker = error.find(kMarker);
  const size_t close = error.rfind('\'');
  if (marker == std::string::npos) return error;
  const size_t begin = marker + kMarker.size();
  if (close == std::string::npos || close < begin || close - begin <= kKeptBytes + 3) return error;
  size_t cut = close - kKeptBytes;
  while (cut < close && (static_cast<unsigned char>(error[cut]) & 0xC0) == 0x80) ++cut;  // a whole character
  error.replace(begin, cut - begin, "...");
  return error;
}

// A file with CR line ends (classic Mac OS) is one line of records, and its error
// would say only "unexpected '{'": a CR before a '{' is the sign.
std::string CrLineEndsHint(std::string_view line) {
  if (line.find("\r{") == std::string_view::npos) return "";
  return "; the input seems to use CR line ends, which make it one line: convert them to LF "
         "(tr '\\r' '\\n' < in.jsonl > out.jsonl)";
}

std::optional<std::string_view> ViewOf(const std::optional<std::string>& s) {
  if (!s) return std::nullopt;
  return std::string_view(*s);
}

// The id of an over-long line, from its prefix; nullopt when the prefix does not show it.
std::optional<std::string> IdFromPrefix(std::string_view prefix) {
  const std::string repaired = RepairUtf8(prefix);  // the cut may split a character
  RecordReader reader;
  Json::sax_parse(repaired.begin(), repaired.end(), &reader);
  if (!reader.is_object || reader.id_bad) return std::nullopt;
  return reader.id;
}

}  // namespace

static_assert(RecordParser::kPadding >= simdjson::SIMDJSON_PADDING);

struct RecordParser::Impl {
  simdjson::dom::parser parser{kMaxLineBytes};
  std::string id;  // a number id, written out
};

RecordParser::RecordParser() : impl_(std::make_unique<Impl>()) {}
RecordParser::~RecordParser() = default;

bool RecordParser::Read(std::string_view line, Fields* fields) {
  if (line.size() > kMaxLineBytes) return false;
  simdjson::dom::object record;
  if (impl_->parser.parse(line.data(), line.size(), /*realloc_if_needed=*/false).get(record) != simdjson::SUCCESS)
    return false;
  // In order, a repeated key's last value winning, as nlohmann's reader takes them.
  bool has_text = false;
  fields->id.reset();
  for (const simdjson::dom::key_value_pair member : record) {
    const bool is_text = member.key == "text";
    if (!is_text && member.key != "id") continue;
    std::string_view value;
    if (member.value.get(value) == simdjson::SUCCESS) {
      if (is_text) {
        fields->text = value;
        has_text = true;
      } else {
        fields->id = value;
      }
      continue;
    }
    // An integer id (a generated id is often a line number) is written by the fallback's
    // writer, RecordReader's Json(v).dump(). Everything else, a fraction included, is
    // the fallback's to write or refuse.
    const simdjson::dom::element_type type = member.value.type();
    if (is_text || (type != simdjson::dom::element_type::INT64 && type != simdjson::dom::element_type::UINT64))
      return false;
    impl_->id = type == simdjson::dom::element_type::INT64 ? Json(member.value.get_int64().value_unsafe()).dump()
                                                           : Json(member.value.get_uint64().value_unsafe()).dump();
    fields->id = impl_->id;
  }
  return has_text;
}

void BatchRecord::Clear() {
  for (std::string* s : {&line, &output}) {
    if (s->capacity() > (1 << 20)) std::string().swap(*s);
    s->clear();
  }
  length = 0;
  too_long = false;
  failed = false;
}

LineReader::LineReader(std::istream& in, size_t max_line_bytes)
    : in_(in), max_line_bytes_(max_line_bytes), block_(new char[kReadBlock + 1]) {}

bool LineReader::Read(BatchRecord* record) {
  record->line.clear();
  record->length = 0;
  record->too_long = false;
  bool any = false;
  while (true) {
    in_.getline(block_.get(), static_cast<std::streamsize>(kReadBlock + 1));  // + its NUL
    const size_t got = static_cast<size_t>(in_.gcount());
    // A full block without a '\n' sets failbit and leaves eofbit clear; then the line
    // goes on. Otherwise the line ended at a '\n' (counted in `got`) or at the end.
    const bool more = in_.fail() && !in_.eof() && !in_.bad() && got == kReadBlock;
    const bool newline = !more && !in_.fail() && !in_.eof();
    const size_t stored = newline ? got - 1 : got;
    any |= got > 0;
    record->length += stored;
    if (!record->too_long) {
      record->line.append(block_.get(), stored);
      if (record->length > max_line_bytes_) {
        record->too_long = true;
        record->line.resize(std::min(record->line.size(), kOverLongPrefixBytes));
        record->line.shrink_to_fit();
      }
    }
    if (!more) return any;
    in_.clear(in_.rdstate() & ~std::ios::failbit);
  }
}

void TagRecord(const Tagger& tagger, const ReportOptions& report, size_t max_line_bytes, BatchRecord* record,
               RecordParser* parser, DocumentTags* tags) {
  auto fail = [&](std::optional<std::string_view> id, std::string_view error) {
    record->output = ErrorToJson(id, error);
    record->failed = true;
  };
  if (record->too_long) {
    return fail(ViewOf(IdFromPrefix(record->line)),
                absl::StrCat("the line is ", record->length, " bytes, over the limit of ", max_line_bytes,
                             " bytes (BatchOptions::max_line_bytes, by default 6 x max_document_bytes "
                             "+ 64 KiB); split the document or raise --max-document-bytes",
                             CrLineEndsHint(record->line)));
  }
  std::string_view line = record->line;
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);  // CRLF input
  if (line.find_first_not_of(" \t") == std::string_view::npos) return fail(std::nullopt, "empty line: expected a JSON object");
  if (parser != nullptr && line.size() <= RecordParser::kMaxLineBytes) {
    // simdjson reads past the line's end: spaces appended to the line's own buffer
    // make those bytes the line's, and set, for as long as it reads.
    const size_t length = line.size(), stored = record->line.size();
    record->line.append(RecordParser::kPadding, ' ');
    line = std::string_view(record->line.data(), length);
    RecordParser::Fields fields;
    const bool read = parser->Read(line, &fields);
    record->line.resize(stored);  // shrinks in place: `line` stays valid for the fallback
    if (read) {
      if (absl::Status status = tagger.Tag(fields.text, tags); !status.ok()) return fail(fields.id, SV(status.message()));
      record->output = ToJson(tagger, *tags, fields.text, fields.id, report);
      return;
    }
  }
  // Invalid UTF-8 makes the JSON itself invalid; reading a repaired copy still recovers
  // the id, so the error line says which record it was. With the tagger's repair on,
  // the record is tagged from that copy: bad bytes pass through JSON decoding as they
  // are and never join an escape's character, so its text is the record's text
  // repaired as Tag() would repair it.
  const size_t bad = FindInvalidUtf8(line);
  std::string repaired;
  if (bad != std::string_view::npos) {
    repaired = RepairUtf8(line);
    line = repaired;
  }
  RecordReader reader;
  const bool parsed = Json::sax_parse(line.begin(), line.end(), &reader);
  // An "id" read before the error is the record's as much as in a line that parses.
  if (!parsed) {
    return fail(reader.is_object && !reader.id_bad ? ViewOf(reader.id) : std::nullopt,
                absl::StrCat("not valid JSON: ", CapQuotedToken(std::move(reader.error)), CrLineEndsHint(line)));
  }
  if (!reader.is_object) return fail(std::nullopt, "the record is not a JSON object");
  if (reader.id_bad) return fail(std::nullopt, "\"id\" must be a string or a number");
  const std::optional<std::string_view> id = ViewOf(reader.id);
  if (bad != std::string_view::npos && !tagger.options().repair_invalid_utf8)
    return fail(id, absl::StrCat("invalid UTF-8 at byte offset ", bad, " of the input line"));
  if (!reader.text) return fail(id, "the record has no string \"text\"");
  if (absl::Status status = tagger.Tag(*reader.text, tags); !status.ok()) return fail(id, SV(status.message()));
  record->output = ToJson(tagger, *tags, *reader.text, id, report);
}

}  // namespace polytag::internal
