import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { SiyuError } from '../shared/errors.ts';
import { openTestStore, type TestStore } from './test-store.ts';
import { statementTimeoutFromEnv, withStatementTimeout } from './statement-timeout.ts';

let store: TestStore;
before(async () => {
  store = await openTestStore();
});
after(() => store.close());

test('a request statement past the time limit is stopped and answered query_timeout (server store)', async (t) => {
  if (store.db.kind !== 'server') {
    t.skip('PGlite does not enforce statement_timeout; on the embedded store request sizes are bounded instead');
    return;
  }
  const limited = withStatementTimeout(store.db, 50);
  await assert.rejects(limited.query('SELECT pg_sleep(5)'), (err) => err instanceof SiyuError && err.code === 'query_timeout' && /SIYU_STATEMENT_TIMEOUT_MS/.test(err.message));
  await assert.rejects(limited.transaction((tx) => tx.query('SELECT pg_sleep(5)')), (err) => err instanceof SiyuError && err.code === 'query_timeout');
  // The limit is per transaction: the store itself, and the next request, are unaffected.
  assert.deepEqual(await limited.query<{ n: number }>('SELECT 1::int AS n'), [{ n: 1 }]);
  const [setting] = await store.db.query<{ statement_timeout: string }>('SHOW statement_timeout');
  assert.equal(setting!.statement_timeout, '0');
});

test('the limit comes from SIYU_STATEMENT_TIMEOUT_MS, 10 s by default, 0 for none', () => {
  assert.equal(statementTimeoutFromEnv({}), 10_000);
  assert.equal(statementTimeoutFromEnv({ SIYU_STATEMENT_TIMEOUT_MS: '2500' }), 2500);
  assert.equal(statementTimeoutFromEnv({ SIYU_STATEMENT_TIMEOUT_MS: '0' }), 0);
  assert.throws(() => statementTimeoutFromEnv({ SIYU_STATEMENT_TIMEOUT_MS: '10s' }), /whole number of milliseconds/);
  assert.equal(withStatementTimeout(store.db, 0), store.db);
});
