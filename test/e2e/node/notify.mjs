// LISTEN / NOTIFY with node-postgres (pg): client.on('notification') gets channel, payload and the
// sender's processId, at commit, in commit order, never from a rolled-back transaction.
// Usage: node notify.mjs HOST PORT USER DBNAME (the same expectations hold on PostgreSQL 15).
import assert from 'node:assert/strict';
import pg from 'pg';

const [host, port, user, database] = [process.argv[2], Number(process.argv[3]), process.argv[4], process.argv[5]];
const conn = { host, port, user, database };

const listener = new pg.Client(conn);
const sender = new pg.Client(conn);
const other = new pg.Client(conn);
await Promise.all([listener.connect(), sender.connect(), other.connect()]);
const got = [];
let waiter = null;
listener.on('notification', (msg) => {
  got.push([msg.channel, msg.payload, msg.processId]);
  if (waiter && got.length >= waiter.n) waiter.resolve();
});
// The notifications received once there are n of them (or after 3 s).
async function received(n) {
  if (got.length < n) {
    await new Promise((resolve) => {
      waiter = { n, resolve };
      setTimeout(resolve, 3000);
    });
    waiter = null;
  }
  return got.splice(0, got.length);
}

await listener.query('LISTEN node_channel');
await sender.query("NOTIFY node_channel, 'first'");
assert.deepEqual(await received(1), [['node_channel', 'first', sender.processID]]);

await sender.query('BEGIN');
await sender.query("NOTIFY node_channel, 's1'");
await other.query('BEGIN');
await other.query("SELECT pg_notify('node_channel', 'o1')");
await other.query('COMMIT');
await sender.query("NOTIFY node_channel, 's2'");
await sender.query("NOTIFY node_channel, 's1'");  // folded
await sender.query('COMMIT');
await other.query('BEGIN');
await other.query("NOTIFY node_channel, 'rolled back'");
await other.query('ROLLBACK');
await other.query("NOTIFY node_channel, 'last'");
assert.deepEqual(await received(4), [
  ['node_channel', 'o1', other.processID],
  ['node_channel', 's1', sender.processID],
  ['node_channel', 's2', sender.processID],
  ['node_channel', 'last', other.processID],
]);
await listener.query("NOTIFY node_channel, 'own'");
assert.deepEqual(await received(1), [['node_channel', 'own', listener.processID]]);
await Promise.all([listener.end(), sender.end(), other.end()]);
console.log('node pg notifications ok');
