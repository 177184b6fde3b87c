// typeorm against `kanto serve`: synchronize: true creates the schema of entities with a generated
// id, unique and indexed columns, defaults, a many-to-one relation (ON DELETE CASCADE) and a
// many-to-many join table; then repository and query builder work, relations loaded, a transaction.
// Usage: node orm_typeorm.mjs (connection from PGHOST, PGPORT, PGUSER, PGDATABASE; the same script
// runs against PostgreSQL 15). Foreign keys are created and checked when ORM_FOREIGN_KEYS=yes.
import assert from 'node:assert/strict';
import 'reflect-metadata';
import typeorm from 'typeorm';

const { DataSource, EntitySchema } = typeorm;
const withFk = process.env.ORM_FOREIGN_KEYS === 'yes';

const Author = new EntitySchema({
  name: 'Author',
  tableName: 'to_author',
  columns: {
    id: { type: Number, primary: true, generated: true },
    name: { type: 'varchar', length: 80, unique: true },
    active: { type: Boolean, default: true },
    createdAt: { type: 'timestamptz', createDate: true },
  },
  relations: {
    books: { type: 'one-to-many', target: 'Book', inverseSide: 'author' },
  },
});
const Book = new EntitySchema({
  name: 'Book',
  tableName: 'to_book',
  columns: {
    id: { type: Number, primary: true, generated: true },
    title: { type: 'varchar' },
    pages: { type: 'int', default: 0 },
    price: { type: 'numeric', precision: 8, scale: 2, nullable: true },
  },
  indices: [{ name: 'to_book_title_idx', columns: ['title'] }],
  relations: {
    author: { type: 'many-to-one', target: 'Author', inverseSide: 'books', onDelete: 'CASCADE', nullable: false,
      joinColumn: { name: 'author_id' }, createForeignKeyConstraints: withFk },
    tags: { type: 'many-to-many', target: 'Tag', joinTable: { name: 'to_book_tags' },
      createForeignKeyConstraints: withFk },
  },
});
const Tag = new EntitySchema({
  name: 'Tag',
  tableName: 'to_tag',
  columns: { id: { type: Number, primary: true, generated: true }, label: { type: 'varchar', unique: true } },
});

function dataSource(dropSchema) {
  return new DataSource({
    type: 'postgres', host: process.env.PGHOST, port: Number(process.env.PGPORT), username: process.env.PGUSER,
    database: process.env.PGDATABASE, entities: [Author, Book, Tag], synchronize: true, dropSchema,
    logging: process.env.ORM_LOG ? ['query', 'error'] : false,
  });
}

const ds = await dataSource(true).initialize();
const tables = await ds.query(
  `SELECT table_name FROM information_schema.tables WHERE table_name LIKE 'to\\_%' ORDER BY 1`);
assert.deepEqual(tables.map((t) => t.table_name), ['to_author', 'to_book', 'to_book_tags', 'to_tag']);
const bookColumns = await ds.query(
  `SELECT column_name, data_type, is_nullable FROM information_schema.columns WHERE table_name = 'to_book'
   ORDER BY ordinal_position`);
assert.deepEqual(bookColumns.map((c) => `${c.column_name} ${c.data_type} ${c.is_nullable}`),
  ['id integer NO', 'title character varying NO', 'pages integer NO', 'price numeric YES', 'author_id integer NO']);

const authors = ds.getRepository('Author');
const books = ds.getRepository('Book');
const tags = ds.getRepository('Tag');
const ann = await authors.save({ name: 'ann' });
assert.equal(ann.id, 1);
assert.equal(ann.active, true);
assert.ok(ann.createdAt instanceof Date);
const bob = await authors.save({ name: 'bob', active: false });
const [red, blue] = await tags.save([{ label: 'red' }, { label: 'blue' }]);
await books.save([
  { title: 'first', pages: 100, price: '9.50', author: ann, tags: [red, blue] },
  { title: 'second', author: ann, tags: [blue] },
  { title: 'third', pages: 30, author: bob },
]);
await assert.rejects(authors.save({ name: 'ann' }), { code: '23505' });

const annBooks = await authors.findOne({ where: { name: 'ann' }, relations: { books: true } });
assert.deepEqual(annBooks.books.map((b) => b.title).sort(), ['first', 'second']);
const first = await books.findOne({ where: { title: 'first' }, relations: { author: true, tags: true } });
assert.equal(first.author.name, 'ann');
assert.deepEqual(first.tags.map((t) => t.label).sort(), ['blue', 'red']);
assert.equal(first.price, '9.50');
const stats = await books.createQueryBuilder('b').innerJoin('b.author', 'a')
  .select('a.name', 'name').addSelect('COUNT(*)', 'n').addSelect('SUM(b.pages)', 'pages')
  .groupBy('a.name').orderBy('a.name').getRawMany();
assert.deepEqual(stats, [{ name: 'ann', n: '2', pages: '100' }, { name: 'bob', n: '1', pages: '30' }]);
const blueBooks = await books.createQueryBuilder('b').innerJoin('b.tags', 't', 't.label = :l', { l: 'blue' })
  .orderBy('b.title').getMany();
assert.deepEqual(blueBooks.map((b) => b.title), ['first', 'second']);

await books.update({ title: 'second' }, { pages: 250 });
assert.equal((await books.findOneBy({ title: 'second' })).pages, 250);
await assert.rejects(ds.transaction(async (m) => {
  await m.getRepository('Tag').save({ label: 'green' });
  throw new Error('abort');
}), /abort/);
assert.equal(await tags.count(), 2);
if (withFk) {
  await assert.rejects(ds.query('INSERT INTO to_book (title, author_id) VALUES ($1, $2)', ['orphan', 99]), { code: '23503' });
  await authors.delete({ name: 'bob' });  // ON DELETE CASCADE removes his book
  assert.deepEqual((await books.find({ order: { title: 'ASC' } })).map((b) => b.title), ['first', 'second']);
} else {
  console.log('orm_typeorm: SKIPPED foreign key steps (ORM_FOREIGN_KEYS is not yes)');
}
await ds.destroy();

// Synchronizing the unchanged entities again reads the schema back and changes nothing.
if (process.env.ORM_TYPEORM_RESYNC !== 'no') {
  const again = await dataSource(false).initialize();
  const log = await again.driver.createSchemaBuilder().log();
  assert.deepEqual(log.upQueries.map((q) => q.query), []);
  assert.equal(await again.getRepository('Book').count(), withFk ? 2 : 3);
  await again.destroy();
}
console.log('orm_typeorm: ok');
