#include "polytag/evaluation.h"

#include <algorithm>
#include <set>

#include <nlohmann/json.hpp>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "jsonl.h"
#include "string_views.h"

namespace polytag {
namespace {

double F1(double p, double r) { return p + r > 0 ? 2 * p * r / (p + r) : 0.0; }
double Ratio(double a, double b) { return b > 0 ? a / b : 0.0; }

// A record's id: without one, records could not be paired, and all would share one.
absl::StatusOr<std::string> IdOf(const nlohmann::json& record, std::string_view source, int line,
                                 std::string_view what) {
  const auto it = record.find("id");
  if (it == record.end() || !(it->is_string() || it->is_number())) {
    return absl::InvalidArgumentError(absl::StrCat(internal::AV(source), ":", line, ": ", internal::AV(what),
                                                   " needs an \"id\", a string or a number"));
  }
  return it->is_string() ? it->get<std::string>() : it->dump();
}

int StanceIndex(std::string_view s) {
  for (int i = 0; i < 4; ++i)
    if (kEvalStances[i] == s) return i;
  return -1;
}

}  // namespace

absl::StatusOr<std::vector<EvalLabel>> ParseEvalLabels(std::string_view jsonl, std::string_view source) {
  std::vector<EvalLabel> labels;
  absl::flat_hash_map<std::string, size_t> index;
  absl::Status s = internal::ForEachJsonRecord(jsonl, source, [&](int n, const nlohmann::json& r) -> absl::Status {
    EvalLabel label;
    absl::StatusOr<std::string> id = IdOf(r, source, n, "a label");
    if (!id.ok()) return id.status();
    label.id = *std::move(id);
    const auto themes = r.find("themes");
    const auto stance = r.find("stance");
    if (themes == r.end() || !themes->is_array() || stance == r.end() || !stance->is_string())
      return absl::InvalidArgumentError(absl::StrCat(internal::AV(source), ":", n,
                                                     ": a label needs \"themes\" (a list) and \"stance\" (text)"));
    for (const nlohmann::json& t : *themes) {
      if (!t.is_string())
        return absl::InvalidArgumentError(absl::StrCat(internal::AV(source), ":", n, ": theme ids must be text"));
      label.themes.push_back(t.get<std::string>());
    }
    label.stance = stance->get<std::string>();
    if (StanceIndex(label.stance) < 0) {
      return absl::InvalidArgumentError(absl::StrCat(internal::AV(source), ":", n, ": stance '", label.stance,
                                                     "' is not one of risk, opportunity, mixed, neutral"));
    }
    if (auto [it, inserted] = index.emplace(label.id, labels.size()); !inserted) labels[it->second] = std::move(label);
    else labels.push_back(std::move(label));
    return absl::OkStatus();
  });
  if (!s.ok()) return s;
  return labels;
}

absl::StatusOr<std::map<std::string, EvalPrediction>> PredictParagraphs(const Tagger& tagger, std::string_view jsonl,
                                                                        std::string_view source,
                                                                        std::vector<std::string>* failures) {
  std::map<std::string, EvalPrediction> out;
  absl::Status s = internal::ForEachJsonRecord(jsonl, source, [&](int n, const nlohmann::json& r) -> absl::Status {
    absl::StatusOr<std::string> id = IdOf(r, source, n, "a paragraph");
    if (!id.ok()) return id.status();
    EvalPrediction& p = out[*id];
    p = EvalPrediction();
    auto fail = [&](std::string_view why) {
      if (failures != nullptr)
        failures->push_back(absl::StrCat(internal::AV(source), ":", n, ": paragraph '", *id, "': ", internal::AV(why)));
      return absl::OkStatus();
    };
    const auto text = r.find("text");
    if (text == r.end() || !text->is_string()) return fail("no string \"text\"");
    absl::StatusOr<DocumentTags> tags = tagger.Tag(text->get_ref<const std::string&>());
    if (!tags.ok()) return fail(internal::SV(tags.status().message()));
    for (const DocumentTheme& t : tags->themes) p.themes.emplace_back(t.id);
    p.stance = std::string(StanceLabelName(tags->stance.label));
    return absl::OkStatus();
  });
  if (!s.ok()) return s;
  return out;
}

EvalReport Evaluate(const std::vector<EvalLabel>& labels, const std::map<std::string, EvalPrediction>& predictions) {
  EvalReport report;
  std::map<std::string, int> tp, fp, fn;
  const EvalPrediction nothing;
  for (const EvalLabel& label : labels) {
    auto it = predictions.find(label.id);
    if (it == predictions.end()) ++report.missing;
    const EvalPrediction& p = it == predictions.end() ? nothing : it->second;
    const std::set<std::string> predicted(p.themes.begin(), p.themes.end());
    const std::set<std::string> gold(label.themes.begin(), label.themes.end());
    for (const std::string& t : predicted) ++(gold.count(t) ? tp[t] : fp[t]);
    for (const std::string& t : gold)
      if (!predicted.count(t)) ++fn[t];
    ++report.paragraphs;
    const int g = StanceIndex(label.stance), s = StanceIndex(p.stance);
    if (g >= 0 && s >= 0) ++report.confusion[g][s];
  }
  std::set<std::string> names;
  for (const auto* m : {&tp, &fp, &fn})
    for (const auto& [t, n] : *m) names.insert(t);
  int TP = 0, FP = 0, FN = 0, supported = 0;
  double macro = 0;
  for (const std::string& t : names) {
    ThemeScore row;
    row.id = t;
    row.gold = tp[t] + fn[t];
    row.precision = Ratio(tp[t], tp[t] + fp[t]);
    row.recall = Ratio(tp[t], tp[t] + fn[t]);
    row.f1 = F1(row.precision, row.recall);
    TP += tp[t];
    FP += fp[t];
    FN += fn[t];
    if (row.gold > 0) {
      macro += row.f1;
      ++supported;
    }
    report.themes.push_back(std::move(row));
  }
  std::stable_sort(report.themes.begin(), report.themes.end(),
                   [](const ThemeScore& a, const ThemeScore& b) { return a.gold > b.gold; });
  report.theme_micro_precision = Ratio(TP, TP + FP);
  report.theme_micro_recall = Ratio(TP, TP + FN);
  report.theme_micro_f1 = F1(report.theme_micro_precision, report.theme_micro_recall);
  report.theme_macro_f1 = supported ? macro / supported : 0.0;
  int correct = 0;
  for (int i = 0; i < 4; ++i) correct += report.confusion[i][i];
  report.stance_accuracy = Ratio(correct, report.paragraphs);
  double stance_f1 = 0;
  int stances = 0;
  for (int s = 0; s < 4; ++s) {
    int stp = report.confusion[s][s], sfp = 0, sfn = 0;
    for (int o = 0; o < 4; ++o) {
      if (o == s) continue;
      sfp += report.confusion[o][s];
      sfn += report.confusion[s][o];
    }
    if (stp + sfn == 0) continue;
    stance_f1 += F1(Ratio(stp, stp + sfp), Ratio(stp, stp + sfn));
    ++stances;
  }
  report.stance_macro_f1 = stances ? stance_f1 / stances : 0.0;
  return report;
}

std::string EvalReportToText(const EvalReport& r) {
  std::string out = absl::StrFormat("%-30s %5s %6s %6s %6s\n", "theme", "gold", "P", "R", "F1");
  for (const ThemeScore& t : r.themes)
    absl::StrAppendFormat(&out, "%-30s %5d %6.2f %6.2f %6.2f\n", t.id, t.gold, t.precision, t.recall, t.f1);
  absl::StrAppendFormat(&out, "\nthemes: micro P %.3f R %.3f F1 %.3f; macro F1 %.3f\n", r.theme_micro_precision,
                        r.theme_micro_recall, r.theme_micro_f1, r.theme_macro_f1);
  absl::StrAppendFormat(&out, "stance: accuracy %.3f; macro F1 %.3f (rows gold, columns predicted)\n",
                        r.stance_accuracy, r.stance_macro_f1);
  absl::StrAppendFormat(&out, "%12s", "");
  for (std::string_view s : kEvalStances) absl::StrAppendFormat(&out, "%12s", internal::AV(s));
  out += "\n";
  for (int g = 0; g < 4; ++g) {
    absl::StrAppendFormat(&out, "%-12s", internal::AV(kEvalStances[g]));
    for (int p = 0; p < 4; ++p) absl::StrAppendFormat(&out, "%12d", r.confusion[g][p]);
    out += "\n";
  }
  if (r.missing) absl::StrAppendFormat(&out, "\n%d labelled paragraphs had no prediction\n", r.missing);
  return out;
}

std::string EvalReportToJson(const EvalReport& r) {
  // Written as Python's json.dumps writes it, so the line compares equal byte for byte.
  auto round4 = [](double x) { return nlohmann::json(std::stod(absl::StrFormat("%.4f", x))).dump(); };
  const std::pair<const char*, std::string> fields[] = {
      {"paragraphs", absl::StrCat(r.paragraphs)},
      {"missing", absl::StrCat(r.missing)},
      {"theme_micro_p", round4(r.theme_micro_precision)},
      {"theme_micro_r", round4(r.theme_micro_recall)},
      {"theme_micro_f1", round4(r.theme_micro_f1)},
      {"theme_macro_f1", round4(r.theme_macro_f1)},
      {"stance_accuracy", round4(r.stance_accuracy)},
      {"stance_macro_f1", round4(r.stance_macro_f1)}};
  std::string out = "{";
  for (const auto& [key, value] : fields) absl::StrAppend(&out, out.size() > 1 ? ", " : "", "\"", key, "\": ", value);
  return out + "}";
}

}  // namespace polytag
