#include <sqlite3.h>

// Swift cannot import the SQLITE_TRANSIENT macro (a cast of -1 to a function pointer).
static inline sqlite3_destructor_type bench_sqlite_transient(void) { return (sqlite3_destructor_type)-1; }
