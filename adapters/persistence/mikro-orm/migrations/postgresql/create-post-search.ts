import { Migration } from '@mikro-orm/migrations';

// A text search configuration of our own: the "simple" one (lower case, no stemming or stop
// words, so `and` or `the` can be searched for like any word) behind `unaccent`, so `nandu` finds
// `ñandú`. unaccent is a trusted extension (https://www.postgresql.org/docs/15/unaccent.html) that
// a database's owner may create; where it is not installed or not allowed, the configuration is
// "simple" alone and diacritics count. Every post's vector is a stored generated column, computed
// in the insert itself (existing posts when the column is added) and indexed with GIN. Each
// statement tolerates what it makes existing already, so a migration cut short can be run again.
export class CreatePostSearch extends Migration {
  override async up(): Promise<void> {
    this.addSql(`do $$
    begin
      if exists (select 1 from pg_ts_config where cfgname = 'posts_search' and cfgnamespace = to_regnamespace(current_schema())) then
        return;
      end if;
      begin
        create extension if not exists unaccent;
        create text search configuration posts_search (copy = simple);
        alter text search configuration posts_search alter mapping for hword, hword_part, word with unaccent, simple;
      exception when insufficient_privilege or undefined_file then
        create text search configuration posts_search (copy = simple);
      end;
    end $$`);
    this.addSql(`alter table "posts" add column if not exists "search_vector" tsvector
      generated always as (to_tsvector('posts_search'::regconfig, "body")) stored`);
    this.addSql('create index if not exists "posts_search_vector_index" on "posts" using gin ("search_vector")');
  }

  override async down(): Promise<void> {
    this.addSql('alter table "posts" drop column "search_vector"');
    this.addSql('drop text search configuration posts_search');
  }
}
