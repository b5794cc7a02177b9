# Finds what building polytag needs. cmake/polytagConfig.cmake.in finds the subset an
# installed polytag's consumers need; RE2 is found the same way in both through
# polytagFindRe2.cmake, which is installed with the package.
include(GNUInstallDirs)
find_package(Threads REQUIRED)
set(POLYTAG_ICU_MIN_VERSION 60)
find_package(ICU ${POLYTAG_ICU_MIN_VERSION} REQUIRED COMPONENTS uc i18n)
find_package(absl CONFIG REQUIRED)
find_package(nlohmann_json 3.9 CONFIG REQUIRED)
# The batch's reader of JSON lines (lib/batch_record.cc): simdjson for the common record.
find_package(simdjson CONFIG REQUIRED)
# The dictionary importers: Lexicoder's XML form and quanteda-style YAML.
find_package(pugixml CONFIG REQUIRED)
find_package(yaml-cpp CONFIG REQUIRED)

include("${CMAKE_CURRENT_LIST_DIR}/polytagFindRe2.cmake")
if(NOT polytag_re2_FOUND)
  message(FATAL_ERROR "polytag needs RE2: found neither its CMake package (re2Config.cmake) "
                      "nor re2.pc for pkg-config. Install libre2-dev (Debian, Ubuntu) or "
                      "re2 (vcpkg), or point CMAKE_PREFIX_PATH at an RE2 installation.")
endif()
