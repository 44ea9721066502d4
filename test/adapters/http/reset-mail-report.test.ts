import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ResetMailReport } from '../../../adapters/http/reset-mail-report.js';
import { mailNotSent } from '../../../domain/errors.js';
import { captureLogs } from '../../support/captured-logs.js';

/** The level of each event, in order (an error's stack lines name none). */
const levelsOf = (lines: readonly string[]) => lines.map((line) => / (DEBUG|INFO|WARN|ERROR): /.exec(line)?.[1]).filter(Boolean);

test('when reset emails fail, recover and fail again, then each outage is one error, its repeats warnings, and its end one line', async () => {
  const logs = captureLogs();
  const report = new ResetMailReport(logs.logger);
  report.sent();
  report.notSent(mailNotSent('ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:25', 'transient'));
  report.notSent(mailNotSent('ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:25', 'transient'));
  report.notSent(mailNotSent('ETIMEDOUT: Greeting never received', 'transient'));
  report.sent();
  report.sent();
  report.notSent(mailNotSent('EAUTH: Invalid login: 535', 'transient'));
  assert.equal(levelsOf(logs.lines()), ['ERROR', 'WARN', 'WARN', 'INFO', 'ERROR']);
  assert.match(logs.text(), 'ResetMailNotSent: ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:25');
  assert.match(logs.text(), 'Password reset email not sent: ETIMEDOUT: Greeting never received');
  assert.match(logs.text(), 'Password reset emails are being delivered again');
  assert.match(logs.text(), 'ResetMailNotSent: EAUTH: Invalid login: 535');
  await logs.shutdown();
});

test.run();
