// node-postgres (pg) round trips of json and jsonb (test/e2e/json_clients.sh): objects as
// parameters (sent as JSON text), results parsed by pg's json / jsonb parsers (OIDs 114, 3802),
// text[] paths, and jsonb arrays. The same steps run against Kanto and a PostgreSQL 15 and must
// give equal answers. Usage: node json.mjs KANTO_DSN POSTGRESQL_DSN
import assert from 'node:assert/strict';
import pg from 'pg';

async function steps(connectionString) {
  const client = new pg.Client({ connectionString });
  await client.connect();
  const out = [];
  await client.query('DROP TABLE IF EXISTS node_json');
  await client.query('CREATE TABLE node_json (id int PRIMARY KEY, j json, b jsonb)');
  const docs = [{ b: [1, 2.5, null], a: 'x"y', n: { deep: [true] } }, [1, 'two'], 'str', 7];
  for (const [i, d] of docs.entries()) {
    await client.query('INSERT INTO node_json VALUES ($1, $2, $3)', [i, JSON.stringify(d), JSON.stringify(d)]);
  }
  const r = await client.query('SELECT id, j, b, b #> $1 AS deep, b ->> 0 AS first FROM node_json ORDER BY b', [['n', 'deep']]);
  out.push(r.rows, r.fields.map((f) => f.dataTypeID));
  const agg = await client.query("SELECT jsonb_agg(b ORDER BY id) AS all, jsonb_object_agg(id, b -> 'a') AS o FROM node_json");
  out.push(agg.rows);
  const arr = await client.query('SELECT array_agg(b ORDER BY id) AS a FROM node_json');
  out.push(arr.rows, arr.fields[0].dataTypeID);
  const each = await client.query("SELECT key, value FROM jsonb_each($1::jsonb) ORDER BY key", [JSON.stringify({ z: 1, y: [2] })]);
  out.push(each.rows);
  await client.end();
  return out;
}

const [kanto, postgresql] = process.argv.slice(2);
assert.deepEqual(await steps(kanto), await steps(postgresql));
console.log('json.mjs: node pg agrees with PostgreSQL');
