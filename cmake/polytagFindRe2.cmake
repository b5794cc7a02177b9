# Makes the target re2::re2 exist, for polytag's build and for the installed package's
# consumers alike. RE2's own CMake package provides it where there is one (vcpkg, newer
# distributions); Debian 12's libre2-dev ships only re2.pc, so the target is then made
# from pkg-config under the same name, and polytag's exported link interface can name
# re2::re2 whichever way RE2 was found. Sets polytag_re2_FOUND.
set(polytag_re2_FOUND TRUE)
if(NOT TARGET re2::re2)
  find_package(re2 CONFIG QUIET)
endif()
if(NOT TARGET re2::re2)
  find_package(PkgConfig QUIET)
  if(PKG_CONFIG_FOUND)
    pkg_check_modules(POLYTAG_RE2 QUIET IMPORTED_TARGET re2)
  endif()
  if(TARGET PkgConfig::POLYTAG_RE2)
    add_library(re2::re2 INTERFACE IMPORTED)
    set_target_properties(re2::re2 PROPERTIES INTERFACE_LINK_LIBRARIES PkgConfig::POLYTAG_RE2)
  else()
    set(polytag_re2_FOUND FALSE)
  endif()
endif()
