import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { FixedClock } from '../support/fixed-clock.js';
import { withApp } from '../support/test-app.js';

// A post's time carries its timestamp as a title too; the profile's last-seen time does not.
const postAges = (html: string) => [...html.matchAll(/<time datetime="([^"]+)" title="[^"]+">([^<]*)<\/time>/g)].map((match) => [match[1], match[2]]);

test('when time passes on the app\'s clock, then every list of posts counts their age from that clock', async () => {
  const clock = new FixedClock(new Date('2026-01-15T10:00:00Z'));
  await withApp({ clock }, async (app) => {
    const susan = app.browser();
    await susan.register('susan');
    await susan.logIn('susan');
    await susan.get('/index');
    await susan.post('/index', { post: 'Beautiful day in Portland!' });
    clock.advance(45 * 60_000);
    for (const path of ['/index', '/explore', '/user/susan']) {
      assert.equal(postAges((await susan.get(path)).text), [['2026-01-15T10:00:00.000Z', '45 minutes ago']], path);
    }
  });
});

test.run();
