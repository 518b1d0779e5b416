#include <sqlite3.h>
#include "GongQinSQLiteConfig.h"

int gongqin_enable_triggers(void *db, int enable) {
    int now = -1;
    return sqlite3_db_config((sqlite3 *)db, SQLITE_DBCONFIG_ENABLE_TRIGGER, enable, &now);
}
