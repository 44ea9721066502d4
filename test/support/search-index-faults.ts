// The search index broken behind the app's back, and put right again. On SQLite the FTS5 index's
// segments are overwritten with garbage (what a torn write would leave), and repaired with FTS5's
// own rebuild; on PostgreSQL the posts' vectors are out of the way, as while an operator rebuilds them.
export const BREAK_SEARCH_INDEX = {
  sqlite: 'update posts_search_data set block = x\'00000000ffffffffff\' where id > 10',
  postgresql: 'alter table posts rename column search_vector to search_vector_rebuilding',
} as const;
export const REPAIR_SEARCH_INDEX = {
  sqlite: 'insert into posts_search (posts_search) values (\'rebuild\')',
  postgresql: 'alter table posts rename column search_vector_rebuilding to search_vector',
} as const;

/**
 * The SQLite index made anew where even a rebuild fails, as the README tells an operator to: with
 * its structure record damaged, FTS5 cannot open the table to rebuild or drop it, so it is taken out
 * of the schema by hand; then, on a connection that reads the schema afresh, its own tables are
 * dropped and it is created and filled again.
 */
export const REMAKE_SQLITE_SEARCH_INDEX = [
  'PRAGMA writable_schema = ON; delete from sqlite_schema where name = \'posts_search\'; PRAGMA writable_schema = OFF',
  'drop table posts_search_data; drop table posts_search_idx; drop table posts_search_docsize; drop table posts_search_config; '
    + 'create virtual table posts_search using fts5(body, content = \'posts\', content_rowid = \'id\', tokenize = \'unicode61 remove_diacritics 2\'); '
    + REPAIR_SEARCH_INDEX.sqlite,
] as const;
