import { metrics } from '../../lib/observability.js';

/**
 * Vitest setup file: the handlers flush EMF metrics to stdout on every invocation, which would bury
 * the test output under thousands of JSON lines. Tests assert metrics through spies on
 * `metrics.addMetric`, so the EMF printout itself is muted here (and only here).
 */
const sink = { log: () => undefined, warn: () => undefined, info: () => undefined, error: () => undefined, debug: () => undefined };
(metrics as unknown as { console: typeof sink }).console = sink;
// `singleMetric()` (metrics with their own dimensions, e.g. a failure reason) makes a new instance
// with its own console: mute those too.
const makeSingle = metrics.singleMetric.bind(metrics);
metrics.singleMetric = () => {
  const single = makeSingle();
  (single as unknown as { console: typeof sink }).console = sink;
  return single;
};
