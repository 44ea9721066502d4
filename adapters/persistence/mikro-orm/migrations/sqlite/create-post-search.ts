import { Migration } from '@mikro-orm/migrations';

// An FTS5 index of the posts' bodies (https://www.sqlite.org/fts5.html) that stores no copy of
// them: it reads them from `posts` (external content). Triggers keep it in step in the statement
// that writes a post, so a post is findable once its insert returned and never outside its
// transaction. unicode61 with remove_diacritics 2 folds case and every diacritic (`nandu` finds
// `ñandú`). 'rebuild' indexes the posts written before. Each statement tolerates what it makes
// existing already, so a migration cut short can be run again.
export class CreatePostSearch extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create virtual table if not exists "posts_search" using fts5(
      body, content = 'posts', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2'
    )`);
    this.addSql(`create trigger if not exists "posts_search_after_insert" after insert on "posts" begin
      insert into "posts_search" (rowid, body) values (new.id, new.body);
    end`);
    this.addSql(`create trigger if not exists "posts_search_after_delete" after delete on "posts" begin
      insert into "posts_search" ("posts_search", rowid, body) values ('delete', old.id, old.body);
    end`);
    this.addSql(`create trigger if not exists "posts_search_after_update" after update of body on "posts" begin
      insert into "posts_search" ("posts_search", rowid, body) values ('delete', old.id, old.body);
      insert into "posts_search" (rowid, body) values (new.id, new.body);
    end`);
    this.addSql(`insert into "posts_search" ("posts_search") values ('rebuild')`);
  }

  override async down(): Promise<void> {
    this.addSql('drop trigger "posts_search_after_update"');
    this.addSql('drop trigger "posts_search_after_delete"');
    this.addSql('drop trigger "posts_search_after_insert"');
    this.addSql('drop table "posts_search"');
  }
}
