// CSQLite: SQLite 3 (libsqlite3-dev) for the audit store. SQLITE_TRANSIENT and SQLITE_STATIC are
// cast macros (`((sqlite3_destructor_type)-1)`) that Swift cannot import, so they are provided here
// as constants; everything else is used as sqlite3.h declares it.
#ifndef PROOFNODE_CSQLITE_SHIM_H
#define PROOFNODE_CSQLITE_SHIM_H
#include <sqlite3.h>

/// SQLite copies bound text and blobs before the bind call returns (the Swift buffer may then go away).
static const sqlite3_destructor_type csqlite_transient = SQLITE_TRANSIENT;
/// SQLite uses the bound buffer in place; it must outlive the statement's next step or reset.
static const sqlite3_destructor_type csqlite_static = SQLITE_STATIC;
#endif
