-- COPY ... FREEZE into a table created or truncated in the same transaction: Kanto ingests the
-- rows as SST files (access/bulk_insert.hpp). Run from a directory psql can write (cf*.data).
\copy (SELECT g, 'r' || g, g % 5 FROM generate_series(1, 3000) g) TO 'cf1.data'
\copy (SELECT g, 's' || g, g % 3 FROM generate_series(5001, 9000) g) TO 'cf2.data'
BEGIN;
CREATE TABLE cf (a int, b text, c int CHECK (c >= 0), d int GENERATED ALWAYS AS (a * 2) STORED);
\copy cf (a, b, c) FROM 'cf1.data' WITH (FREEZE)
SELECT count(*), sum(a), sum(d), max(b) FROM cf;
SELECT * FROM cf WHERE a = 1234;
COMMIT;
SELECT count(*), sum(a), sum(d) FROM cf;
-- Rolled back: the rows before the TRUNCATE are back, the loaded ones gone.
BEGIN;
TRUNCATE cf;
\copy cf (a, b, c) FROM 'cf2.data' WITH (FREEZE)
SELECT count(*), sum(a) FROM cf;
ROLLBACK;
SELECT count(*), sum(a), min(b) FROM cf;
-- Committed, with changes after the load in the same transaction.
BEGIN;
TRUNCATE cf;
\copy cf (a, b, c) FROM 'cf2.data' WITH (FREEZE)
UPDATE cf SET b = 'changed' WHERE a = 6000;
DELETE FROM cf WHERE a > 8990;
INSERT INTO cf (a, b, c) VALUES (1, 'inserted', 0);
\copy cf (a, b, c) FROM 'cf1.data' WITH (FREEZE)
COMMIT;
SELECT count(*), sum(a), count(DISTINCT a) FROM cf;
SELECT a, b FROM cf WHERE b IN ('changed', 'inserted') ORDER BY a;
DELETE FROM cf WHERE b = 'inserted';
ALTER TABLE cf ADD PRIMARY KEY (a);
SELECT a, b, d FROM cf WHERE a IN (1, 2999, 5001, 8990) ORDER BY a;
DROP TABLE cf;
