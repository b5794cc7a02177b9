// JSON and text reports. JSON is streamed straight into the output string: building
// an nlohmann::ordered_json tree per document (an allocation per key and value, a
// linear key search per insertion) cost twice as much as tagging. Every string and
// number still goes through nlohmann's serializer, so escaping, UTF-8 handling and
// number formatting are the library's, and the bytes are what json::dump() wrote.
#include "polytag/report.h"

#include <cmath>
#include <memory>
#include <nlohmann/json.hpp>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
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
class JsonWriter {
 public:
  JsonWriter(std::string* out, bool pretty)
      : out_(*out),
        pretty_(pretty),
        serializer_(std::make_shared<nlohmann::detail::output_string_adapter<char, std::string>>(*out), ' ',
                    Json::error_handler_t::replace),  // replace, never throw: see ErrorToJson
        string_(std::string()) {}

  void BeginObject() { Open('{'); }
  void EndObject() { Close('}'); }
  void BeginArray() { Open('['); }
  void EndArray() { Close(']'); }

  // A member's key; its value follows. Keys are the schema's member names: string
  // literals of ASCII letters and '_', which JSON writes as they are. So they skip the
  // serializer's escaping, which goes byte by byte through a UTF-8 decoder and, for
  // the many short keys of a report, cost a third of writing it. (Only literals
  // compile here; the report tests parse every kind of output.)
  template <size_t N>
  JsonWriter& Key(const char (&key)[N]) {
    Separate();
    out_ += '"';
    out_.append(key, N - 1);
    out_ += pretty_ ? "\": " : "\":";
    after_key_ = true;
    return *this;
  }

  void String(std::string_view s) {
    Separate();
    WriteString(s);
  }
  void Number(double x) { Separate(); Dump(Json(x)); }
  void Number(size_t x) { Separate(); Dump(Json(x)); }
  void Number(int x) { Separate(); Dump(Json(x)); }
  void Bool(bool b) { Separate(); Dump(Json(b)); }
  void Null() { Separate(); Dump(Json(nullptr)); }
  void OptionalString(std::optional<std::string_view> s) { s ? String(*s) : Null(); }

 private:
  void Dump(const Json& value) { serializer_.dump(value, false, false, 0); }
  void WriteString(std::string_view s) {
    string_.get_ref<std::string&>().assign(s.data(), s.size());  // reuses the buffer
    Dump(string_);
  }

  // Before a value: the comma and line break that separate it from the one before.
  void Separate() {
    if (after_key_) {
      after_key_ = false;
      return;
    }
    if (first_.empty()) return;
    if (!first_.back()) out_ += ',';
    first_.back() = false;
    if (pretty_) NewLine(first_.size());
  }
  void Open(char c) {
    Separate();
    out_ += c;
    first_.push_back(true);
  }
  void Close(char c) {
    const bool empty = first_.back();
    first_.pop_back();
    if (pretty_ && !empty) NewLine(first_.size());
    out_ += c;
  }
  void NewLine(size_t depth) {
    out_ += '\n';
    out_.append(2 * depth, ' ');
  }

  std::string& out_;
  const bool pretty_;
  nlohmann::detail::serializer<Json> serializer_;
  Json string_;
  std::vector<bool> first_;  // per open container: nothing written in it yet
  bool after_key_ = false;
};

// The members a theme hit and a stance cue share: where, which entry, which words.
void WriteEvidence(JsonWriter& w, Span span, const std::string& term, std::string_view text) {
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
  out.reserve(4096 + 512 * tags.paragraphs.size());
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
    if (p.section.empty()) w.Null(); else w.String(p.section);
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
      absl::StrAppend(&out, "    section: ", Clip(p.section, 70), "\n");
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
