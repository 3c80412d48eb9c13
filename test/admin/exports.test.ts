// CSV exports (formula escaping, quoting, large streamed exports, scoping) and request-log pages under concurrent writes.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { csvCell } from '../../main/core/admin/csv';
import { CreatedKey, Provider, RequestList, User } from '../../shared/api-schemas';
import { logRecords, record } from '../api/records';
import { ADMIN_TOKEN, as, call, startTestHub, type TestHub } from './helpers';

let hub: TestHub;
let evil: { userId: string; keyId: string; key: string };
let plain: { userId: string; keyId: string; key: string };
let providerId: string;
const T0 = Date.UTC(2026, 0, 4, 8);

/** RFC 4180 parser for the tests (quoted fields, doubled quotes, CRLF rows). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  if (cell !== '' || row.length > 0) rows.push([...row, cell]);
  return rows;
}

async function exportCsv(query: string, token: string = ADMIN_TOKEN) {
  const res = await fetch(`${hub.api}/requests/export.csv${query}`, { headers: { authorization: `Bearer ${token}` } });
  return { res, rows: parseCsv(await res.text()) };
}

async function userWithKey(name: string) {
  const u = as(await call(hub, 'POST', '/users', { body: { name } }), 201, User);
  const k = as(await call(hub, 'POST', `/users/${u.id}/keys`, { body: { name: `${name}-key` } }), 201, CreatedKey);
  return { userId: u.id, keyId: k.id, key: k.key };
}

beforeAll(async () => {
  hub = await startTestHub();
  evil = await userWithKey('=HYPERLINK("http://evil.example","click")');
  plain = await userWithKey('plain');
  providerId = as(
    await call(hub, 'POST', '/providers', {
      body: { name: '@provider', type: 'anthropic', baseUrl: 'https://x.example', apiKey: 'sk-ant-0123456789abcdef' },
    }),
    201,
    Provider,
  ).id;
  logRecords(hub.database.sqlite, [
    record({
      createdAt: T0,
      userId: evil.userId,
      keyId: evil.keyId,
      providerId,
      model: '+SUM(A1:A9)',
      status: 500,
      errorMessage: '@import "x", then\na new line',
      userAgent: '-2+3',
      sessionId: '\tcmd',
      costUsd: 0.5,
    }),
  ]);
});
afterAll(async () => {
  await hub.close();
});

describe('CSV cells', () => {
  test('formula starts are prefixed with a quote; commas, quotes and line breaks are quoted', () => {
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('-1')).toBe("'-1");
    expect(csvCell('@SUM(1)')).toBe("'@SUM(1)");
    expect(csvCell('\tx')).toBe("'\tx");
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('=a,"b"')).toBe('"\'=a,""b"""');
    expect(csvCell('line\nbreak')).toBe('"line\nbreak"');
    expect(csvCell(-0.5)).toBe('-0.5'); // numbers are numbers, not text
    expect(csvCell(null)).toBe('');
    expect(csvCell(true)).toBe('true');
  });

  test('the request export escapes every dangerous cell', async () => {
    const { res, rows } = await exportCsv(`?userId=${evil.userId}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="requests.csv"');
    const [header, row] = rows;
    const cell = (name: string) => row?.[header?.indexOf(name) ?? -1];
    expect(rows).toHaveLength(2);
    expect(cell('userName')).toBe('\'=HYPERLINK("http://evil.example","click")');
    expect(cell('providerName')).toBe("'@provider");
    expect(cell('model')).toBe("'+SUM(A1:A9)");
    expect(cell('errorMessage')).toBe('\'@import "x", then\na new line');
    expect(cell('userAgent')).toBe("'-2+3");
    expect(cell('sessionId')).toBe("'\tcmd");
    expect(cell('costUsd')).toBe('0.5');
    expect(cell('status')).toBe('500');
  });
});

describe('large exports', () => {
  test('every matching row, newest first, streamed in batches', async () => {
    const bulk = Array.from({ length: 2600 }, (_, i) =>
      record({ createdAt: T0 + 1000 + Math.floor(i / 3), userId: plain.userId, keyId: plain.keyId, providerId }),
    );
    logRecords(hub.database.sqlite, bulk);
    const { rows } = await exportCsv(`?keyId=${plain.keyId}`);
    const header = rows[0] ?? [];
    const ids = rows.slice(1).map((r) => r[header.indexOf('id')]);
    const expected = [...bulk].sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? 1 : -1)).map((r) => r.id);
    expect(ids).toEqual(expected);
  });

  test('a plain user exports only their own rows, without provider columns filled', async () => {
    const { rows } = await exportCsv('', plain.key);
    const header = rows[0] ?? [];
    const body = rows.slice(1);
    expect(body.length).toBe(2600);
    expect(body.every((r) => r[header.indexOf('userId')] === plain.userId)).toBe(true);
    expect(body.every((r) => r[header.indexOf('providerId')] === '' && r[header.indexOf('providerName')] === '')).toBe(
      true,
    );
    const { rows: none } = await exportCsv(`?userId=${evil.userId}`, plain.key);
    expect(none).toHaveLength(1); // the header only
    expect((await fetch(`${hub.api}/requests/export.csv`)).status).toBe(401);
  });
});

describe('request pages', () => {
  test('stay stable while new requests are logged between pages', async () => {
    const first = as(await call(hub, 'GET', `/requests?keyId=${plain.keyId}&limit=500`), 200, RequestList).items;
    const all: string[] = [];
    let cursor: string | null = null;
    let n = 0;
    do {
      const page: RequestList = as(
        await call(hub, 'GET', `/requests?keyId=${plain.keyId}&limit=37${cursor ? `&cursor=${cursor}` : ''}`),
        200,
        RequestList,
      );
      all.push(...page.items.map((r) => r.id));
      cursor = page.nextCursor;
      // new rows: newer than everything, some sharing a millisecond with each other
      logRecords(
        hub.database.sqlite,
        [0, 0, 1].map((d) => record({ createdAt: T0 + 10_000 + n * 10 + d, userId: plain.userId, keyId: plain.keyId })),
      );
      n++;
    } while (cursor && all.length < 500);
    expect(all.slice(0, 500)).toEqual(first.map((r) => r.id));
    expect(new Set(all).size).toBe(all.length);
  });
});
