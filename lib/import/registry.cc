// The list of importers, format detection, and reading files through them.

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "import/formats.h"
#include "polytag/importer.h"
#include "read_file.h"
#include "string_views.h"

namespace polytag {

const std::vector<const Importer*>& Importers() {
  // Sniffing tries them in this order: the most specific signatures first, WordStat's
  // indentation last.
  static const std::vector<const Importer*> all = {
      &internal::NativeFormat(),       &internal::LiwcFormat(), &internal::LexicoderXmlFormat(),
      &internal::LexicoderFormat(),    &internal::TsvFormat(),  &internal::YamlFormat(),
      &internal::WordStatFormat()};
  return all;
}

namespace {

std::string FormatNames() {
  std::vector<std::string> names;
  for (const Importer* i : Importers()) names.emplace_back(i->Name());
  return absl::StrJoin(names, ", ");
}

}  // namespace

absl::StatusOr<const Importer*> FindImporter(std::string_view name) {
  for (const Importer* i : Importers())
    if (i->Name() == name) return i;
  return absl::InvalidArgumentError(
      absl::StrCat("unknown lexicon format '", internal::AV(name), "' (expected one of ", FormatNames(), ")"));
}

absl::StatusOr<const Importer*> DetectImporter(std::string_view path, std::string_view content) {
  const size_t slash = path.find_last_of("/\\");
  const std::string_view file = slash == std::string_view::npos ? path : path.substr(slash + 1);
  if (const size_t dot = file.rfind('.'); dot != std::string_view::npos) {
    const std::string ext = absl::AsciiStrToLower(internal::AV(file.substr(dot)));
    for (const Importer* i : Importers())
      if (i->HandlesExtension(ext)) return i;
  }
  for (const Importer* i : Importers())
    if (i->Sniff(content)) return i;
  return absl::InvalidArgumentError(absl::StrCat(internal::AV(path),
                                                 ": cannot tell the dictionary's format from its name or content; "
                                                 "name it with --lexicon-format (one of ",
                                                 FormatNames(), ")"));
}

absl::StatusOr<Lexicon> ImportFile(const std::string& path, const ImportOptions& options, std::string_view format,
                                   std::vector<ImportProblem>* problems) {
  absl::StatusOr<std::string> text = internal::ReadLexiconFile(path);
  if (!text.ok()) return text.status();
  return ImportText(*text, path, options, format, problems);
}

absl::StatusOr<Lexicon> ImportText(std::string_view content, std::string_view source, const ImportOptions& options,
                                   std::string_view format, std::vector<ImportProblem>* problems) {
  absl::StatusOr<const Importer*> importer = format.empty() ? DetectImporter(source, content) : FindImporter(format);
  if (!importer.ok()) return importer.status();
  return (*importer)->Import(content, source, options, problems);
}

absl::Status ParseLexiconUse(std::string_view spec, ImportOptions* options) {
  options->roles.clear();
  if (spec == "themes") {
    options->kind = LexiconKind::kThemes;
    return absl::OkStatus();
  }
  // From the table ParseStanceRole reads, so that the usage cannot fall behind the roles.
  const std::string usage = absl::StrCat("--lexicon-as takes 'themes', 'stance' or 'stance:ROLE=CATEGORY,...' (roles: ",
                                         StanceRoleList(), ")");
  if (spec.substr(0, 6) != "stance" || (spec.size() > 6 && spec[6] != ':'))
    return absl::InvalidArgumentError(absl::StrCat("'", internal::AV(spec), "': ", usage));
  options->kind = LexiconKind::kStance;
  if (spec.size() <= 7) return absl::OkStatus();
  for (absl::string_view pair : absl::StrSplit(internal::AV(spec.substr(7)), ',')) {
    const size_t eq = pair.find('=');
    StanceRole role;
    if (eq == absl::string_view::npos || eq + 1 >= pair.size() ||
        !ParseStanceRole(internal::SV(pair.substr(0, eq)), &role))
      return absl::InvalidArgumentError(absl::StrCat("'", pair, "' in --lexicon-as: ", usage));
    options->roles.emplace_back(role, std::string(pair.substr(eq + 1)));
  }
  return absl::OkStatus();
}

}  // namespace polytag
