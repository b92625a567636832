import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { logger, metrics } from '../observability.js';
import { type FieldValues, splitByView } from './fieldValues.js';
import type { ResolvedView } from './resolveView.js';

/**
 * Merges value layers (later wins on a field) into what one PUT on the view may carry: fields the
 * view does not list are left out (iconik refuses them [I]; the emulator answers 400), logged,
 * counted (`MetadataFieldNotInView`) and named in the sidecar status text, which is set last.
 */
export function composeValues(input: {
  readonly layers: readonly FieldValues[];
  readonly sidecarStatus: string | undefined;
  readonly statusField: string;
  readonly view: ResolvedView;
  readonly context: Readonly<Record<string, string>>;
}): FieldValues {
  const merged: FieldValues = Object.assign({}, ...input.layers);
  const { kept, outside } = splitByView(merged, input.view.fieldNames);
  if (outside.length > 0) {
    logger.warn('metadata fields not in the view were not written', { ...input.context, fields: outside.slice(0, 20) });
    metrics.addMetric('MetadataFieldNotInView', MetricUnit.Count, outside.length);
  }
  const notes = [input.sidecarStatus, outside.length > 0 ? `not in the view, not written: ${outside.slice(0, 20).join(', ')}` : undefined].filter((n) => n !== undefined);
  if (notes.length === 0 || !input.view.fieldNames.has(input.statusField)) return kept;
  return { ...kept, [input.statusField]: [notes.join('; ').slice(0, 2000)] };
}
