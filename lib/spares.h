// Reusing a result's memory: Tagger::Tag(text, &tags) builds the new result in the
// elements `tags` already holds, overwriting them where they stand, so that their
// vectors keep their capacity. Building a result element by element otherwise costs
// about sixty allocations, and as many frees, for a statement of twenty paragraphs.
// The elements one result has too many of are kept per thread for the next that has
// too few, as documents differ in their numbers of paragraphs, themes, hits and cues.
#ifndef POLYTAG_LIB_SPARES_H_
#define POLYTAG_LIB_SPARES_H_

#include <algorithm>
#include <cstddef>
#include <utility>
#include <vector>

namespace polytag::internal {

template <typename T>
class Spares {
 public:
  // Gives `v` exactly `n` elements. Those it has keep their old values and their
  // memory, so the caller assigns every field (and empties or resizes every vector);
  // those it lacks come from the spares, or are new; those beyond `n` become spares.
  void Resize(std::vector<T>* v, size_t n) {
    Truncate(v, std::min(n, v->size()));
    v->reserve(n);
    for (size_t i = v->size(); i < n && !items_.empty(); ++i) {
      v->push_back(std::move(items_.back()));
      items_.pop_back();
    }
    v->resize(n);
  }

  // For building `v` element by element, after Truncate(v, n), where building a new
  // element in place is cheaper than building a default one and assigning every
  // field. Element `i` (i <= v->size(), i < n) to assign every field of, when `v` has
  // one or a spare is left (appended); else null, and the caller appends a new element.
  T* Reuse(std::vector<T>* v, size_t i) {
    if (i < v->size()) return &(*v)[i];
    if (items_.empty()) return nullptr;
    v->push_back(std::move(items_.back()));
    items_.pop_back();
    return &v->back();
  }

  // Makes the elements of `v` beyond the first `n` spares.
  void Truncate(std::vector<T>* v, size_t n) {
    const size_t size = v->size();
    if (n >= size) return;
    for (size_t i = n; i < size && items_.size() < kMaxItems; ++i) items_.push_back(std::move((*v)[i]));
    v->erase(v->begin() + n, v->end());
  }

 private:
  // Enough for the differences between news documents, and a bound on what one
  // enormous result can leave behind in a thread.
  static constexpr size_t kMaxItems = 1024;
  std::vector<T> items_;
};

}  // namespace polytag::internal

#endif  // POLYTAG_LIB_SPARES_H_
