import { describe, expect, it } from 'vitest';
import { CheckpointIncompleteError } from '../../../lib/ingest/errors.js';
import type { IngestDeps, IngestSettings } from '../../../lib/ingest/ingestObject.js';
import { IngestRun } from '../../../lib/ingest/IngestRun.js';
import { ingestSteps } from '../../../lib/ingest/ingestSteps.js';
import type { IngestStep } from '../../../lib/ingest/planSteps.js';
import { runStep } from '../../../lib/ingest/steps/runStep.js';
import type { IngestCheckpoint } from '../../../lib/ledger/ingestCheckpoint.js';

/** Dependencies that record every use: nothing may be touched when a step is refused. */
function recordingRun(checkpoint: IngestCheckpoint) {
  const touched: string[] = [];
  const recorder = (name: string) =>
    new Proxy(
      {},
      {
        get: (_t, prop) => {
          touched.push(`${name}.${String(prop)}`);
          return async () => {
            touched.push(`${name}.${String(prop)}()`);
            return {};
          };
        },
      },
    );
  const settings = { keyframes: true, mediainfo: true, tagObjects: true, leaseSeconds: 60, partSizeBytes: 5 * 1024 * 1024, partConcurrency: 1 } as IngestSettings;
  const deps = {
    iconik: recorder('iconik'),
    s3: recorder('s3'),
    ledger: recorder('ledger'),
    storages: recorder('storages'),
    extensions: recorder('extensions'),
    fetch: async () => {
      touched.push('fetch');
      throw new Error('no fetch');
    },
    settings,
  } as unknown as IngestDeps;
  const run = new IngestRun({
    deps,
    identity: { bucket: 'b', key: 'k/clip.mov', versionId: undefined, eTag: 'e', sequencer: undefined },
    info: { size: 10, eTag: 'e', versionId: undefined, contentType: undefined, lastModified: undefined, userMetadata: {} },
    plan: { mode: 'upload' },
    lease: { pk: 'pk', leaseId: 'l' },
    checkpoint,
    parts: [],
    attempt: { deadline: Date.now() + 60_000, finalAttempt: false },
    call: {},
    resumed: true,
  });
  return { run, touched };
}

const needy = (Object.keys(ingestSteps) as IngestStep[]).filter((step) => ingestSteps[step].needs.length > 0);

describe('runStep: a step never runs on a checkpoint that lacks what it needs', () => {
  it.each(needy)('%s on an empty checkpoint: CheckpointIncompleteError naming all its needs, nothing sent anywhere', async (step) => {
    const { run, touched } = recordingRun({ mode: 'upload', storageId: 's' });

    const error = await runStep(run, step).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(CheckpointIncompleteError);
    expect(error).toMatchObject({ step, missing: [...ingestSteps[step].needs], retryable: true, reason: 'checkpoint-incomplete' });
    expect(touched).toEqual([]);
    expect(run.checkpoint).toEqual({ mode: 'upload', storageId: 's' });
  });

  it('a checkpoint short of one id (a corrupt item) is refused too', async () => {
    const { run, touched } = recordingRun({ mode: 'upload', assetId: 'a', fileSetId: 's' });

    await expect(runStep(run, 'file')).rejects.toThrow('the ingest checkpoint lacks formatId, which step file needs');
    expect(touched).toEqual([]);
  });

  it('a checkpoint with what the step needs runs it and returns its patch', async () => {
    const { run, touched } = recordingRun({ mode: 'upload', assetId: 'a', fileId: 'f', checksum: 'c' });

    expect(await runStep(run, 'close')).toEqual({ patch: { closed: true } });
    expect(touched).toEqual(['iconik.request', 'iconik.request()']);
  });
});
