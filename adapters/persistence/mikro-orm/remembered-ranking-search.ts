import type { ResultAsync } from 'neverthrow';
import type { PostSearch, SearchUnavailable } from '../../../domain/ports/post-search.js';
import type { TimelinePost } from '../../../domain/posts/post.js';
import type { SearchQuery } from '../../../domain/search/search-query.js';
import { unavailableOnFailure } from './mikro-orm-post-search.js';
import type { PreparedReads, ReadStatement } from './prepared-reads.js';
import { timelinePostOf, type TimelineRow } from './sql-values.js';

/**
 * How a dialect ranks a search once and lists its pages from the ranking. `match` is the engine's
 * query text for a parsed query, bound as the `?` of `rankedIds`.
 */
export type RankedSearchSql = Readonly<{
  match: (query: SearchQuery) => string;
  /** The newest post's `id` as `newest_post` (null with no post yet). */
  newestPost: ReadStatement;
  /** The `id` of every match in the window, best first, equal ranks newest first. */
  rankedIds: ReadStatement;
  /** The timeline rows of the posts whose ids are in the JSON array bound to it, in no order, each with `newest_post` as `newestPost` reads it. */
  postsByIds: ReadStatement;
}>;

type Ranking = Readonly<{ newestPost: number; ids: Promise<readonly number[]> }>;

type NewestPostRow = { newest_post: number | string | null };

function newestPostOf(row: NewestPostRow): number {
  return Number(row.newest_post ?? 0);
}

// Past this many queries the memory starts over, whatever visitors search for: at most 256 rankings
// of 1 000 ids each.
const REMEMBERED_QUERIES = 256;

/**
 * Search that ranks a query's matches once for each state of the posts, and answers every count and
 * page from that ranking. Ranking costs in proportion to every post that holds a word, however few
 * are listed (bm25 counts them to weigh the word: 2 ms of CPU for a word in 100 000 posts), and each
 * search page asked for it twice, for the count and for the page.
 *
 * The newest post's id names the state of the posts: a post is never edited or removed, and SQLite
 * commits posts in the order of their ids (one writer at a time), so the same newest id means the
 * same posts. Each search reads it (with the page's posts, when the query was ranked already); a
 * post published since the ranking was made is a newer id, and the query is ranked again, so a post
 * is found as soon as its publishing returned. Authors are read with each page, so a renamed author
 * shows at once. What this does not see is the index changing on its own (an operator's rebuild of
 * it): a query's ranking then holds until the next post.
 */
export class RememberedRankingSearch implements PostSearch {
  private readonly rankings = new Map<string, Ranking>();

  constructor(
    private readonly reads: PreparedReads,
    private readonly sql: RankedSearchSql,
  ) {}

  search(query: SearchQuery, offset: number, limit: number): ResultAsync<TimelinePost[], SearchUnavailable> {
    return unavailableOnFailure(this.pageOf(this.sql.match(query), offset, limit));
  }

  count(query: SearchQuery): ResultAsync<number, SearchUnavailable> {
    return unavailableOnFailure(this.rankingOf(this.sql.match(query)).then((ids) => ids.length));
  }

  /**
   * A remembered ranking's page is read with the newest post's id in the same statement, so the
   * common case costs one read: the page stands when no post came since the ranking was made. A
   * newer id read with it is the one the query is ranked again as of; a page with nothing to read
   * reads the newest id on its own first.
   */
  private async pageOf(match: string, offset: number, limit: number): Promise<TimelinePost[]> {
    const known = this.rankings.get(match);
    const knownIds = known ? (await known.ids).slice(offset, offset + limit) : [];
    const page = knownIds.length > 0 ? await this.postsInOrder(knownIds) : null;
    if (page && page.newestPost === known?.newestPost) return page.posts;
    const ids = (await this.rankingOf(match, page?.newestPost ?? undefined)).slice(offset, offset + limit);
    return ids.length === 0 ? [] : (await this.postsInOrder(ids)).posts;
  }

  /** The query's ranking as of `newestSeen`, the newest post's id if already read, else read now. */
  private async rankingOf(match: string, newestSeen?: number): Promise<readonly number[]> {
    // Read before ranking: a post published in between is then in a ranking kept under the older
    // id, which the next search finds out of date, never the other way round.
    const newestPost = newestSeen ?? await this.newestPost();
    const known = this.rankings.get(match);
    if (known?.newestPost === newestPost) return known.ids;
    if (this.rankings.size >= REMEMBERED_QUERIES) this.rankings.clear();
    // Searches that arrive together for one query share one ranking.
    const ids = this.reads.all<{ id: number | string }>(this.sql.rankedIds, [match]).then((rows) => rows.map((row) => Number(row.id)));
    this.rankings.set(match, { newestPost, ids });
    // A failed ranking is not remembered: the next search tries again.
    ids.catch(() => {
      if (this.rankings.get(match)?.ids === ids) this.rankings.delete(match);
    });
    return ids;
  }

  private async newestPost(): Promise<number> {
    const [newest] = await this.reads.all<NewestPostRow>(this.sql.newestPost, []);
    return newest ? newestPostOf(newest) : 0;
  }

  private async postsInOrder(ids: readonly number[]): Promise<Readonly<{ posts: TimelinePost[]; newestPost: number | null }>> {
    const rows = await this.reads.all<TimelineRow & NewestPostRow>(this.sql.postsByIds, [JSON.stringify(ids)]);
    const byId = new Map(rows.map((row) => [Number(row.id), timelinePostOf(row)]));
    // No row (every listed post removed since) tells nothing of the newest post.
    const newestPost = rows[0] ? newestPostOf(rows[0]) : null;
    return { posts: ids.flatMap((id) => byId.get(id) ?? []), newestPost };
  }
}
