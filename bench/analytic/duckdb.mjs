// DuckDB side of bench/analytic: loads the generated '|' files into an in-memory database with
// schema.sql, then runs each query ROUNDS times. Prints one JSON line per query:
// {"query": "q01", "seconds": [..], "rows": N}. usage: node duckdb.mjs DATA_DIR ROUNDS
import { readFileSync, readdirSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';

const [dataDir, rounds] = [process.argv[2], Number(process.argv[3] || 3)];
const here = new URL('.', import.meta.url).pathname;
const instance = await DuckDBInstance.create(':memory:');
const conn = await instance.connect();
for (const stmt of readFileSync(here + 'schema.sql', 'utf8').split(';')) {
  if (stmt.replace(/--.*$/gm, '').trim()) await conn.run(stmt);
}
const load = Date.now();
for (const t of ['region', 'nation', 'supplier', 'customer', 'part', 'partsupp', 'orders', 'lineitem']) {
  await conn.run(`COPY ${t} FROM '${dataDir}/${t}.tbl' (DELIMITER '|', HEADER false)`);
}
console.log(JSON.stringify({ load: (Date.now() - load) / 1000 }));
for (const file of readdirSync(here + 'queries').filter((f) => f.endsWith('.sql')).sort()) {
  const sql = readFileSync(here + 'queries/' + file, 'utf8');
  const seconds = [];
  let rows = 0;
  for (let i = 0; i < rounds; i++) {
    const start = process.hrtime.bigint();
    const reader = await conn.runAndReadAll(sql);
    rows = reader.getRows().length;
    seconds.push(Number(process.hrtime.bigint() - start) / 1e9);
  }
  console.log(JSON.stringify({ query: file.replace('.sql', ''), seconds, rows }));
}
