import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttpApiAdapter, type HttpApiAdapter } from '../../local/httpApiAdapter.js';

let adapter: HttpApiAdapter;
const seen: APIGatewayProxyEventV2[] = [];

beforeAll(async () => {
  adapter = await startHttpApiAdapter({
    routes: {
      'POST /hook': async (event) => {
        seen.push(event);
        return { statusCode: 202, headers: { 'X-Answer': 'yes' }, body: '{"ok":true}' };
      },
      'GET /plain': async () => 'hello',
    },
  });
});
afterAll(async () => adapter.stop());

describe('startHttpApiAdapter', () => {
  it('turns a request into a payload v2 event and the result into the response', async () => {
    const response = await fetch(`${adapter.url}/hook?a=1&a=2&b=x`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Custom': 'v', Cookie: 'c1=1; c2=2' },
      body: '{"x":1}',
    });
    expect(response.status).toBe(202);
    expect(response.headers.get('x-answer')).toBe('yes');
    expect(await response.json()).toEqual({ ok: true });
    const event = seen.at(-1)!;
    expect(event).toMatchObject({
      version: '2.0',
      routeKey: 'POST /hook',
      rawPath: '/hook',
      rawQueryString: 'a=1&a=2&b=x',
      queryStringParameters: { a: '1,2', b: 'x' },
      cookies: ['c1=1', 'c2=2'],
      body: '{"x":1}',
      isBase64Encoded: false,
      requestContext: { http: { method: 'POST', path: '/hook' }, stage: '$default' },
    });
    expect(event.headers).toMatchObject({ 'content-type': 'application/json', 'x-custom': 'v' });
    expect(event.headers).not.toHaveProperty('cookie');
  });

  it('base64-encodes bodies that are not text, as API Gateway does', async () => {
    await fetch(`${adapter.url}/hook`, { method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body: new Uint8Array([0, 255, 1]) });
    expect(seen.at(-1)).toMatchObject({ body: Buffer.from([0, 255, 1]).toString('base64'), isBase64Encoded: true });
  });

  it('answers 404 for unknown routes and 200 JSON for a bare string result', async () => {
    expect((await fetch(`${adapter.url}/nope`, { method: 'POST' })).status).toBe(404);
    const plain = await fetch(`${adapter.url}/plain`);
    expect(plain.status).toBe(200);
    expect(await plain.text()).toBe('hello');
  });
});
