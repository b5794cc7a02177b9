# Writes a C++ source that holds a file's bytes as a char array, so that the library
# carries its default lexicons without reading anything at run time.
#   cmake -DINPUT=in.lexicon -DOUTPUT=out.cc -DSYMBOL=kName -P EmbedFile.cmake
file(READ "${INPUT}" hex HEX)
string(LENGTH "${hex}" hex_length)
math(EXPR size "${hex_length} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "'\\\\x\\1'," bytes "${hex}")
# Break the initialiser into lines of 16 bytes so compilers and diffs stay happy.
string(REGEX REPLACE "(('\\\\x[0-9a-f][0-9a-f]',){16})" "\\1\n" bytes "${bytes}")
file(WRITE "${OUTPUT}" "// Generated from ${INPUT} by cmake/EmbedFile.cmake. Do not edit.\n#include <cstddef>\nnamespace polytag::internal {\nextern const char ${SYMBOL}[];\nextern const size_t ${SYMBOL}Size;\nconst char ${SYMBOL}[] = {\n${bytes}'\\0'};\nconst size_t ${SYMBOL}Size = ${size};\n}  // namespace polytag::internal\n")
