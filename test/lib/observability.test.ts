import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { logger, metrics } from '../../lib/observability.js';

describe('observability', () => {
  afterEach(() => vi.restoreAllMocks());

  it('logs an empty metrics flush at debug level, not as a warning on stdout', () => {
    // Prepare
    const warn = vi.spyOn(logger, 'warn').mockImplementation(() => undefined);
    const debug = vi.spyOn(logger, 'debug').mockImplementation(() => undefined);

    // Act: a flush with nothing stored is what every invocation without a metric does.
    metrics.publishStoredMetrics();

    // Assess
    expect(debug).toHaveBeenCalledWith(expect.stringContaining('No application metrics to publish'));
    expect(warn).not.toHaveBeenCalled();
  });

  it("keeps the metrics library's other warnings as JSON-logged warnings", () => {
    // Prepare
    const warn = vi.spyOn(logger, 'warn').mockImplementation(() => undefined);

    // Act: an empty dimension value is a programming error worth seeing.
    metrics.addDimension('stage', '');
    metrics.addMetric('Probe', MetricUnit.Count, 1);
    metrics.clearMetrics();

    // Assess
    expect(warn).toHaveBeenCalledWith(expect.stringContaining("doesn't meet the requirements"));
  });
});
