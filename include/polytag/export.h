// POLYTAG_EXPORT marks the declarations that make up polytag's public API. A shared
// libpolytag is compiled with hidden visibility, so only what carries this mark is
// exported: the library's internals stay private and cannot clash with the
// application's symbols. In a static build the mark changes nothing but Windows DLL
// linkage.
//
// The build defines POLYTAG_BUILDING_SHARED while compiling a shared libpolytag, and
// its users get POLYTAG_SHARED from the CMake package or from pkg-config.
#ifndef POLYTAG_EXPORT_H_
#define POLYTAG_EXPORT_H_

#if defined(_WIN32) || defined(__CYGWIN__)
#if defined(POLYTAG_BUILDING_SHARED)
#define POLYTAG_EXPORT __declspec(dllexport)
#elif defined(POLYTAG_SHARED)
#define POLYTAG_EXPORT __declspec(dllimport)
#else
#define POLYTAG_EXPORT
#endif
#elif defined(__GNUC__) || defined(__clang__)
#define POLYTAG_EXPORT __attribute__((visibility("default")))
#else
#define POLYTAG_EXPORT
#endif

// POLYTAG_NO_EXPORT keeps a class nested in an exported class, or a member of one
// (which would otherwise inherit its visibility), out of the shared library's symbols.
#if (defined(__GNUC__) || defined(__clang__)) && !defined(_WIN32) && !defined(__CYGWIN__)
#define POLYTAG_NO_EXPORT __attribute__((visibility("hidden")))
#else
#define POLYTAG_NO_EXPORT
#endif

#endif  // POLYTAG_EXPORT_H_
