// Tags a short text through polytag's public API only, and checks the result, so that a
// packaging mistake (a missing header, symbol or dependency, a version mismatch) fails
// to build, to link or to run. Prints "consumer: ok <version>" on success.
#include <cstdlib>
#include <iostream>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "polytag/polytag.h"

namespace {

int Fail(const std::string& what) {
  std::cerr << "consumer: " << what << "\n";
  return 1;
}

}  // namespace

int main() {
  const std::string version = polytag::Version();
  if (version != POLYTAG_VERSION_STRING)
    return Fail("header says " POLYTAG_VERSION_STRING " but the library says " + version);
#ifdef POLYTAG_EXPECTED_VERSION
  if (version != POLYTAG_EXPECTED_VERSION)
    return Fail("the package says " POLYTAG_EXPECTED_VERSION " but the library says " + version);
#endif

  // A lexicon built in code, next to the built-in ones.
  std::vector<polytag::Lexicon> lexicons = polytag::DefaultLexicons();
  polytag::Lexicon ports("consumer-ports", "1", polytag::LexiconKind::kThemes);
  polytag::LexiconEntry entry;
  entry.pattern = "container terminal*";
  entry.category = "ports_shipping";
  if (absl::Status s = ports.AddEntry(entry); !s.ok()) return Fail(s.ToString());
  lexicons.push_back(ports);

  absl::StatusOr<std::unique_ptr<polytag::Tagger>> tagger =
      polytag::Tagger::Create(std::move(lexicons));
  if (!tagger.ok()) return Fail(tagger.status().ToString());

  const std::string text =
      "Harbour Deal\n\nThe two governments signed a deal to expand the container terminals "
      "of the northern port, a promising opportunity for regional trade.\n";
  absl::StatusOr<polytag::DocumentTags> tags = (*tagger)->Tag(text);
  if (!tags.ok()) return Fail(tags.status().ToString());
  if (tags->paragraphs.size() != 2) return Fail("expected a heading and one paragraph");

  bool found = false;
  for (const polytag::ThemeTag& theme : tags->paragraphs[1].themes) {
    if (theme.id != "ports_shipping") continue;
    found = !theme.hits.empty() &&
            text.substr(theme.hits[0].span.begin,
                        theme.hits[0].span.end - theme.hits[0].span.begin) ==
                "container terminals";
  }
  if (!found) return Fail("the code-built lexicon's entry did not match its phrase");

  // An error crosses the API as a Status, not an exception.
  absl::StatusOr<polytag::DocumentTags> bad = (*tagger)->Tag(std::string("\xff\xfe", 2));
  if (bad.ok() || bad.status().code() != absl::StatusCode::kInvalidArgument)
    return Fail("invalid UTF-8 was not refused with kInvalidArgument");

  // A stream of documents tagged into one reused result.
  polytag::DocumentTags reused;
  for (const std::string& doc : {std::string("Sanctions were tightened."), text}) {
    if (absl::Status s = (*tagger)->Tag(doc, &reused); !s.ok()) return Fail(s.ToString());
  }
  if (polytag::ToJson(**tagger, reused, text, "consumer") != polytag::ToJson(**tagger, *tags, text, "consumer"))
    return Fail("a reused result differs from a new one");

  const std::string json = polytag::ToJson(**tagger, *tags, text, "consumer");
  if (json.find("\"polytag_version\"") == std::string::npos ||
      json.find(version) == std::string::npos)
    return Fail("the JSON output does not carry the library version");

  std::cout << "consumer: ok " << version << " "
            << polytag::StanceLabelName(tags->paragraphs[1].stance.label) << "\n";
  return EXIT_SUCCESS;
}
