// node-postgres (pg) round trips of uuid (test/e2e/uuid_clients.sh): uuid strings as parameters
// and results (OID 2950), uuid[] (2951), a uuid primary key with gen_random_uuid() as default, and
// the same query in binary format. The same steps run against Kanto and a PostgreSQL 15 and must
// give equal answers. Usage: node uuid.mjs KANTO_DSN POSTGRESQL_DSN
import assert from 'node:assert/strict';
import pg from 'pg';

async function steps(connectionString) {
  const client = new pg.Client({ connectionString });
  await client.connect();
  const out = [];
  await client.query('DROP TABLE IF EXISTS node_uuid');
  await client.query('CREATE TABLE node_uuid (id uuid DEFAULT gen_random_uuid() PRIMARY KEY, ref uuid, n int)');
  const refs = ['a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', 'FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF', '{00000000000000000000000000000000}'];
  for (const [i, r] of refs.entries()) await client.query('INSERT INTO node_uuid (ref, n) VALUES ($1, $2)', [r, i]);
  const r = await client.query('SELECT ref, n, length(id::text) AS len FROM node_uuid ORDER BY ref');
  out.push(r.rows, r.fields.map((f) => f.dataTypeID));
  const arr = await client.query('SELECT array_agg(ref ORDER BY ref) AS a FROM node_uuid WHERE ref <> $1', [refs[0]]);
  out.push(arr.rows, arr.fields[0].dataTypeID);
  const bin = await client.query({ text: 'SELECT ref FROM node_uuid WHERE n = $1', values: [1], binary: true });
  out.push(bin.rows.map((row) => row.ref.toString('hex')));
  await client.query('DROP TABLE node_uuid');
  await client.end();
  return out;
}

const [kanto, postgresql] = process.argv.slice(2);
assert.deepEqual(await steps(kanto), await steps(postgresql));
console.log('uuid.mjs: node pg agrees with PostgreSQL');
