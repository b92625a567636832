import { describe, expect, it } from 'vitest';
import { type CheckpointField, ingestSteps, type StepRun } from '../../../lib/ingest/ingestSteps.js';
import { type IngestStep, planSteps, stepOrder } from '../../../lib/ingest/planSteps.js';

/** Each step's needs that no step before it in `order` writes. */
function unmetNeeds(order: readonly IngestStep[]): { step: IngestStep; field: CheckpointField }[] {
  const written = new Set<CheckpointField>();
  const unmet: { step: IngestStep; field: CheckpointField }[] = [];
  for (const step of order) {
    for (const field of ingestSteps[step].needs) if (!written.has(field)) unmet.push({ step, field });
    for (const field of ingestSteps[step].writes) written.add(field);
  }
  return unmet;
}

const modes = ['upload', 'register'] as const;
const switches = [false, true];
/** Every order a fresh ingest can run: each mode, each switch, a new write or one with unchanged bytes. */
const orders = modes.flatMap((mode) =>
  switches.flatMap((transcode) =>
    switches.flatMap((tagObjects) =>
      switches.flatMap((enrich) =>
        [false, true].map((unchanged) => ({ mode, transcode, tagObjects, enrich, unchanged, order: planSteps(mode, unchanged ? { unchanged } : {}, { transcode, tagObjects, enrich }) })),
      ),
    ),
  ),
);

describe('ingestSteps: the step table', () => {
  it.each(orders)('every field a step needs is written by an earlier step ($mode, transcode $transcode, tag $tagObjects, enrich $enrich, unchanged $unchanged)', ({ order }) => {
    expect(order.length).toBeGreaterThan(0);
    expect(unmetNeeds(order)).toEqual([]);
  });

  it('the check catches a wrong order', () => {
    const swapped = [...stepOrder.upload];
    const format = swapped.indexOf('format');
    const fileSet = swapped.indexOf('fileSet');
    [swapped[format], swapped[fileSet]] = ['fileSet', 'format'];
    expect(unmetNeeds(swapped)).toEqual([{ step: 'fileSet', field: 'formatId' }]);
    expect(unmetNeeds(['job', 'asset'])).toEqual([{ step: 'job', field: 'assetId' }]);
    expect(unmetNeeds(stepOrder.register.filter((s) => s !== 'file'))).toEqual([{ step: 'keyframes', field: 'fileId' }]);
  });

  it('types each step from its row: what it needs is there, it may write only what it declares (checked by tsc)', () => {
    const close: StepRun<'close'> = async (_run, checkpoint) => {
      const needed: string = checkpoint.fileId;
      // @ts-expect-error formatId is no need of close: it may be missing
      const notNeeded: string = checkpoint.formatId;
      return { patch: { closed: true, ...(needed === notNeeded ? {} : {}) } };
    };
    // @ts-expect-error close does not write fileId
    const writesTooMuch: StepRun<'close'> = async () => ({ patch: { closed: true, fileId: 'x' } });
    expect([close, writesTooMuch].map((f) => typeof f)).toEqual(['function', 'function']);
  });
});
