// JSON and text reports. JSON goes through nlohmann::json (ordered, so keys keep the
// order of the schema and output is byte-stable); strings are never assembled by hand.
#include "polytag/report.h"

#include <cmath>
#include <nlohmann/json.hpp>

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

Json StanceJson(const Stance& s, std::string_view text, bool cues) {
  Json j;
  j["label"] = StanceLabelName(s.label);
  j["score"] = Round(s.score);
  j["risk"] = Round(s.risk);
  j["opportunity"] = Round(s.opportunity);
  if (!cues) return j;
  Json arr = Json::array();
  for (const StanceCue& c : s.cues) {
    Json cj;
    cj["begin"] = c.span.begin;
    cj["end"] = c.span.end;
    cj["term"] = c.term;
    cj["text"] = Slice(text, c.span);
    cj["polarity"] = PolarityName(c.polarity);
    cj["weight"] = Round(c.weight);
    cj["negated"] = c.negated();
    cj["hedged"] = c.hedged();
    Json rules = Json::array();
    for (const StanceCue::AppliedRule& r : c.rules)
      rules.push_back({{"rule", RuleName(r.rule)}, {"by", Slice(text, r.by)}});
    cj["rules"] = std::move(rules);
    arr.push_back(std::move(cj));
  }
  j["cues"] = std::move(arr);
  return j;
}

std::string Dump(const Json& j, bool pretty) {
  // Replace, never throw: every string we hold is valid UTF-8, but a report must not
  // take a process down if one is not.
  return j.dump(pretty ? 2 : -1, ' ', false, Json::error_handler_t::replace);
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
  Json doc;
  if (id) doc["id"] = *id; else doc["id"] = nullptr;
  doc["polytag_version"] = Version();
  Json lex = Json::array();
  for (const LexiconInfo& l : tagger.lexicons()) {
    lex.push_back({{"name", l.name},
                   {"version", l.version},
                   {"kind", l.kind == LexiconKind::kThemes ? "themes" : "stance"},
                   {"fingerprint", l.fingerprint}});
  }
  doc["lexicons"] = std::move(lex);
  Json paragraphs = Json::array();
  for (const ParagraphTags& p : tags.paragraphs) {
    Json pj;
    pj["index"] = p.index;
    pj["begin"] = p.span.begin;
    pj["end"] = p.span.end;
    pj["kind"] = ParagraphKindName(p.kind);
    if (p.section.empty()) pj["section"] = nullptr; else pj["section"] = p.section;
    Json themes = Json::array();
    for (const ThemeTag& t : p.themes) {
      Json tj;
      tj["id"] = t.id;
      tj["score"] = Round(t.score);
      tj["stance"] = StanceLabelName(t.stance);
      if (options.hits) {
        Json hits = Json::array();
        for (const ThemeHit& h : t.hits) {
          hits.push_back({{"begin", h.span.begin},
                          {"end", h.span.end},
                          {"term", h.term},
                          {"text", Slice(text, h.span)},
                          {"lexicon", h.lexicon},
                          {"weight", Round(h.weight)}});
        }
        tj["hits"] = std::move(hits);
      }
      themes.push_back(std::move(tj));
    }
    pj["themes"] = std::move(themes);
    pj["stance"] = StanceJson(p.stance, text, options.cues);
    paragraphs.push_back(std::move(pj));
  }
  doc["paragraphs"] = std::move(paragraphs);
  Json dthemes = Json::array();
  for (const DocumentTheme& t : tags.themes) {
    dthemes.push_back({{"id", t.id},
                       {"score", Round(t.score)},
                       {"paragraphs", t.paragraphs},
                       {"share", Round(t.share)},
                       {"stance", StanceLabelName(t.stance)}});
  }
  doc["document"] = {{"themes", std::move(dthemes)}, {"stance", StanceJson(tags.stance, text, false)}};
  return Dump(doc, options.pretty);
}

std::string ErrorToJson(std::optional<std::string_view> id, std::string_view error) {
  Json j;
  if (id) j["id"] = *id; else j["id"] = nullptr;
  j["error"] = error;
  return Dump(j, false);
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
