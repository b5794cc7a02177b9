// The built-in importers, one per file of lib/import/. registry.cc lists them.
#ifndef POLYTAG_LIB_IMPORT_FORMATS_H_
#define POLYTAG_LIB_IMPORT_FORMATS_H_

#include "polytag/importer.h"

namespace polytag::internal {

const Importer& NativeFormat();
const Importer& LiwcFormat();
const Importer& WordStatFormat();
const Importer& LexicoderFormat();     // .lc3
const Importer& LexicoderXmlFormat();  // .lcd
const Importer& YamlFormat();
const Importer& TsvFormat();

}  // namespace polytag::internal

#endif  // POLYTAG_LIB_IMPORT_FORMATS_H_
