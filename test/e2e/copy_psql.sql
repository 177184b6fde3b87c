-- COPY FROM STDIN / TO STDOUT through psql: values, defaults, constraints and errors (with their
-- CONTEXT lines) as PostgreSQL 15 gives them.
CREATE TABLE items (id int, name text NOT NULL, price numeric(6,2) CHECK (price > 0), code varchar(3), made date, ok bool, tags int[], raw bytea);
COPY items FROM STDIN;
1	pen	1.5	abc	2024-01-02	t	{1,2}	\\x0102
2	tab\there	\N	\N	\N	\N	\N	\N
3	back\\slash\nline	2	x	2024-02-29	f	{}	\\x
\.
COPY items FROM STDIN (FORMAT csv);
4,"a, b",3.25,,2023-12-31,true,"{3,4}",
5,"say ""hi""",4,"",,no,,
6,"multi
line",5,zz,,,,
\.
COPY items FROM STDIN (FORMAT csv, HEADER);
id,name,price,code,made,ok,tags,raw
7,header skipped,1,,,,,
\.
COPY items (id, name) FROM STDIN (HEADER);
id	name
8	text header
\.
COPY items (name, id) FROM STDIN (DELIMITER '|', NULL 'NULL');
nine|9
\.
SELECT id, name, price, code, code IS NULL AS code_null, made, ok, tags, raw FROM items ORDER BY id;
COPY items TO STDOUT;
COPY items (id, name, code) TO STDOUT (FORMAT csv, HEADER);
COPY (SELECT id, name FROM items WHERE id < 3 ORDER BY id) TO STDOUT (FORMAT csv);
-- conversion errors name the line and the column
COPY items (id, name) FROM STDIN;
10	fine
ten	bad
\.
COPY items (id, name, code) FROM STDIN;
11	x	abcd
\.
COPY items (id, name) FROM STDIN;
99999999999	big
\.
COPY items (id, name, made) FROM STDIN;
12	x	2024-13-01
\.
COPY items (id, name, code) FROM STDIN;
13	x	aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa
\.
-- constraint errors name the line and show it
COPY items (id, name) FROM STDIN;
14	\N
\.
COPY items (id, name, price) FROM STDIN;
15	x	-1
\.
COPY items (id, name) FROM STDIN;
16	x	extra
\.
COPY items (id, name) FROM STDIN;
17
\.
COPY items (id, name) FROM STDIN (FORMAT csv);
18,"open
\.
SELECT count(*) FROM items;
-- column lists
COPY items (id, nosuch) FROM STDIN;
COPY items (id, id) FROM STDIN;
COPY nosuch FROM STDIN;
-- defaults, serial, identity and generated columns are filled as INSERT fills them
CREATE TABLE filled (id serial PRIMARY KEY, n int GENERATED ALWAYS AS IDENTITY, label text DEFAULT 'none', twice int GENERATED ALWAYS AS (id * 2) STORED);
COPY filled (label) FROM STDIN;
one
\N
\.
COPY filled (id, n, label) FROM STDIN;
10	100	given
\.
COPY filled (twice) FROM STDIN;
COPY filled (id, label) FROM STDIN;
20	fine
1	duplicate
\.
SELECT * FROM filled ORDER BY id;
COPY filled TO STDOUT;
-- unique secondary index
CREATE TABLE uniq (id int, email text UNIQUE);
COPY uniq FROM STDIN (FORMAT csv);
1,a@x
2,a@x
\.
-- foreign keys: checked when the data has been read (a row may refer to a later one), deferred
-- ones at COMMIT
CREATE TABLE parent (id int PRIMARY KEY);
CREATE TABLE child (id int, pid int REFERENCES parent);
INSERT INTO parent VALUES (1);
COPY child FROM STDIN;
1	1
2	5
\.
CREATE TABLE tree (id int PRIMARY KEY, up int REFERENCES tree);
COPY tree FROM STDIN;
1	2
2	\N
\.
CREATE TABLE later (id int, pid int REFERENCES parent DEFERRABLE INITIALLY DEFERRED);
BEGIN;
COPY later FROM STDIN;
1	7
\.
INSERT INTO parent VALUES (7);
COMMIT;
BEGIN;
COPY later FROM STDIN;
2	8
\.
COMMIT;
SELECT * FROM child;
SELECT * FROM tree ORDER BY id;
SELECT * FROM later;
-- in a transaction block: a failed COPY aborts it, a rolled-back one leaves nothing
BEGIN;
COPY uniq FROM STDIN;
3	b@x
\.
COPY uniq FROM STDIN;
x	c@x
\.
SELECT 1;
ROLLBACK;
BEGIN;
COPY uniq FROM STDIN;
4	d@x
\.
ROLLBACK;
SELECT * FROM uniq ORDER BY id;
