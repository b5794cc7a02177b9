// Options that shape how a Tagger reads text. Every field has a default that suits news
// articles; change one only for a reason you could write in its comment.
#ifndef POLYTAG_OPTIONS_H_
#define POLYTAG_OPTIONS_H_

#include <cstddef>

namespace polytag {

struct TaggerOptions {
  // ---- Limits -------------------------------------------------------------------

  // Documents longer than this many bytes are refused with kResourceExhausted rather
  // than tagged: a scraped "article" of hundreds of megabytes is almost always a
  // mistake, and refusing it keeps memory bounded. Nothing is ever truncated. The limit
  // is on the text as given: its repair (below) may be up to three times longer.
  // At most 4294967295.
  size_t max_document_bytes = 16 << 20;

  // Invalid UTF-8 is refused with kInvalidArgument naming the byte offset of the first
  // bad sequence. Set this to replace each bad sequence with U+FFFD instead; offsets
  // in the result then refer to the repaired text, which Tag() reports back.
  bool repair_invalid_utf8 = false;

  // ---- Segmentation ---------------------------------------------------------------

  // A single-line paragraph of at most this many words that does not end like a
  // sentence is a heading, and names the section of the paragraphs below it.
  int max_heading_words = 16;

  // ---- Themes ---------------------------------------------------------------------

  // A theme is present in a paragraph when the summed weight of its hits reaches this.
  // With entry weights of 1 (the default) one clear hit is enough; entries weighted 0.5
  // need a second one.
  double theme_threshold = 1.0;

  // Each further hit of the same entry in a paragraph adds this fraction of the
  // entry's weight: repeating a word is weaker evidence than using two different ones.
  double repeat_hit_factor = 0.25;

  // A theme belongs to the document's themes when the paragraphs that carry it are at
  // least this share of the document's paragraphs (and at least one): a theme named
  // in one paragraph of twenty is a passing mention, not what the article is about.
  // 0 keeps every theme of every paragraph.
  double document_theme_min_share = 0.1;

  // ---- Stance -----------------------------------------------------------------------

  // A negator reaches this many words ahead, and never past the end of its clause
  // (a comma, semicolon, colon, dash or sentence end, or a contrast marker).
  int negation_window = 4;

  // A negated cue counts for the opposite side, multiplied by this ("no sign of
  // escalation" is a weak opportunity, not a risk).
  double negation_flip_factor = 0.5;

  // A hedge ("could", "might") weakens the cues of its clause that come within this
  // many words after it, or this many words before it.
  int hedge_window = 6;

  // An intensifier or diminisher modifies a cue at most this many words after it.
  int intensifier_window = 2;

  // Cues after a contrast marker ("but", "however") up to the end of the sentence are
  // multiplied by `contrast_after_factor`; cues before it, in the same sentence (or in
  // the previous sentence when the marker opens a sentence), by
  // `contrast_before_factor` when a cue follows the marker in its sentence (else they
  // keep their weight). A marker that opens the paragraph changes nothing. Cues
  // inside a concessive clause ("despite the risks,") take `contrast_before_factor` and
  // the rest of the sentence `contrast_after_factor`.
  double contrast_after_factor = 1.5;
  double contrast_before_factor = 0.6;

  // A text is neutral when its risk and opportunity weights together stay below this:
  // one plain cue (weight 1) frames a paragraph, a lone weak one (0.5) does not.
  double min_stance_mass = 0.75;

  // A text is mixed when both sides are substantial: the weaker side weighs at least
  // `min_mixed_side` and at least `mixed_ratio` of the stronger side, and one of its
  // cues frames on its own, with a lexicon weight of at least `min_mixed_side` (or
  // stressed to that by a contrast or intensifier): a few weak cues such as "support"
  // or "partners" beside a clear risk leave the text a risk.
  double min_mixed_side = 1.0;
  double mixed_ratio = 0.5;
};

}  // namespace polytag

#endif  // POLYTAG_OPTIONS_H_
