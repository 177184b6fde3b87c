CREATE TABLE g (a int, b int, s int GENERATED ALWAYS AS (abs(a)) STORED, t text GENERATED ALWAYS AS (lower(c)) STORED, c text NOT NULL);
\d g
COPY g FROM STDIN;
1	2	X
3	\N	Y
\.
COPY g (c, a) FROM STDIN (FORMAT csv);
Z,5
\.
COPY g (a, s, c) FROM STDIN;
COPY g TO STDOUT;
COPY g (a, c) TO STDOUT;
COPY g (t) TO STDOUT;
COPY (SELECT * FROM g ORDER BY a) TO STDOUT;
INSERT INTO g VALUES (1, 2, 3, DEFAULT, 'x');
UPDATE g SET t = 'y';
ALTER TABLE g ALTER COLUMN s DROP DEFAULT;
ALTER TABLE g ALTER COLUMN a DROP EXPRESSION IF EXISTS;
ALTER TABLE g ALTER COLUMN a DROP EXPRESSION;
ALTER TABLE g ALTER COLUMN a TYPE bigint;
ALTER TABLE g ALTER COLUMN s TYPE bigint USING 0;
ALTER TABLE g DROP COLUMN a;
ALTER TABLE g DROP COLUMN c CASCADE;
\d g
ALTER TABLE g ADD COLUMN u int GENERATED ALWAYS AS (abs(b)) STORED;
ALTER TABLE g ALTER COLUMN s DROP EXPRESSION;
\d g
SELECT * FROM g ORDER BY a;
-- CHECK constraints and defaults as \d prints them (pretty: precedence-aware parentheses)
CREATE TABLE acct (id int, credit numeric DEFAULT 0 CHECK (credit >= 0), lim int DEFAULT -1,
  kind text DEFAULT lower('A' || 'b'), total int GENERATED ALWAYS AS (id * 2 + lim) STORED,
  CONSTRAINT acct_kind CHECK (kind IN ('ab', 'cd') OR kind LIKE 'x%'),
  CONSTRAINT acct_range CHECK (id BETWEEN 1 AND 100),
  CONSTRAINT acct_not CHECK (NOT (lim = 0) AND credit < 1000),
  CONSTRAINT acct_case CHECK (CASE WHEN id > 10 THEN lim < 0 ELSE lim IS NOT NULL END));
\d acct
