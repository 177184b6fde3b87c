// sequelize against `kanto serve`: sync() of models with associations (belongsTo / hasMany with
// ON DELETE CASCADE, belongsToMany through a join table), a unique column, an index and defaults;
// then create, bulkCreate, findAll with include, where and order, aggregates, update, destroy and a
// managed transaction. Usage: node orm_sequelize.mjs (connection from PGHOST, PGPORT, PGUSER,
// PGDATABASE; the same script runs against PostgreSQL 15). Foreign keys are created and checked
// when ORM_FOREIGN_KEYS=yes.
import assert from 'node:assert/strict';
import { DataTypes, Op, Sequelize } from 'sequelize';

const withFk = process.env.ORM_FOREIGN_KEYS === 'yes';
const sequelize = new Sequelize(process.env.PGDATABASE, process.env.PGUSER, '', {
  host: process.env.PGHOST, port: Number(process.env.PGPORT), dialect: 'postgres',
  logging: process.env.ORM_LOG ? console.log : false,
});

const Author = sequelize.define('Author', {
  name: { type: DataTypes.STRING(80), allowNull: false, unique: true },
  active: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true },
}, { tableName: 'sq_authors' });
const Book = sequelize.define('Book', {
  title: { type: DataTypes.STRING, allowNull: false },
  pages: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
  price: { type: DataTypes.DECIMAL(8, 2) },
}, { tableName: 'sq_books', indexes: [{ name: 'sq_books_title_idx', fields: ['title'] }] });
const Tag = sequelize.define('Tag', { label: { type: DataTypes.STRING, unique: true } }, { tableName: 'sq_tags' });
Author.hasMany(Book, { foreignKey: { name: 'authorId', allowNull: false }, onDelete: 'CASCADE', constraints: withFk });
Book.belongsTo(Author, { foreignKey: { name: 'authorId', allowNull: false }, onDelete: 'CASCADE', constraints: withFk });
Book.belongsToMany(Tag, { through: 'sq_book_tags', constraints: withFk });
Tag.belongsToMany(Book, { through: 'sq_book_tags', constraints: withFk });

await sequelize.authenticate();
await sequelize.sync({ force: true });
const tables = (await sequelize.getQueryInterface().showAllTables()).filter((t) => t.startsWith('sq_')).sort();
assert.deepEqual(tables, ['sq_authors', 'sq_book_tags', 'sq_books', 'sq_tags']);
const desc = await sequelize.getQueryInterface().describeTable('sq_books');
assert.deepEqual(Object.keys(desc), ['id', 'title', 'pages', 'price', 'createdAt', 'updatedAt', 'authorId']);
assert.equal(desc.id.primaryKey, true);
assert.equal(desc.price.type, 'NUMERIC');
assert.equal(desc.pages.allowNull, false);

const ann = await Author.create({ name: 'ann' });
const bob = await Author.create({ name: 'bob', active: false });
assert.equal(ann.id, 1);
assert.equal(ann.active, true);
await assert.rejects(Author.create({ name: 'ann' }), (e) => e.name === 'SequelizeUniqueConstraintError');
const [red, blue] = await Tag.bulkCreate([{ label: 'red' }, { label: 'blue' }], { returning: true });
const books = await Book.bulkCreate([
  { title: 'first', pages: 100, price: '9.50', authorId: ann.id },
  { title: 'second', authorId: ann.id },
  { title: 'third', pages: 30, authorId: bob.id },
], { returning: true });
await books[0].addTags([red, blue]);
await books[2].addTag(blue);

const annWithBooks = await Author.findOne({ where: { name: 'ann' }, include: [{ model: Book }], order: [[Book, 'title', 'ASC']] });
assert.deepEqual(annWithBooks.Books.map((b) => b.title), ['first', 'second']);
const first = await Book.findOne({ where: { title: 'first' }, include: [Author, Tag] });
assert.equal(first.Author.name, 'ann');
assert.deepEqual(first.Tags.map((t) => t.label).sort(), ['blue', 'red']);
assert.equal(first.price, '9.50');
const big = await Book.findAll({ where: { pages: { [Op.gte]: 30 } }, order: [['pages', 'DESC']] });
assert.deepEqual(big.map((b) => b.title), ['first', 'third']);
const perAuthor = await Book.findAll({
  attributes: ['authorId', [sequelize.fn('COUNT', sequelize.col('id')), 'n'], [sequelize.fn('SUM', sequelize.col('pages')), 'pages']],
  group: ['authorId'], order: [['authorId', 'ASC']], raw: true,
});
assert.deepEqual(perAuthor, [{ authorId: 1, n: '2', pages: '100' }, { authorId: 2, n: '1', pages: '30' }]);
const [updated] = await Book.update({ pages: 250 }, { where: { title: 'second' } });
assert.equal(updated, 1);
await assert.rejects(sequelize.transaction(async (t) => {
  await Tag.create({ label: 'green' }, { transaction: t });
  throw new Error('abort');
}), /abort/);
assert.equal(await Tag.count(), 2);
if (withFk) {
  await assert.rejects(Book.create({ title: 'orphan', authorId: 99 }), (e) => e.name === 'SequelizeForeignKeyConstraintError');
  await bob.destroy();  // ON DELETE CASCADE
  assert.deepEqual((await Book.findAll({ order: [['title', 'ASC']] })).map((b) => b.title), ['first', 'second']);
} else {
  console.log('orm_sequelize: SKIPPED foreign key steps (ORM_FOREIGN_KEYS is not yes)');
}
// sync({ alter: true }) reads the schema back and keeps the data (it restates every column's type
// with ALTER COLUMN TYPE; run when ORM_ALTER_TYPE=yes).
if (process.env.ORM_ALTER_TYPE === 'yes') {
  await sequelize.sync({ alter: true });
  assert.equal(await Book.count(), withFk ? 2 : 3);
} else {
  console.log('orm_sequelize: SKIPPED sync({ alter: true }) (ORM_ALTER_TYPE is not yes)');
}
await sequelize.close();
console.log('orm_sequelize: ok');
