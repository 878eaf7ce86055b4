"""Course packages: a course as a folder of plain files, imported, exported and uploaded."""
