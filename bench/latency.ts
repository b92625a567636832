import { PutObjectCommand } from '@aws-sdk/client-s3';
import { ingestOne } from '../lib/ingest/runIngest.js';
import type { Emulator } from '../emulator/index.js';
import { percentile } from './harness/percentile.js';
import { startIngestStack } from './harness/startIngestStack.js';

const KiB = 1024;

export interface LatencySummary {
  p50: number;
  p95: number;
  max: number;
}

export interface LatencyResult {
  objects: number;
  objectKiB: number;
  /** S3 PUT answered → the object's asset has a CLOSED file (through notification, queue, poller, handler). */
  pipeline: LatencySummary;
  /** The reference: `ingestOne` called directly on an object of the same size, timed to its file CLOSED. */
  direct: LatencySummary;
  pipelineSamplesMs: number[];
  directSamplesMs: number[];
}

/**
 * Latency at low load (issue #15): `count` objects PUT one at a time into the local ingest stack
 * (s3rver → notification → local SQS → the event source's long poll → the ingest handler → the
 * emulator), each timed from the PUT's answer to the moment the emulator holds its asset with a
 * CLOSED file (polled every 5 ms). Beside it, in the same run and stack, the same ingest called
 * directly (`ingestOne`, no notification or queue), so the difference is what the plumbing adds.
 */
export async function benchLatency(count = 30, objectBytes = 64 * KiB): Promise<LatencyResult> {
  const stack = await startIngestStack({ buckets: ['direct'], maximumConcurrency: 2 });
  const pipelineSamplesMs: number[] = [];
  const directSamplesMs: number[] = [];
  try {
    stack.start();
    for (let i = 0; i < count; i += 1) {
      const key = `latency/${String(i).padStart(4, '0')} clip.mov`;
      await stack.s3.send(new PutObjectCommand({ Bucket: 'source', Key: key, Body: Buffer.alloc(objectBytes, i % 251), ContentType: 'video/quicktime' }));
      const started = performance.now();
      await waitClosed(stack.emu, `s3://source/${key}`, 60_000);
      pipelineSamplesMs.push(performance.now() - started);
    }
    for (let i = 0; i < count; i += 1) {
      const key = `latency/${String(i).padStart(4, '0')} clip.mov`;
      await stack.s3.send(new PutObjectCommand({ Bucket: 'direct', Key: key, Body: Buffer.alloc(objectBytes, i % 251), ContentType: 'video/quicktime' }));
      const started = performance.now();
      // Timed to the same moment as the pipeline (file CLOSED); the ingest's last steps run on after it.
      const ingest = ingestOne(stack.deps.ingest, { bucket: 'direct', key }, { deadline: Date.now() + 60_000 });
      await Promise.race([waitClosed(stack.emu, `s3://direct/${key}`, 60_000), ingest.then((o) => o.status !== 'done' && Promise.reject(new Error(`direct ingest of ${key} ended ${o.status}`)))]);
      directSamplesMs.push(performance.now() - started);
      const outcome = await ingest;
      if (outcome.status !== 'done') throw new Error(`direct ingest of ${key} ended ${outcome.status}`);
    }
  } finally {
    await stack.stop();
  }
  const summary = (xs: number[]): LatencySummary => ({ p50: round(percentile(xs, 50)), p95: round(percentile(xs, 95)), max: round(Math.max(...xs)) });
  return {
    objects: count,
    objectKiB: objectBytes / KiB,
    pipeline: summary(pipelineSamplesMs),
    direct: summary(directSamplesMs),
    pipelineSamplesMs: pipelineSamplesMs.map(round),
    directSamplesMs: directSamplesMs.map(round),
  };
}

/** Resolves when the asset of `externalId` has a CLOSED file in the emulator's state. */
async function waitClosed(emu: Emulator, externalId: string, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const t = emu.control.state().tables;
    const asset = (t.assets ?? []).find((a) => a.external_id === externalId);
    if (asset !== undefined && (t.files ?? []).some((f) => f.asset_id === asset.id && f.status === 'CLOSED')) return;
    if (Date.now() > until) throw new Error(`no CLOSED file for ${externalId} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}
