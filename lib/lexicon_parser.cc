// The native lexicon format (docs/lexicon-format.md). Errors carry file:line:column.

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "lexicon_parser.h"
#include "polytag/lexicon.h"
#include "read_file.h"
#include "utf8.h"
#include "string_views.h"

namespace polytag {
namespace {

int Column(std::string_view line, size_t byte) {
  int n = 1;
  for (size_t i = 0; i < byte && i < line.size(); ++i)
    if ((static_cast<unsigned char>(line[i]) & 0xC0) != 0x80) ++n;
  return n;
}

class Parser {
 public:
  // `entry_errors`: when not null, a bad entry line is skipped and its error appended
  // there, and parsing goes on; errors of headers and categories, which what follows
  // depends on, still end it.
  explicit Parser(std::string_view source, std::vector<absl::Status>* entry_errors = nullptr)
      : source_(source), entry_errors_(entry_errors) {}

  absl::StatusOr<Lexicon> Run(std::string_view text) {
    // The offset is of the file as given, mark and all, for tools that seek to it; the
    // column is of the line as editors show it, without the mark.
    const size_t bom = text.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
    text.remove_prefix(bom);
    if (const size_t bad = internal::FindInvalidUtf8(text); bad != std::string_view::npos) {
      int line = 1;
      size_t line_start = 0;
      for (size_t i = 0; i < bad; ++i) {
        if (text[i] == '\n' || (text[i] == '\r' && (i + 1 >= text.size() || text[i + 1] != '\n'))) {
          ++line;
          line_start = i + 1;
        }
      }
      return Error(line, Column(text.substr(line_start), bad - line_start),
                   absl::StrCat("invalid UTF-8 (byte offset ", bom + bad, " of the file)"));
    }
    size_t pos = 0;
    int line_no = 0;
    while (pos < text.size()) {
      size_t e = pos;
      while (e < text.size() && text[e] != '\n' && text[e] != '\r') ++e;
      const std::string_view line = text.substr(pos, e - pos);
      pos = e;
      if (pos < text.size()) pos += (text[pos] == '\r' && pos + 1 < text.size() && text[pos + 1] == '\n') ? 2 : 1;
      ++line_no;
      absl::Status s = Line(line, line_no);
      if (s.ok()) continue;
      if (entry_errors_ == nullptr || !entry_error_) return s;
      entry_errors_->push_back(std::move(s));
    }
    if (lexicon_ == nullptr) {
      if (name_.empty() || version_.empty() || !kind_set_)
        return Error(line_no > 0 ? line_no : 1, 1, MissingHeaders());
      return Error(line_no > 0 ? line_no : 1, 1, "the lexicon has no entries");
    }
    if (lexicon_->entries().empty()) return Error(line_no, 1, "the lexicon has no entries");
    return std::move(*lexicon_);
  }

 private:
  absl::Status Error(int line, int column, std::string_view what) const {
    return absl::InvalidArgumentError(absl::StrCat(internal::AV(source_), ":", line, ":", column, ": ", internal::AV(what)));
  }

  std::string MissingHeaders() const {
    std::string missing;
    if (name_.empty()) absl::StrAppend(&missing, " @name");
    if (version_.empty()) absl::StrAppend(&missing, " @version");
    if (!kind_set_) absl::StrAppend(&missing, " @kind");
    return absl::StrCat("missing header(s):", missing, " (they must come before the first [category])");
  }

  absl::Status Line(std::string_view line, int line_no) {
    size_t b = 0;
    while (b < line.size() && (line[b] == ' ' || line[b] == '\t')) ++b;
    size_t e = line.size();
    while (e > b && (line[e - 1] == ' ' || line[e - 1] == '\t')) --e;
    if (b == e || line[b] == '#') return absl::OkStatus();
    const std::string_view body = line.substr(b, e - b);
    entry_error_ = false;
    if (body[0] == '@') return Header(line, line_no, b, body);
    if (body[0] == '[') return Category(line, line_no, b, body);
    // An entry before the headers or a category is not one bad entry: every one after
    // it would fail alike. Nor is going over the entry limit.
    absl::Status s = Entry(line, line_no, b, body);
    entry_error_ = lexicon_ != nullptr && !category_.empty() && !absl::IsResourceExhausted(s);
    return s;
  }

