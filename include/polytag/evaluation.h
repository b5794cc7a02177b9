// Measuring tags against hand-labelled paragraphs: per-theme precision, recall and F1,
// theme micro and macro F1, stance accuracy, stance macro F1 and the confusion matrix,
// computed as the project's development-set scorer computes them. Each paragraph is
// tagged as a document of its own and its document themes and stance are compared
// with the labels.
//
//   auto labels = polytag::ParseEvalLabels(labels_jsonl, "labels.jsonl");
//   auto predictions = polytag::PredictParagraphs(*tagger, paragraphs_jsonl, "paragraphs.jsonl");
//   polytag::EvalReport report = polytag::Evaluate(*labels, *predictions);
#ifndef POLYTAG_EVALUATION_H_
#define POLYTAG_EVALUATION_H_

#include <array>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "polytag/export.h"
#include "polytag/tagger.h"

namespace polytag {

// One labelled paragraph: {"id", "themes": [...], "stance": "risk|opportunity|mixed|neutral"}.
struct EvalLabel {
  std::string id;
  std::vector<std::string> themes;
  std::string stance;
};

// What the tagger said about one paragraph.
struct EvalPrediction {
  std::vector<std::string> themes;
  std::string stance = "neutral";
};

// Reads one JSON object per line (blank lines skipped; a later line with the same id
// replaces an earlier one). Fails, naming "source:line", on a line that is not such a
// label: one without an "id" (a string or a number), or with a stance other than the
// four of kEvalStances (spelt as they are: "Risk" is refused).
POLYTAG_EXPORT absl::StatusOr<std::vector<EvalLabel>> ParseEvalLabels(std::string_view jsonl,
                                                                      std::string_view source);

// Tags each {"id", "text"} line as one document. A record that cannot be tagged (no
// string "text", or Tag() refused it) predicts no themes and a neutral stance, and is
// added to `failures`, if given, as "source:line: paragraph 'ID': why": a score with
// failures is not the tagger's. A line that is not a JSON object, or has no "id" (a
// string or a number), fails the whole call with "source:line".
POLYTAG_EXPORT absl::StatusOr<std::map<std::string, EvalPrediction>> PredictParagraphs(
    const Tagger& tagger, std::string_view jsonl, std::string_view source,
    std::vector<std::string>* failures = nullptr);

struct ThemeScore {
  std::string id;
  int gold = 0;  // labelled paragraphs that carry the theme
  double precision = 0, recall = 0, f1 = 0;
};

// The stance labels in the order of the confusion matrix's rows and columns.
inline constexpr std::array<std::string_view, 4> kEvalStances = {"risk", "opportunity", "mixed", "neutral"};

struct EvalReport {
  int paragraphs = 0;  // labelled paragraphs
  int missing = 0;     // of them, without a prediction (scored as nothing, neutral)
  std::vector<ThemeScore> themes;  // every theme labelled or predicted, most labelled first
  double theme_micro_precision = 0, theme_micro_recall = 0, theme_micro_f1 = 0;
  double theme_macro_f1 = 0;  // over themes with at least one label
  double stance_accuracy = 0;
  double stance_macro_f1 = 0;  // over stances with at least one label
  std::array<std::array<int, 4>, 4> confusion{};  // [labelled][predicted], kEvalStances order
};

POLYTAG_EXPORT EvalReport Evaluate(const std::vector<EvalLabel>& labels,
                                   const std::map<std::string, EvalPrediction>& predictions);

// The report as a table, and as one JSON line of the summary figures rounded to four
// decimals (keys paragraphs, missing, theme_micro_p, theme_micro_r, theme_micro_f1,
// theme_macro_f1, stance_accuracy, stance_macro_f1).
POLYTAG_EXPORT std::string EvalReportToText(const EvalReport& report);
POLYTAG_EXPORT std::string EvalReportToJson(const EvalReport& report);

}  // namespace polytag

#endif  // POLYTAG_EVALUATION_H_
