import { advanceJobs } from '../../jobs/advanceJobs.js';
import { dateRange } from '../../lists/dateRange.js';
import { filterRecords } from '../../lists/filterRecords.js';
import { pagedList } from '../../lists/pagedList.js';
import { sortRecords } from '../../lists/sortRecords.js';
import { defineRoute } from '../../route.js';
import { tables } from '../../tables.js';

/**
 * `GET /API/jobs/v1/jobs/` → 200 `JobsSchema` (notes §6 [C]). Filters `type, object_type, object_id,
 * parent_id, status, created_by, ids` (comma lists match any), `date_created`/`date_modified`
 * ranges (`dateRange`), `_exists_`/`_missing_`; `sort`; page/per_page ≤ 100; scroll. `facets`
 * (default true) adds an empty `facets` object [I]; `query` and `aggregations` are accepted and
 * ignored (README divergences).
 */
export const listJobs = defineRoute({
  service: 'jobs',
  method: 'get',
  path: '/v1/jobs/',
  handle({ rt, query, rawQuery }) {
    advanceJobs(rt);
    let jobs = filterRecords(rt.store.all(tables.jobs), query, ['type', 'object_type', 'object_id', 'parent_id', 'status', 'created_by', 'ids']);
    for (const field of ['date_created', 'date_modified'] as const) {
      if (typeof query[field] !== 'string' || query[field] === '') continue;
      const { from, to } = dateRange(field, query[field]);
      jobs = jobs.filter((j) => {
        const t = Date.parse(String(j[field]));
        return t >= from && t <= to;
      });
    }
    const exists = typeof query._exists_ === 'string' ? query._exists_.split(',').filter(Boolean) : [];
    const missing = typeof query._missing_ === 'string' ? query._missing_.split(',').filter(Boolean) : [];
    jobs = jobs.filter((j) => exists.every((f) => j[f] !== undefined && j[f] !== null) && missing.every((f) => j[f] === undefined || j[f] === null));
    const envelope = pagedList(rt.store, sortRecords(jobs, query.sort), query, '/API/jobs/v1/jobs/', rawQuery);
    return { status: 200, body: query.facets === false ? envelope : { ...envelope, facets: {} } };
  },
});
