import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { errAsync, okAsync } from 'neverthrow';
import { countedPage, listOf, pageOf, type PagedList } from '../../domain/pagination.js';

/** A list of `items` that notes each fetch it is asked for. */
function recordedList(items: readonly number[]): { list: PagedList<number>; fetches: string[] } {
  const fetches: string[] = [];
  const list = listOf(
    async (offset, limit) => {
      fetches.push(`${offset}+${limit}`);
      return items.slice(offset, offset + limit);
    },
    async () => items.length,
  );
  return { list, fetches };
}

const ten = Array.from({ length: 10 }, (_, index) => index + 1);

test('when a counted page exists, then it holds its items and the totals, read with one fetch', async () => {
  const { list, fetches } = recordedList(ten);
  const page = (await countedPage({ number: 2, size: 4 }, list))._unsafeUnwrap();
  assert.equal(page, { items: [5, 6, 7, 8], number: 2, hasNewer: true, hasOlder: true, totalItems: 10, totalPages: 3 });
  assert.equal(fetches, ['4+4']);
});

test('when a counted page is past the last, then it is not found and the list is not read', async () => {
  const { list, fetches } = recordedList(ten);
  assert.equal((await countedPage({ number: 4, size: 4 }, list))._unsafeUnwrapErr(), { type: 'PageNotFound' });
  assert.equal(fetches, []);
});

test('when the list is empty, then its first counted page is empty without reading it, and the second is not found', async () => {
  const { list, fetches } = recordedList([]);
  assert.equal((await countedPage({ number: 1, size: 4 }, list))._unsafeUnwrap(), { items: [], number: 1, hasNewer: false, hasOlder: false, totalItems: 0, totalPages: 0 });
  assert.ok((await countedPage({ number: 2, size: 4 }, list)).isErr());
  assert.equal(fetches, []);
});

test('when a page is read without totals, then one more item than the page holds tells whether an older page exists', async () => {
  const { list, fetches } = recordedList(ten);
  assert.equal((await pageOf({ number: 3, size: 4 }, list))._unsafeUnwrap(), { items: [9, 10], number: 3, hasNewer: true, hasOlder: false });
  assert.ok((await pageOf({ number: 4, size: 4 }, list)).isErr());
  assert.equal(fetches, ['8+5', '12+5']);
});

test('when a list\'s read fails, then the page fails with the list\'s own error', async () => {
  const broken: PagedList<number, 'IndexMissing'> = { fetch: () => errAsync('IndexMissing'), count: () => okAsync(3) };
  assert.is((await pageOf({ number: 1, size: 4 }, broken))._unsafeUnwrapErr(), 'IndexMissing');
  assert.is((await countedPage({ number: 1, size: 4 }, broken))._unsafeUnwrapErr(), 'IndexMissing');
  const uncountable: PagedList<number, 'IndexMissing'> = { fetch: () => okAsync([1]), count: () => errAsync('IndexMissing') };
  assert.is((await countedPage({ number: 1, size: 4 }, uncountable))._unsafeUnwrapErr(), 'IndexMissing');
});

test.run();
