-- The privilege matrix: each statement kind run by a role without the privilege it needs, then
-- with it (GRANT), then without it again (REVOKE); the errors and results must be PostgreSQL's.
CREATE ROLE priv_user LOGIN;
CREATE ROLE priv_other LOGIN;
CREATE TABLE t (a int PRIMARY KEY, b text);
INSERT INTO t VALUES (1, 'one'), (2, 'two');
CREATE TABLE other (x int);
CREATE VIEW v AS SELECT a, b FROM t;
SELECT relname, relacl FROM pg_class WHERE relname IN ('t', 'v', 'other') ORDER BY 1;
\c - priv_user
SELECT * FROM t;
SELECT count(*) FROM t;
INSERT INTO t VALUES (3, 'three');
UPDATE t SET b = 'x';
DELETE FROM t;
TRUNCATE t;
SELECT * FROM v;
COPY t TO STDOUT;
SELECT has_table_privilege('t', 'SELECT'), has_table_privilege('t', 'INSERT, UPDATE');
\c - kanto
GRANT SELECT ON t TO priv_user;
SELECT relname, relacl FROM pg_class WHERE relname = 't';
\c - priv_user
SELECT * FROM t ORDER BY a;
SELECT count(*) FROM t;
INSERT INTO t VALUES (3, 'three');
SELECT * FROM v;
SELECT * FROM t, other;
COPY t TO STDOUT;
SELECT has_table_privilege('t', 'SELECT'), has_table_privilege('t', 'INSERT, UPDATE'), has_table_privilege('t', 'SELECT WITH GRANT OPTION');
GRANT SELECT ON t TO priv_other;
\c - kanto
GRANT INSERT, UPDATE ON t TO priv_user;
GRANT DELETE ON TABLE t TO PUBLIC;
GRANT SELECT ON v TO priv_user WITH GRANT OPTION;
SELECT relname, relacl FROM pg_class WHERE relname IN ('t', 'v') ORDER BY 1;
\c - priv_user
INSERT INTO t VALUES (3, 'three');
INSERT INTO t VALUES (4, 'four') RETURNING *;
UPDATE t SET b = 'THREE' WHERE a = 3;
UPDATE t SET b = b || '!' WHERE a = 1 RETURNING a, b;
INSERT INTO t VALUES (3, 'again') ON CONFLICT (a) DO UPDATE SET b = excluded.b;
INSERT INTO t VALUES (5, 'five') ON CONFLICT DO NOTHING;
DELETE FROM t WHERE a = 5;
TRUNCATE t;
COPY t FROM STDIN;
6	six
\.
SELECT * FROM v ORDER BY a;
GRANT SELECT ON v TO priv_other;
GRANT INSERT ON v TO priv_other;
GRANT SELECT ON other TO priv_other;
SELECT has_table_privilege('priv_other', 'v', 'SELECT'), has_table_privilege('priv_other', 't', 'SELECT');
\c - priv_other
SELECT count(*) FROM v;
SELECT count(*) FROM t;
\c - kanto
REVOKE SELECT ON t FROM priv_user;
SELECT relname, relacl FROM pg_class WHERE relname = 't';
\c - priv_user
SELECT * FROM t;
UPDATE t SET b = 'x';
UPDATE t SET b = 'x' WHERE a = 1;
UPDATE t SET b = 'y' WHERE true;
DELETE FROM t WHERE a = 6;
DELETE FROM t WHERE false;
INSERT INTO t VALUES (7, 'seven');
INSERT INTO t VALUES (8, 'eight') RETURNING a;
INSERT INTO t VALUES (7, 'x') ON CONFLICT (a) DO NOTHING;
INSERT INTO t VALUES (9, 'nine') ON CONFLICT DO NOTHING;
SELECT * FROM v ORDER BY a;
\c - kanto
REVOKE GRANT OPTION FOR SELECT ON v FROM priv_user;
REVOKE GRANT OPTION FOR SELECT ON v FROM priv_user CASCADE;
SELECT relname, relacl FROM pg_class WHERE relname = 'v';
REVOKE ALL ON t FROM PUBLIC;
REVOKE ALL PRIVILEGES ON t FROM priv_user;
REVOKE ALL ON v FROM priv_user;
SELECT relname, relacl FROM pg_class WHERE relname IN ('t', 'v') ORDER BY 1;
GRANT ALL ON ALL TABLES IN SCHEMA public TO priv_other;
SELECT relname, relacl FROM pg_class WHERE relname IN ('t', 'v', 'other') ORDER BY 1;
GRANT SELECT ON t TO PUBLIC WITH GRANT OPTION;
GRANT USAGE ON t TO priv_user;
GRANT bogus ON t TO priv_user;
GRANT SELECT ON t TO no_such_role;
GRANT SELECT ON no_such_table TO priv_user;
REVOKE ALL ON t FROM kanto;
SELECT * FROM t ORDER BY a;
SELECT relname, relacl FROM pg_class WHERE relname = 't';
GRANT ALL ON t TO kanto;
SELECT relname, relacl FROM pg_class WHERE relname = 't';
SELECT acldefault('r', 'kanto'::regrole), acldefault('d', 'kanto'::regrole), acldefault('f', 'kanto'::regrole);
-- Privileges through role membership: a member (INHERIT) uses its group's grants, until revoked.
CREATE ROLE priv_group NOLOGIN;
CREATE TABLE grp (x int);
GRANT priv_group TO priv_other;
GRANT SELECT ON grp TO priv_group;
\c - priv_other
SELECT count(*) FROM grp;
SELECT has_table_privilege('grp', 'SELECT'), has_table_privilege('grp', 'INSERT');
INSERT INTO grp VALUES (1);
MERGE INTO grp USING (VALUES (1)) s(x) ON grp.x = s.x WHEN NOT MATCHED THEN INSERT VALUES (s.x);
MERGE INTO grp USING (VALUES (1)) s(x) ON grp.x = s.x WHEN MATCHED THEN DO NOTHING;
\c - kanto
GRANT INSERT ON grp TO priv_group;
\c - priv_other
MERGE INTO grp USING (VALUES (1)) s(x) ON grp.x = s.x WHEN NOT MATCHED THEN INSERT VALUES (s.x);
MERGE INTO grp USING (VALUES (1)) s(x) ON grp.x = s.x WHEN MATCHED THEN DELETE;
MERGE INTO grp USING (VALUES (2)) s(x) ON grp.x = s.x WHEN MATCHED THEN UPDATE SET x = 3 WHEN NOT MATCHED THEN INSERT VALUES (s.x);
SELECT x FROM grp ORDER BY x;
\c - kanto
REVOKE priv_group FROM priv_other;
\c - priv_other
SELECT count(*) FROM grp;
\c - kanto
DROP TABLE grp;
DROP ROLE priv_group;
DROP VIEW v;
DROP TABLE t;
DROP TABLE other;
DROP ROLE priv_user;
DROP ROLE priv_other;
