// JSON and text reports. JSON is streamed straight into the output string: building
// an nlohmann::ordered_json tree per document (an allocation per key and value, a
// linear key search per insertion) cost twice as much as tagging. The bytes are what
// json::dump() writes. Strings that need escaping and numbers outside the common
// shapes go through nlohmann's serializer; the common ones (a plain string, an
// integer, a score rounded to four decimals) are written directly, since going
// through the serializer for each of the thousands of values of a report cost as much
// as tagging the document (report_test.cc checks the two agree).
#include "polytag/report.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <memory>
#include <nlohmann/json.hpp>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "json_format.h"
#include "polytag/version.h"
#include "string_views.h"

namespace polytag {
namespace {

using Json = nlohmann::ordered_json;

// Four decimals: enough to compare scores, few enough that outputs stay stable
// across compilers and read well.
double Round(double x) { return std::round(x * 1e4) / 1e4; }

std::string_view Slice(std::string_view text, Span s) {
  if (s.begin > text.size() || s.end > text.size() || s.begin > s.end) return {};
  return text.substr(s.begin, s.end - s.begin);
}

std::string_view RuleName(CueModifier m) {
  switch (m) {
    case kNegated: return "negated";
    case kHedged: return "hedged";
    case kIntensified: return "intensified";
    case kDiminished: return "diminished";
    case kAfterContrast: return "after_contrast";
    case kBeforeContrast: return "before_contrast";
    case kConcession: return "concession";
    case kReportedCriticism: return "reported_criticism";
    case kHarmed: return "harmed";
    case kUnsupported: return "unsupported";
  }
  return "unknown";
}

// Writes JSON with the layout of json::dump(): compact, or indented by two spaces with
// "key": value, one member per line, and empty containers as {} and [].
//
// Bytes go straight into the output string's buffer, which is grown ahead and trimmed
// by Finish(): a report is thousands of short pieces, and std::string::append for each
// cost more than producing them.
class JsonWriter {
 public:
  JsonWriter(std::string* out, bool pretty)
      : out_(*out),
        length_(out->size()),
        pretty_(pretty),
        serializer_(std::make_shared<nlohmann::detail::output_string_adapter<char, std::string>>(*out), ' ',
                    Json::error_handler_t::replace),  // replace, never throw: see ErrorToJson
        string_(std::string()) {}

  // Trims the output to what was written. Call once, last.
  void Finish() { out_.resize(length_); }

  void BeginObject() { Open('{'); }
  void EndObject() { Close('}'); }
  void BeginArray() { Open('['); }
  void EndArray() { Close(']'); }

  // A member's key; its value follows. Keys are the schema's member names: string
  // literals of ASCII letters and '_', which JSON writes as they are, so they need no
  // escaping. (Only literals compile here; report_test.cc reads every kind of output
  // back with nlohmann.)
  template <size_t N>
  JsonWriter& Key(const char (&key)[N]) {
    Separate();
    char* p = Room(N + 3);
    *p++ = '"';
    std::memcpy(p, key, N - 1);
    p += N - 1;
    *p++ = '"';
    *p++ = ':';
    if (pretty_) *p++ = ' ';
    length_ = static_cast<size_t>(p - out_.data());
    after_key_ = true;
    return *this;
  }

  void String(std::string_view s) {
    Separate();
    if (char* end = internal::WritePlainJsonString(s, Room(s.size() + 2))) {
      length_ = static_cast<size_t>(end - out_.data());
    } else {
      string_.get_ref<std::string&>().assign(s.data(), s.size());  // reuses the buffer
      Dump(string_);
    }
  }
  void Number(double x) {
    Separate();
    if (char* end = internal::WriteFourDecimals(x, Room(internal::kMaxFourDecimalsBytes)))
      length_ = static_cast<size_t>(end - out_.data());
    else
      Dump(Json(x));
  }
  void Number(size_t x) { Integer(x); }
  void Number(int x) { Integer(x); }
  void Bool(bool b) { Separate(); Put(b ? std::string_view("true") : std::string_view("false")); }
  void Null() { Separate(); Put("null"); }
  void OptionalString(std::optional<std::string_view> s) { s ? String(*s) : Null(); }

 private:
  // Room for n more bytes at length_ (which the caller then advances).
  char* Room(size_t n) {
    if (length_ + n > out_.size()) out_.resize(std::max({out_.capacity(), 2 * out_.size(), length_ + n + 4096}));
    return out_.data() + length_;
  }
  void Put(std::string_view s) {
    std::memcpy(Room(s.size()), s.data(), s.size());
    length_ += s.size();
  }
  void Put(char c) {
    *Room(1) = c;
    ++length_;
  }
  template <typename Int>
  void Integer(Int x) {
    Separate();
    length_ = static_cast<size_t>(internal::WriteJsonInteger(x, Room(internal::kMaxIntegerBytes)) - out_.data());
  }
  // The serializer appends to the string itself: the buffer is trimmed for it and
  // what it wrote is taken over.
  void Dump(const Json& value) {
    out_.resize(length_);
    serializer_.dump(value, false, false, 0);
    length_ = out_.size();
  }

