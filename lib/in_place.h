// Building result structs in a vector's own storage.
#ifndef POLYTAG_LIB_IN_PLACE_H_
#define POLYTAG_LIB_IN_PLACE_H_

#include <utility>

namespace polytag::internal {

// vector<T>::emplace_back(InPlace{[&] { return T{...}; }}) builds the T that the
// function returns right in the vector's storage. The result structs are aggregates
// without constructors, so push_back(T{...}) would build a temporary and then move
// each of its members (a theme's hit list, a cue's rules held in place). GCC elides
// the conversion's temporary; a compiler that does not moves it, as push_back would.
template <typename F>
struct InPlace {
  F make;
  operator decltype(std::declval<F&>()())() { return make(); }
};
template <typename F>
InPlace(F) -> InPlace<F>;

}  // namespace polytag::internal

#endif  // POLYTAG_LIB_IN_PLACE_H_
