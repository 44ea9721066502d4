// A process that stops through boundedStop within the deadline given as its second argument (ms),
// and misbehaves as its first argument says, for the tests of the stop: `clean` ends in time, `hang`
// waits forever on an open handle, `spin` blocks its event loop, `slow` takes long enough for a
// second signal to arrive.
import { boundedStop } from '../../src/bounded-stop.js';

const [behaviour, deadlineMs = '300'] = process.argv.slice(2);
const keepAlive = setInterval(() => undefined, 1_000);

boundedStop({
  role: 'Fixture',
  deadlineMs: Number(deadlineMs),
  stop: async (reason, exitCode) => {
    process.stdout.write(`stopping on ${reason}\n`);
    if (behaviour === 'clean') {
      clearInterval(keepAlive);
      process.exit(exitCode);
    }
    if (behaviour === 'spin') for (;;);
    if (behaviour === 'slow') await new Promise((resolve) => setTimeout(resolve, 60_000));
    await new Promise(() => undefined);
  },
});
process.stdout.write('ready\n');
