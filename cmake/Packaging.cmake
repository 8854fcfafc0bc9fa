# Install layout and the Debian package (cpack -G DEB).
include(GNUInstallDirs)

install(FILES ${PROJECT_SOURCE_DIR}/resources/pyro-explorer.desktop
        DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
foreach(size 16 32 48 64 128 256)
    install(FILES ${PROJECT_SOURCE_DIR}/resources/icons/pyro-explorer-${size}.png
            DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/${size}x${size}/apps
            RENAME pyro-explorer.png)
endforeach()
install(FILES ${PROJECT_SOURCE_DIR}/resources/icons/pyro-explorer.svg
        DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps)

set(CPACK_PACKAGE_NAME "pyro-explorer")
set(CPACK_PACKAGE_VENDOR "Pyro Explorer developers")
set(CPACK_PACKAGE_CONTACT "Pyro Explorer developers <pyro-explorer@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_INSTALL_DIRECTORY "pyro-explorer")
set(CPACK_GENERATOR "DEB")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION "devel")
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS OFF)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "libqt6core6 (>= 6.4), libqt6network6 (>= 6.4), libqt6widgets6 (>= 6.4), libqt6gui6 (>= 6.4), zlib1g")
set(CPACK_PACKAGING_INSTALL_PREFIX "/usr")
include(CPack)
