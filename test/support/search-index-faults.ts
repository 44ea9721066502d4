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
