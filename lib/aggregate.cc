#include "aggregate.h"

#include <algorithm>
#include <map>

#include "score_stance.h"

namespace polytag::internal {

void ThemeStances(const TaggerOptions& options, const std::vector<Span>& sentences,
                  const std::vector<std::vector<uint32_t>>& theme_sentences, const Stance& stance,
                  std::vector<ThemeTag>* themes, std::vector<Stance>* theme_masses) {
  theme_masses->assign(themes->size(), Stance());
  for (size_t i = 0; i < themes->size(); ++i) {
    Stance& mass = (*theme_masses)[i];
    for (uint32_t s : theme_sentences[i]) {
      const Span span = sentences[s];
      for (const StanceCue& cue : stance.cues) {
        if (cue.span.begin < span.begin || cue.span.begin >= span.end) continue;
        (cue.polarity == Polarity::kRisk ? mass.risk : mass.opportunity) += cue.weight;
      }
    }
    ThemeTag& t = (*themes)[i];
    t.stance = LabelStance(mass.risk, mass.opportunity, options, &t.stance_score);
  }
}

void AggregateDocument(const TaggerOptions& options,
                       const std::vector<std::vector<Stance>>& theme_masses, DocumentTags* doc) {
  struct Acc {
    double score = 0;
    int paragraphs = 0;
    double risk = 0, opportunity = 0;
  };
  std::map<std::string, Acc> acc;  // ordered, so ties resolve the same on every run
  bool any_body = false;
  for (const ParagraphTags& p : doc->paragraphs) any_body |= p.kind == ParagraphKind::kBody;
  for (size_t pi = 0; pi < doc->paragraphs.size(); ++pi) {
    const ParagraphTags& p = doc->paragraphs[pi];
    for (size_t ti = 0; ti < p.themes.size(); ++ti) {
      Acc& a = acc[p.themes[ti].id];
      a.score += p.themes[ti].score;
      a.paragraphs += 1;
      a.risk += theme_masses[pi][ti].risk;
      a.opportunity += theme_masses[pi][ti].opportunity;
    }
    if (any_body && p.kind != ParagraphKind::kBody) continue;
    doc->stance.risk += p.stance.risk;
    doc->stance.opportunity += p.stance.opportunity;
  }
  doc->stance.label = LabelStance(doc->stance.risk, doc->stance.opportunity, options, &doc->stance.score);
  const double paragraphs = static_cast<double>(doc->paragraphs.size());
  for (auto& [id, a] : acc) {
    if (a.paragraphs < options.document_theme_min_share * paragraphs - 1e-9) continue;
    DocumentTheme t;
    t.id = id;
    t.score = a.score;
    t.paragraphs = a.paragraphs;
    t.share = a.paragraphs / paragraphs;
    double unused;
    t.stance = LabelStance(a.risk, a.opportunity, options, &unused);
    doc->themes.push_back(std::move(t));
  }
  std::stable_sort(doc->themes.begin(), doc->themes.end(), [](const DocumentTheme& a, const DocumentTheme& b) {
    if (a.paragraphs != b.paragraphs) return a.paragraphs > b.paragraphs;
    return a.score > b.score;
  });
}

}  // namespace polytag::internal