  absl::Status Header(std::string_view line, int line_no, size_t b, std::string_view body) {
    if (lexicon_ != nullptr)
      return Error(line_no, Column(line, b), "headers (@...) must come before the first [category]");
    size_t k = 1;
    while (k < body.size() && body[k] != ' ' && body[k] != '\t') ++k;
    const std::string_view key = body.substr(1, k - 1);
    std::string_view value = internal::SV(absl::StripAsciiWhitespace(internal::AV(body.substr(k))));
    const int value_col = Column(line, b + body.size() - value.size());
    std::string* field = nullptr;
    if (key == "name") field = &name_;
    else if (key == "version") field = &version_;
    else if (key == "description") field = &description_;
    else if (key != "kind")
      return Error(line_no, Column(line, b), absl::StrCat("unknown header '@", internal::AV(key),
                                                          "' (expected @name, @version, @kind or @description)"));
    if (value.empty()) return Error(line_no, Column(line, b), absl::StrCat("@", internal::AV(key), " needs a value"));
    if (key == "kind") {
      if (kind_set_) return Error(line_no, Column(line, b), "@kind given twice");
      if (value == "themes") kind_ = LexiconKind::kThemes;
      else if (value == "stance") kind_ = LexiconKind::kStance;
      else return Error(line_no, value_col, absl::StrCat("@kind must be 'themes' or 'stance', not '", internal::AV(value), "'"));
      kind_set_ = true;
      return absl::OkStatus();
    }
    if (!field->empty()) return Error(line_no, Column(line, b), absl::StrCat("@", internal::AV(key), " given twice"));
    if (key == "name") {
      for (size_t i = 0; i < value.size(); ++i) {
        if (!IsValidLexiconName(value.substr(i, 1)))
          return Error(line_no, value_col + static_cast<int>(i),
                       "a lexicon name may use letters, digits, '_', '.' and '-' only");
      }
    }
    *field = std::string(value);
    return absl::OkStatus();
  }

  absl::Status Category(std::string_view line, int line_no, size_t b, std::string_view body) {
    if (body.back() != ']') return Error(line_no, Column(line, b + body.size()), "a category is written [name]");
    if (lexicon_ == nullptr) {
      if (name_.empty() || version_.empty() || !kind_set_) return Error(line_no, Column(line, b), MissingHeaders());
      lexicon_ = std::make_unique<Lexicon>(name_, version_, kind_);
      lexicon_->set_description(description_);
      lexicon_->set_source(std::string(source_));
    }
    const std::string_view name = internal::SV(absl::StripAsciiWhitespace(internal::AV(body.substr(1, body.size() - 2))));
    if (name.empty()) return Error(line_no, Column(line, b + 1), "empty category name");
    if (kind_ == LexiconKind::kStance) {
      StanceRole role;
      if (!ParseStanceRole(name, &role))
        return Error(line_no, Column(line, b + 1),
                     absl::StrCat("unknown stance category '", internal::AV(name), "' (expected ",
                                  StanceRoleList(), ")"));
    }
    if (kind_ == LexiconKind::kThemes && !IsValidThemeId(name))
      return Error(line_no, Column(line, b + 1),
                   absl::StrCat("bad theme id '", internal::AV(name), "': use letters, digits and _ . : -"));
    category_ = std::string(name);
    return absl::OkStatus();
  }

