import { ResultAsync } from 'neverthrow';
import type { PostRepository } from '../../../domain/ports/post-repository.js';
import { SEARCH_MATCH_LIMIT, type PostSearch, type SearchUnavailable } from '../../../domain/ports/post-search.js';
import type { TimelinePost } from '../../../domain/posts/post.js';
import { wordsOf, type SearchQuery, type SearchTerm } from '../../../domain/search/search-query.js';

/**
 * Search over the posts in memory, for domain tests: a scan of every post, matched word by word
 * with case and diacritics folded away, as the databases' tokenizers fold them. It has no ranking
 * of its own: matches come newest first, the order the repository lists them in, up to the limit.
 */
export class InMemoryPostSearch implements PostSearch {
  constructor(private readonly posts: PostRepository) {}

  search(query: SearchQuery, offset: number, limit: number): ResultAsync<TimelinePost[], SearchUnavailable> {
    return this.matching(query).map((posts) => posts.slice(offset, offset + limit));
  }

  count(query: SearchQuery): ResultAsync<number, SearchUnavailable> {
    return this.matching(query).map((posts) => posts.length);
  }

  private matching(query: SearchQuery): ResultAsync<TimelinePost[], SearchUnavailable> {
    return ResultAsync.fromSafePromise(this.posts.everyone(0, Number.MAX_SAFE_INTEGER))
      .map((posts) => posts.filter((post) => {
        const words = wordsOf(post.body).map(folded);
        return query.terms.every((term) => isFound(term, words));
      }).slice(0, SEARCH_MATCH_LIMIT));
  }
}

function isFound(term: SearchTerm, words: readonly string[]): boolean {
  if (term.kind === 'word') {
    const wanted = folded(term.word);
    return words.some((word) => (term.prefix ? word.startsWith(wanted) : word === wanted));
  }
  const phrase = term.words.map(folded);
  return words.some((_, start) => phrase.every((word, i) => words[start + i] === word));
}

/** Lower case without diacritics: `Ñandú` is `nandu`. */
function folded(word: string): string {
  return word.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}
