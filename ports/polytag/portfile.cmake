# An overlay port that builds polytag from the checkout it lives in. From outside the
# checkout (inside it, polytag's vcpkg.json selects manifest mode):
#   vcpkg install polytag --overlay-ports=CHECKOUT/ports
# vcpkg does not hash a local source tree, so after changing the sources rebuild with
#   vcpkg remove polytag && vcpkg install polytag --overlay-ports=CHECKOUT/ports --no-binarycaching
get_filename_component(SOURCE_PATH "${CMAKE_CURRENT_LIST_DIR}/../.." ABSOLUTE)

vcpkg_check_features(OUT_FEATURE_OPTIONS FEATURE_OPTIONS
  FEATURES
    tools POLYTAG_BUILD_EXAMPLES)

# vcpkg_cmake_configure passes BUILD_SHARED_LIBS from the triplet's library linkage.
vcpkg_cmake_configure(
  SOURCE_PATH "${SOURCE_PATH}"
  OPTIONS
    ${FEATURE_OPTIONS}
    -DPOLYTAG_BUILD_TESTS=OFF
    -DPOLYTAG_BUILD_BENCHMARKS=OFF
    -DPOLYTAG_INSTALL=ON)
vcpkg_cmake_install()
vcpkg_copy_pdbs()
vcpkg_cmake_config_fixup(CONFIG_PATH "lib/cmake/polytag")
vcpkg_fixup_pkgconfig()

if("tools" IN_LIST FEATURES)
  vcpkg_copy_tools(TOOL_NAMES polytag AUTO_CLEAN)
endif()

file(REMOVE_RECURSE "${CURRENT_PACKAGES_DIR}/debug/include" "${CURRENT_PACKAGES_DIR}/debug/share")
file(INSTALL "${CMAKE_CURRENT_LIST_DIR}/usage" DESTINATION "${CURRENT_PACKAGES_DIR}/share/${PORT}")
vcpkg_install_copyright(FILE_LIST "${SOURCE_PATH}/LICENSE")