  // Before a value: the comma and line break that separate it from the one before.
  void Separate() {
    if (after_key_) {
      after_key_ = false;
      return;
    }
    if (depth_ == 0) return;
    if (!(first_ & 1)) Put(',');
    first_ &= ~uint64_t{1};
    if (pretty_) NewLine(depth_);
  }
  void Open(char c) {
    Separate();
    Put(c);
    first_ = first_ << 1 | 1;
    ++depth_;
  }
  void Close(char c) {
    const bool empty = first_ & 1;
    first_ >>= 1;
    --depth_;
    if (pretty_ && !empty) NewLine(depth_);
    Put(c);
  }
  void NewLine(size_t depth) {
    char* p = Room(1 + 2 * depth);
    *p = '\n';
    std::memset(p + 1, ' ', 2 * depth);
    length_ += 1 + 2 * depth;
  }

  std::string& out_;
  size_t length_;  // bytes of out_ written; the rest is room
  const bool pretty_;
  nlohmann::detail::serializer<Json> serializer_;
  Json string_;
  // Per open container, the innermost in bit 0: nothing written in it yet. Reports nest
  // a few levels deep, as the writers below nest them, whatever the document: 64 is
  // room enough, and a bit stack costs Separate(), which runs before every key and
  // value, less than a std::vector<bool> did.
  uint64_t first_ = 0;
  size_t depth_ = 0;
  bool after_key_ = false;
};

// The members a theme hit and a stance cue share: where, which entry, which words.
void WriteEvidence(JsonWriter& w, Span span, std::string_view term, std::string_view text) {
  w.Key("begin").Number(span.begin);
  w.Key("end").Number(span.end);
  w.Key("term").String(term);
  w.Key("text").String(Slice(text, span));
}

void WriteStance(JsonWriter& w, const Stance& s, std::string_view text, bool cues) {
  w.BeginObject();
  w.Key("label").String(StanceLabelName(s.label));
  w.Key("score").Number(Round(s.score));
  w.Key("risk").Number(Round(s.risk));
  w.Key("opportunity").Number(Round(s.opportunity));
  if (cues) {
    w.Key("cues").BeginArray();
    for (const StanceCue& c : s.cues) {
      w.BeginObject();
      WriteEvidence(w, c.span, c.term, text);
      w.Key("polarity").String(PolarityName(c.polarity));
      w.Key("weight").Number(Round(c.weight));
      w.Key("negated").Bool(c.negated());
      w.Key("hedged").Bool(c.hedged());
      w.Key("rules").BeginArray();
      for (const StanceCue::AppliedRule& r : c.rules) {
        w.BeginObject();
        w.Key("rule").String(RuleName(r.rule));
        w.Key("by").String(Slice(text, r.by));
        w.EndObject();
      }
      w.EndArray();
      w.EndObject();
    }
    w.EndArray();
  }
  w.EndObject();
}

std::string Clip(std::string_view s, size_t max_bytes) {
  if (s.size() <= max_bytes) return std::string(s);
  size_t e = max_bytes;
  while (e > 0 && (static_cast<unsigned char>(s[e]) & 0xC0) == 0x80) --e;  // whole characters
  return absl::StrCat(internal::AV(s.substr(0, e)), "...");
}

}  // namespace

std::string ToJson(const Tagger& tagger, const DocumentTags& tags, std::string_view text,
                   std::optional<std::string_view> id, const ReportOptions& options) {
  if (!tags.repaired_text.empty()) text = tags.repaired_text;
  std::string out;
  // About what a report takes: four times the text (hits and cues quote it).
  out.reserve(4096 + 4 * text.size());
  JsonWriter w(&out, options.pretty);
  w.BeginObject();
  w.Key("id").OptionalString(id);
  w.Key("polytag_version").String(Version());
  w.Key("lexicons").BeginArray();
  for (const LexiconInfo& l : tagger.lexicons()) {
    w.BeginObject();
    w.Key("name").String(l.name);
    w.Key("version").String(l.version);
    w.Key("kind").String(l.kind == LexiconKind::kThemes ? "themes" : "stance");
    w.Key("fingerprint").String(l.fingerprint);
    w.EndObject();
  }
  w.EndArray();
  w.Key("paragraphs").BeginArray();
  for (const ParagraphTags& p : tags.paragraphs) {
    w.BeginObject();
    w.Key("index").Number(p.index);
    w.Key("begin").Number(p.span.begin);
    w.Key("end").Number(p.span.end);
    w.Key("kind").String(ParagraphKindName(p.kind));
    w.Key("section");
    if (p.section.empty()) w.Null(); else w.String(Slice(text, p.section));
    w.Key("themes").BeginArray();
    for (const ThemeTag& t : p.themes) {
      w.BeginObject();
      w.Key("id").String(t.id);
      w.Key("score").Number(Round(t.score));
      w.Key("stance").String(StanceLabelName(t.stance));
      if (options.hits) {
        w.Key("hits").BeginArray();
        for (const ThemeHit& h : t.hits) {
          w.BeginObject();
          WriteEvidence(w, h.span, h.term, text);
          w.Key("lexicon").String(h.lexicon);
          w.Key("weight").Number(Round(h.weight));
          w.EndObject();
        }
        w.EndArray();
      }
      w.EndObject();
    }
    w.EndArray();
    w.Key("stance");
    WriteStance(w, p.stance, text, options.cues);
    w.EndObject();
  }
  w.EndArray();
  w.Key("document").BeginObject();
  w.Key("themes").BeginArray();
  for (const DocumentTheme& t : tags.themes) {
    w.BeginObject();
    w.Key("id").String(t.id);
    w.Key("score").Number(Round(t.score));
    w.Key("paragraphs").Number(t.paragraphs);
    w.Key("share").Number(Round(t.share));
    w.Key("stance").String(StanceLabelName(t.stance));
    w.EndObject();
  }
  w.EndArray();
  w.Key("stance");
  WriteStance(w, tags.stance, text, false);
  w.EndObject();
  w.EndObject();
  w.Finish();
  return out;
}

std::string ErrorToJson(std::optional<std::string_view> id, std::string_view error) {
  // Error text may quote a record's bytes: the serializer replaces invalid UTF-8
  // rather than throwing, so a report never takes a process down.
  std::string out;
  JsonWriter w(&out, false);
  w.BeginObject();
  w.Key("id").OptionalString(id);
  w.Key("error").String(error);
  w.EndObject();
  w.Finish();
  return out;
}

std::string ToText(const Tagger& tagger, const DocumentTags& tags, std::string_view text,
                   std::optional<std::string_view> id, const ReportOptions& options) {
  (void)tagger;
  if (!tags.repaired_text.empty()) text = tags.repaired_text;
  std::string out;
  if (id) absl::StrAppend(&out, "== ", internal::AV(*id), " ==\n");
  for (const ParagraphTags& p : tags.paragraphs) {
    absl::StrAppendFormat(&out, "[%d] %-7s %-11s %+.2f  (risk %.2f, opportunity %.2f)  bytes %d-%d\n",
                          p.index, ParagraphKindName(p.kind), StanceLabelName(p.stance.label),
                          p.stance.score, p.stance.risk, p.stance.opportunity, p.span.begin, p.span.end);
    absl::StrAppend(&out, "    \"", Clip(Slice(text, p.span), 90), "\"\n");
    if (p.kind == ParagraphKind::kBody && !p.section.empty())
      absl::StrAppend(&out, "    section: ", Clip(Slice(text, p.section), 70), "\n");
    if (!p.themes.empty()) {
      absl::StrAppend(&out, "    themes:");
      for (const ThemeTag& t : p.themes)
        absl::StrAppendFormat(&out, " %s %.2f (%s);", t.id, t.score, StanceLabelName(t.stance));
      out.back() = '\n';
    }
    if (!options.explain) continue;
    for (const ThemeTag& t : p.themes) {
      for (const ThemeHit& h : t.hits) {
        absl::StrAppendFormat(&out, "      hit  %-28s \"%s\" <- %s:'%s' +%.2f\n", t.id,
                              Slice(text, h.span), h.lexicon, h.term, h.weight);
      }
    }
    for (const StanceCue& c : p.stance.cues) {
      absl::StrAppendFormat(&out, "      cue  %-11s \"%s\" <- '%s' %.2f -> %.2f", PolarityName(c.polarity),
                            Slice(text, c.span), c.term, c.lexicon_weight, c.weight);
      for (size_t k = 0; k < c.rules.size(); ++k)
        absl::StrAppend(&out, k == 0 ? "  [" : ", ", internal::AV(RuleName(c.rules[k].rule)), " by \"", internal::AV(Slice(text, c.rules[k].by)), "\"");
      absl::StrAppend(&out, c.rules.empty() ? "\n" : "]\n");
    }
  }
  absl::StrAppendFormat(&out, "document: %s %+.2f (risk %.2f, opportunity %.2f)\n",
                        StanceLabelName(tags.stance.label), tags.stance.score, tags.stance.risk,
                        tags.stance.opportunity);
  for (const DocumentTheme& t : tags.themes)
    absl::StrAppendFormat(&out, "  %-28s %2d paragraph(s)  score %6.2f  %s\n", t.id, t.paragraphs, t.score,
                          StanceLabelName(t.stance));
  return out;
}

}  // namespace polytag