  absl::Status Entry(std::string_view line, int line_no, size_t b, std::string_view body) {
    if (lexicon_ == nullptr || category_.empty()) {
      if (lexicon_ == nullptr && (name_.empty() || version_.empty() || !kind_set_))
        return Error(line_no, Column(line, b), MissingHeaders());
      return Error(line_no, Column(line, b), "entry before any [category]");
    }
    LexiconEntry entry;
    entry.category = category_;
    entry.line = line_no;
    entry.column = Column(line, b);
    std::string_view attrs;
    size_t attrs_at = 0;
    if (body[0] == '/') {
      size_t i = 1;
      while (i < body.size() && body[i] != '/') i += body[i] == '\\' ? 2 : 1;
      if (i >= body.size()) return Error(line_no, Column(line, b), "unterminated regex: a regex entry is written /expression/");
      entry.pattern = std::string(body.substr(0, i + 1));
      std::string_view rest = body.substr(i + 1);
      size_t k = 0;
      while (k < rest.size() && (rest[k] == ' ' || rest[k] == '\t')) ++k;
      if (k < rest.size()) {
        if (rest[k] != '|')
          return Error(line_no, Column(line, b + i + 1 + k), "expected '|' and attributes after the regex");
        attrs = rest.substr(k + 1);
        attrs_at = b + i + 2 + k;
      }
    } else {
      const size_t bar = body.find('|');
      std::string_view pattern = body.substr(0, bar);
      while (!pattern.empty() && (pattern.back() == ' ' || pattern.back() == '\t')) pattern.remove_suffix(1);
      if (pattern.empty()) return Error(line_no, Column(line, b), "empty pattern before '|'");
      entry.pattern = std::string(pattern);
      if (bar != std::string_view::npos) {
        attrs = body.substr(bar + 1);
        attrs_at = b + bar + 1;
      }
    }
    size_t i = 0;
    while (i < attrs.size()) {
      while (i < attrs.size() && (attrs[i] == ' ' || attrs[i] == '\t')) ++i;
      if (i >= attrs.size()) break;
      size_t j = i;
      while (j < attrs.size() && attrs[j] != ' ' && attrs[j] != '\t') ++j;
      const std::string_view attr = attrs.substr(i, j - i);
      const int col = Column(line, attrs_at + i);
      if (attr == "needs-support") {
        entry.needs_support = true;
      } else if (attr == "case") {
        entry.case_sensitive = true;
      } else if (attr.substr(0, 7) == "weight=") {
        double w;
        if (!absl::SimpleAtod(internal::AV(attr.substr(7)), &w) || !(w > 0) || w > 1000)
          return Error(line_no, col + 7, absl::StrCat("weight must be a number > 0 and <= 1000, not '", internal::AV(attr.substr(7)), "'"));
        entry.weight = w;
      } else {
        return Error(line_no, col, absl::StrCat("unknown attribute '", internal::AV(attr), "' (expected weight=X, needs-support or case)"));
      }
      i = j;
    }
    return lexicon_->AddEntry(std::move(entry));
  }

  std::string_view source_;
  std::vector<absl::Status>* entry_errors_;
  bool entry_error_ = false;  // the last error was of one entry alone
  std::string name_, version_, description_;
  LexiconKind kind_ = LexiconKind::kThemes;
  bool kind_set_ = false;
  std::unique_ptr<Lexicon> lexicon_;
  std::string category_;
};

}  // namespace

absl::StatusOr<Lexicon> Lexicon::Parse(std::string_view text, std::string_view source) {
  return Parser(source).Run(text);
}

namespace internal {
absl::StatusOr<Lexicon> ParseLexiconSkippingBadEntries(std::string_view text, std::string_view source,
                                                       std::vector<absl::Status>* entry_errors) {
  return Parser(source, entry_errors).Run(text);
}
}  // namespace internal

absl::StatusOr<Lexicon> Lexicon::ReadFile(const std::string& path) {
  absl::StatusOr<std::string> text = internal::ReadLexiconFile(path);
  if (!text.ok()) return text.status();
  return Parse(*text, path);
}

}  // namespace polytag
