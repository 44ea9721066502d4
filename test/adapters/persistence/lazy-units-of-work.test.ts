import { MikroORM, type EntityManager } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { SqliteDriver } from '@mikro-orm/sqlite';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { LazyUnitsOfWork } from '../../../adapters/persistence/mikro-orm/lazy-units-of-work.js';

type Orm = Readonly<{ em: SqlEntityManager; units: LazyUnitsOfWork; forks: () => number }>;

/** MikroORM on a SQLite file, finding its EntityManager through the units, with its forks counted. */
async function withOrm(work: (orm: Orm) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'lazy-units-'));
  const units = new LazyUnitsOfWork();
  const orm = await MikroORM.init({
    driver: SqliteDriver, dbName: join(dir, 'test.db'), entities: [], discovery: { warnWhenNoEntities: false },
    allowGlobalContext: false, context: () => units.entityManager(),
  });
  const em = orm.em as SqlEntityManager;
  let forks = 0;
  const fork = em.fork.bind(em);
  em.fork = (options) => {
    forks++;
    return fork(options);
  };
  try {
    await work({ em, units, forks: () => forks });
  } finally {
    await orm.close(true);
    rmSync(dir, { recursive: true, force: true });
  }
}

test('when a unit of work runs no query, then it forks no EntityManager', () => withOrm(async ({ em, units, forks }) => {
  assert.is(await units.run(em, async () => 'answered'), 'answered');
  assert.is(forks(), 0);
}));

test('when a unit of work queries several times, side by side too, then it forks once and uses that fork throughout', () => withOrm(async ({ em, units, forks }) => {
  await units.run(em, async () => {
    await Promise.all([em.execute('select 1'), em.execute('select 2')]);
    const first = units.entityManager();
    await em.execute('select 3');
    assert.is(units.entityManager(), first);
    assert.is.not(first, em);
  });
  assert.is(forks(), 1);
}));

test('when two units of work interleave, then each has its own EntityManager and identity map', () => withOrm(async ({ em, units, forks }) => {
  const seen: Record<string, EntityManager[]> = { a: [], b: [] };
  let release = () => {};
  const bFinished = new Promise<void>((resolve) => { release = resolve; });
  const a = units.run(em, async () => {
    await em.execute('select 1');
    seen.a?.push(units.entityManager() as EntityManager);
    await bFinished;
    await em.execute('select 2');
    seen.a?.push(units.entityManager() as EntityManager);
  });
  const b = units.run(em, async () => {
    await em.execute('select 1');
    seen.b?.push(units.entityManager() as EntityManager);
    release();
  });
  await Promise.all([a, b]);
  const [a1, a2] = seen.a ?? [];
  const [b1] = seen.b ?? [];
  assert.is(a1, a2, 'a keeps its EntityManager across the other unit');
  assert.is.not(a1, b1);
  assert.is.not(a1?.getUnitOfWork(), b1?.getUnitOfWork());
  assert.is(forks(), 2);
  assert.is(units.entityManager(), undefined, 'none outside a unit');
}));

test.run();
