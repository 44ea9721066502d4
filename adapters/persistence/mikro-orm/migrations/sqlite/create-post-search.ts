import { Migration } from '@mikro-orm/migrations';

// An FTS5 index of the posts' bodies (https://www.sqlite.org/fts5.html) that stores no copy of
// them: it reads them from `posts` (external content). A new post is indexed by the post
// repository in the post's own transaction, not by a trigger, which would fail the post's insert
// with the index; triggers keep it in step when a post changes or goes (its author deleted).
// unicode61 with remove_diacritics 2 folds case and every diacritic (`nandu` finds
// `ñandú`). 'rebuild' indexes the posts written before. Each statement tolerates what it makes
// existing already, so a migration cut short can be run again.
export const CREATE_POSTS_SEARCH = `create virtual table if not exists "posts_search" using fts5(
  body, content = 'posts', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2'
)`;

/** FTS5's own command that indexes every post anew from `posts`. */
export const REBUILD_POSTS_SEARCH = `insert into "posts_search" ("posts_search") values ('rebuild')`;

export class CreatePostSearch extends Migration {
  override async up(): Promise<void> {
    this.addSql(CREATE_POSTS_SEARCH);
    this.addSql(`create trigger if not exists "posts_search_after_delete" after delete on "posts" begin
      insert into "posts_search" ("posts_search", rowid, body) values ('delete', old.id, old.body);
    end`);
    this.addSql(`create trigger if not exists "posts_search_after_update" after update of body on "posts" begin
      insert into "posts_search" ("posts_search", rowid, body) values ('delete', old.id, old.body);
      insert into "posts_search" (rowid, body) values (new.id, new.body);
    end`);
    this.addSql(REBUILD_POSTS_SEARCH);
  }

  override async down(): Promise<void> {
    this.addSql('drop trigger "posts_search_after_update"');
    this.addSql('drop trigger "posts_search_after_delete"');
    this.addSql('drop table "posts_search"');
  }
}
