#ifndef GONGQIN_SQLITE_CONFIG_H
#define GONGQIN_SQLITE_CONFIG_H

/// Turns a connection's triggers on (1) or off (0): sqlite3_db_config with
/// SQLITE_DBCONFIG_ENABLE_TRIGGER, which Swift cannot call, being variadic. `db` is the
/// connection's sqlite3 pointer. Returns SQLite's result code.
int gongqin_enable_triggers(void *db, int enable);

#endif
