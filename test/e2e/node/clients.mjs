// node-postgres (pg) and postgres.js against `kanto serve`: simple and extended protocol, named
// prepared statements, transactions, errors with SQLSTATE, arrays, and postgres.js pipelining
// (many queries in flight on one connection). Usage: node clients.mjs PORT
import assert from 'node:assert/strict';
import pg from 'pg';
import postgres from 'postgres';

const port = Number(process.argv[2]);
const conn = { host: '127.0.0.1', port, user: 'kanto', database: 'kanto' };

async function testPg() {
  const client = new pg.Client(conn);
  await client.connect();
  await client.query('DROP TABLE IF EXISTS node_pg');
  await client.query('CREATE TABLE node_pg (id int PRIMARY KEY, name text, price numeric(8,2), tags text[])');
  // extended protocol with parameters (unnamed statement)
  await client.query('INSERT INTO node_pg VALUES ($1, $2, $3, $4), ($5, $6, $7, $8)',
    [1, 'apple', '1.20', ['red', 'fruit'], 2, "o'hara", null, []]);
  const r = await client.query('SELECT id, name, price, tags FROM node_pg ORDER BY id');
  assert.deepEqual(r.rows, [
    { id: 1, name: 'apple', price: '1.20', tags: ['red', 'fruit'] },
    { id: 2, name: "o'hara", price: null, tags: [] },
  ]);
  assert.equal(r.fields[0].dataTypeID, 23);
  // named prepared statement, executed several times
  for (const id of [1, 2, 1]) {
    const p = await client.query({ name: 'by_id', text: 'SELECT name FROM node_pg WHERE id = $1', values: [id] });
    assert.equal(p.rows[0].name, id === 1 ? 'apple' : "o'hara");
  }
  // transaction rolled back
  await client.query('BEGIN');
  await client.query('DELETE FROM node_pg');
  await client.query('ROLLBACK');
  assert.equal((await client.query('SELECT count(*)::int AS n FROM node_pg')).rows[0].n, 2);
  // errors carry the SQLSTATE and the connection goes on
  await assert.rejects(client.query('INSERT INTO node_pg (id) VALUES (1)'), (e) => e.code === '23505');
  await assert.rejects(client.query('SELECT nosuch FROM node_pg'), (e) => e.code === '42703');
  assert.equal((await client.query('SELECT $1::int + 1 AS v', [41])).rows[0].v, 42);
  // rowMode array and several statements in one simple query
  const multi = await client.query('SELECT 1 AS a; SELECT 2 AS b');
  assert.equal(multi.length, 2);
  await client.end();
}

async function testPostgresJs() {
  const sql = postgres({ ...conn, username: conn.user, max: 1, onnotice: () => {} });
  await sql`DROP TABLE IF EXISTS node_pgjs`;
  await sql`CREATE TABLE node_pgjs (id int PRIMARY KEY, label text, n int[])`;
  await sql`INSERT INTO node_pgjs ${sql([{ id: 1, label: 'one', n: [1] }, { id: 2, label: 'two', n: [2, 2] }])}`;
  const rows = await sql`SELECT id, label, n FROM node_pgjs WHERE id = ANY(${[1, 2]}) ORDER BY id`;
  assert.deepEqual(rows.map((r) => [r.id, r.label, r.n]), [[1, 'one', [1]], [2, 'two', [2, 2]]]);
  // pipelining: 200 queries in flight on the single connection, answered in order
  const results = await Promise.all(Array.from({ length: 200 }, (_, i) => sql`SELECT ${i}::int + 1 AS v`));
  results.forEach((r, i) => assert.equal(r[0].v, i + 1));
  // a transaction that fails is rolled back
  await assert.rejects(sql.begin(async (tx) => {
    await tx`INSERT INTO node_pgjs VALUES (3, 'three', '{}')`;
    await tx`INSERT INTO node_pgjs VALUES (1, 'dup', '{}')`;
  }), (e) => e.code === '23505');
  assert.equal((await sql`SELECT count(*)::int AS n FROM node_pgjs`)[0].n, 2);
  await sql.end();
}

await testPg();
await testPostgresJs();
console.log('node clients ok');
