import type { IncomingMessage, ServerResponse } from 'node:http';
import { EmulatorHttpError } from '../errors.js';
import type { FaultRule } from '../FaultInjector.js';
import { parseJsonBody, readBody } from '../http/readBody.js';
import { sendJson } from '../http/sendJson.js';
import type { JobLifecycleOptions } from '../options.js';
import type { WebhookDeliveryOptions } from '../webhooks/Notifier.js';
import type { StoredRecord } from '../store.js';
import type { Control, StorageStatusPatch } from './Control.js';

/**
 * The control API over HTTP (no iconik auth; the emulator listens on loopback):
 *
 * | Method | Path | Does |
 * |---|---|---|
 * | POST | `/_emulator/reset` | `control.reset()` |
 * | POST | `/_emulator/seed` | body `{ table: [records] }` → `{ ids: { table: [id] } }` |
 * | GET | `/_emulator/state` | whole state |
 * | GET / PUT / POST / DELETE | `/_emulator/faults` | list / replace / append (`{ rules: [...] }`) / clear |
 * | PATCH | `/_emulator/storages/{id}` | `{ status, status_message, scanner_status, last_scanned }` |
 * | PUT | `/_emulator/jobs-lifecycle` | `{ stepMs, outcome }` |
 * | GET | `/_emulator/stats` | counters and the request log |
 * | GET | `/_emulator/gcs/{file_id}` | bytes uploaded to the GCS-style endpoint |
 * | GET | `/_emulator/webhooks/deliveries` | `{ deliveries }` (status, attempts, payload) |
 * | POST | `/_emulator/webhooks/flush` | waits for every pending delivery |
 * | PUT | `/_emulator/webhooks/delivery` | `{ retries, backoffMs, timeoutMs }` |
 * | PUT | `/_emulator/search-index` | `{ indexLagMs }` |
 */
export async function handleControl(req: IncomingMessage, res: ServerResponse, url: URL, control: Control): Promise<void> {
  const parts = url.pathname.split('/').filter(Boolean).slice(1);
  const method = req.method ?? 'GET';
  const route = `${method} ${parts[0] ?? ''}${parts.length > 1 ? '/*' : ''}`;
  try {
    const body = parseJsonBody(await readBody(req), req.headers['content-type']) as Record<string, unknown> | undefined;
    switch (route) {
      case 'POST reset':
        control.reset();
        return sendJson(res, 204, undefined);
      case 'POST seed':
        return sendJson(res, 201, { ids: control.seed((body ?? {}) as Record<string, StoredRecord[]>) });
      case 'GET state':
        return sendJson(res, 200, control.state());
      case 'GET faults':
        return sendJson(res, 200, { rules: control.faults() });
      case 'PUT faults':
        control.setFaults(rulesOf(body));
        return sendJson(res, 204, undefined);
      case 'POST faults':
        control.addFaults(rulesOf(body));
        return sendJson(res, 204, undefined);
      case 'DELETE faults':
        control.setFaults([]);
        return sendJson(res, 204, undefined);
      case 'PATCH storages/*':
        return sendJson(res, 200, control.setStorageStatus(parts[1] ?? '', (body ?? {}) as StorageStatusPatch));
      case 'PUT jobs-lifecycle':
        control.setJobLifecycle((body ?? {}) as JobLifecycleOptions);
        return sendJson(res, 204, undefined);
      case 'GET stats':
        return sendJson(res, 200, control.stats());
      case 'GET webhooks/*':
        if (parts[1] !== 'deliveries') throw new EmulatorHttpError(404, [`Unknown control route ${method} ${url.pathname}`]);
        return sendJson(res, 200, { deliveries: control.webhookDeliveries() });
      case 'POST webhooks/*':
        if (parts[1] !== 'flush') throw new EmulatorHttpError(404, [`Unknown control route ${method} ${url.pathname}`]);
        await control.flushWebhooks();
        return sendJson(res, 204, undefined);
      case 'PUT webhooks/*':
        if (parts[1] !== 'delivery') throw new EmulatorHttpError(404, [`Unknown control route ${method} ${url.pathname}`]);
        control.setWebhookDelivery((body ?? {}) as WebhookDeliveryOptions);
        return sendJson(res, 204, undefined);
      case 'PUT search-index': {
        const lag = body?.indexLagMs;
        if (typeof lag !== 'number' || lag < 0) throw new EmulatorHttpError(400, { indexLagMs: 'Must be a number of milliseconds >= 0.' });
        control.setIndexLag(lag);
        return sendJson(res, 204, undefined);
      }
      case 'GET gcs/*': {
        const bytes = control.gcsBytes(parts[1] ?? '');
        if (bytes === undefined) throw new EmulatorHttpError(404, ['No GCS bytes for this file']);
        res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': String(bytes.length) });
        res.end(bytes);
        return;
      }
      default:
        throw new EmulatorHttpError(404, [`Unknown control route ${method} ${url.pathname}`]);
    }
  } catch (error) {
    const e = error instanceof EmulatorHttpError ? error : new EmulatorHttpError(500, [(error as Error).message]);
    sendJson(res, e.status, { errors: e.errors });
  }
}

function rulesOf(body: Record<string, unknown> | undefined): FaultRule[] {
  const rules = body?.rules;
  if (!Array.isArray(rules)) throw new EmulatorHttpError(400, { rules: 'Must be a list of fault rules.' });
  return rules as FaultRule[];
}
