// Names of enum values as they appear in JSON and text output, and the version.
#include "polytag/tags.h"
#include "polytag/version.h"

namespace polytag {

std::string_view ParagraphKindName(ParagraphKind kind) {
  return kind == ParagraphKind::kHeading ? "heading" : "body";
}

std::string_view StanceLabelName(StanceLabel label) {
  switch (label) {
    case StanceLabel::kRisk: return "risk";
    case StanceLabel::kOpportunity: return "opportunity";
    case StanceLabel::kMixed: return "mixed";
    case StanceLabel::kNeutral: return "neutral";
  }
  return "neutral";
}

std::string_view PolarityName(Polarity polarity) {
  return polarity == Polarity::kRisk ? "risk" : "opportunity";
}

const char* Version() { return POLYTAG_VERSION_STRING; }

}  // namespace polytag
