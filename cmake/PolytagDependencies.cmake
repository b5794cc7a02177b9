# Finds polytag's dependencies. RE2 is found through its CMake package where it has
# one (vcpkg, newer distributions) and through pkg-config otherwise (Debian 12's
# libre2-dev ships only re2.pc); either way it is linked as the target polytag_re2.
include(GNUInstallDirs)
find_package(Threads REQUIRED)
find_package(ICU 60 REQUIRED COMPONENTS uc i18n)
find_package(absl CONFIG REQUIRED)
find_package(nlohmann_json 3.9 CONFIG REQUIRED)

find_package(re2 CONFIG QUIET)
if(TARGET re2::re2)
  add_library(polytag_re2 INTERFACE)
  target_link_libraries(polytag_re2 INTERFACE re2::re2)
else()
  find_package(PkgConfig REQUIRED)
  pkg_check_modules(RE2 REQUIRED IMPORTED_TARGET re2)
  add_library(polytag_re2 INTERFACE)
  target_link_libraries(polytag_re2 INTERFACE PkgConfig::RE2)
endif()
