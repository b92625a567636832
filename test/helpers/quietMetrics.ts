import { metrics } from '../../lib/observability.js';

/**
 * Vitest setup file: the handlers flush EMF metrics to stdout on every invocation, which would bury
 * the test output under thousands of JSON lines. Tests assert metrics through spies on
 * `metrics.addMetric`, so the EMF printout itself is muted here (and only here).
 */
const sink = { log: () => undefined, warn: () => undefined, info: () => undefined, error: () => undefined, debug: () => undefined };
(metrics as unknown as { console: typeof sink }).console = sink;
