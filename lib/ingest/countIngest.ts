import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { metrics } from '../observability.js';

/** Ingest metric names (EMF, namespace from lib/observability.ts). */
export type IngestMetric =
  | 'IngestSucceeded'
  | 'IngestDuplicate'
  | 'IngestSkipped'
  | 'IngestStale'
  | 'IngestRetried'
  | 'IngestFailed'
  | 'IngestBusy'
  | 'IngestInvalidMessage'
  | 'IngestScanned'
  | 'IngestBytesUploaded'
  | 'IngestTagSkipped'
  | 'IngestHandled';

/** Counts one ingest outcome, with a `reason` dimension when given (skip/failure reasons). */
export function countIngest(name: IngestMetric, reason?: string, value = 1): void {
  if (reason === undefined) {
    metrics.addMetric(name, name === 'IngestBytesUploaded' ? MetricUnit.Bytes : MetricUnit.Count, value);
    return;
  }
  const single = metrics.singleMetric();
  single.addDimension('reason', reason);
  single.addMetric(name, MetricUnit.Count, value);
}
