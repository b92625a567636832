import { afterEach, describe, expect, it, vi } from 'vitest';
import { logger, metrics } from '../../lib/observability.js';

describe('observability', () => {
  afterEach(() => vi.restoreAllMocks());

  it("routes the metrics library's own warnings through the JSON logger, so the log level silences them", () => {
    // Prepare
    const warn = vi.spyOn(logger, 'warn').mockImplementation(() => undefined);

    // Act: a flush with nothing stored is what every handler invocation without metrics does.
    metrics.publishStoredMetrics();

    // Assess
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('No application metrics to publish'));
  });
});
