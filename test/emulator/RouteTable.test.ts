import { describe, expect, it } from 'vitest';
import { defineRoute } from '../../emulator/route.js';
import { RouteTable } from '../../emulator/RouteTable.js';
import type { ServiceSpec } from '../../emulator/spec/loadSpec.js';

const spec: ServiceSpec = {
  openapi: '3.0.3',
  servers: [{ url: '/API/jobs/' }],
  components: { schemas: {} },
  paths: {
    '/v1/jobs/{job_id}/': { get: {}, patch: {} },
    '/v1/jobs/state/': { put: {} },
    '/v1/jobs/': { get: {}, post: {} },
  },
};
const getJob = defineRoute({ service: 'jobs', method: 'get', path: '/v1/jobs/{job_id}/', handle: () => ({ status: 200 }) });
const setState = defineRoute({ service: 'jobs', method: 'put', path: '/v1/jobs/state/', handle: () => ({ status: 201 }) });
const table = new RouteTable(new Map([['jobs', spec]]), [getJob, setState]);

describe('RouteTable', () => {
  it.each([
    { method: 'PUT', path: '/API/jobs/v1/jobs/state/', expected: { kind: 'route', key: 'jobs PUT /v1/jobs/state/' } },
    { method: 'GET', path: '/API/jobs/v1/jobs/state/', expected: { kind: 'route', key: 'jobs GET /v1/jobs/{job_id}/', params: { job_id: 'state' } } },
    { method: 'GET', path: '/API/jobs/v1/jobs/abc', expected: { kind: 'route', params: { job_id: 'abc' } } },
    { method: 'PATCH', path: '/API/jobs/v1/jobs/abc/', expected: { kind: 'notImplemented', key: 'jobs PATCH /v1/jobs/{job_id}/' } },
    { method: 'DELETE', path: '/API/jobs/v1/jobs/abc/', expected: { kind: 'methodNotAllowed' } },
    { method: 'GET', path: '/API/jobs/v1/other/', expected: { kind: 'notFound' } },
    { method: 'GET', path: '/API/files/v1/jobs/', expected: { kind: 'notFound' } },
  ])('routes $method $path to $expected.kind', ({ method, path, expected }) => {
    expect(table.match(method, path)).toMatchObject(expected);
  });

  it('lists the allowed methods with a 405', () => {
    const m = table.match('DELETE', '/API/jobs/v1/jobs/abc/');

    expect(m.kind === 'methodNotAllowed' && m.allowed.sort()).toEqual(['get', 'patch']);
  });

  it('refuses a route that is not in the spec', () => {
    const stray = defineRoute({ service: 'jobs', method: 'delete', path: '/v1/jobs/', handle: () => ({ status: 204 }) });

    expect(() => new RouteTable(new Map([['jobs', spec]]), [stray])).toThrow(/not in the vendored spec/);
  });
});
