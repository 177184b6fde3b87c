-- Privileges beyond tables: sequences (nextval / currval / setval / lastval, a serial column's
-- default, ON ALL SEQUENCES IN SCHEMA), schemas (USAGE for lookups, CREATE for new objects),
-- columns (SELECT / INSERT / UPDATE / REFERENCES per column), ALTER DEFAULT PRIVILEGES, and the
-- catalogs, functions and psql commands (\dp, \z, \dn+, \ddp) that show them; each as a role
-- without, then with the privilege.
CREATE ROLE obj_user LOGIN;
CREATE ROLE obj_other LOGIN;
CREATE SCHEMA app;
CREATE SEQUENCE app.counter;
CREATE TABLE app.items (id serial PRIMARY KEY, name text, price int);
CREATE SEQUENCE loose START 10;
SELECT nspname, nspacl FROM pg_namespace WHERE nspname = 'app';
SELECT relname, relacl FROM pg_class WHERE relname IN ('counter', 'items_id_seq', 'loose') ORDER BY 1;
\c - obj_user
SELECT * FROM app.items;
SET search_path = app, public;
SELECT * FROM items;
SELECT current_schemas(false);
CREATE TABLE mine (a int);
CREATE TABLE app.mine (a int);
CREATE SEQUENCE app.mine_seq;
CREATE VIEW app.mine_view AS SELECT 1 AS one;
RESET search_path;
SELECT nextval('loose');
SELECT currval('loose');
SELECT setval('loose', 20);
SELECT has_schema_privilege('app', 'USAGE'), has_schema_privilege('app', 'CREATE'), has_sequence_privilege('loose', 'USAGE');
\c - kanto
GRANT USAGE ON SCHEMA app TO obj_user;
GRANT SELECT ON SEQUENCE loose TO obj_user;
SELECT nspname, nspacl FROM pg_namespace WHERE nspname = 'app';
\c - obj_user
SELECT * FROM app.items;
SELECT nextval('app.counter');
SELECT nextval('loose');
SELECT * FROM loose;
SELECT last_value FROM pg_sequences WHERE sequencename IN ('loose', 'counter') ORDER BY sequencename;
SET search_path = app, public;
SELECT current_schemas(false);
SELECT count(*) FROM items;
CREATE TABLE app.mine (a int);
RESET search_path;
SELECT has_schema_privilege('app', 'USAGE'), has_schema_privilege('app', 'CREATE'), has_schema_privilege('obj_user', 'app', 'USAGE WITH GRANT OPTION');
SELECT has_sequence_privilege('loose', 'SELECT'), has_sequence_privilege('loose', 'USAGE, UPDATE'), has_table_privilege('loose', 'SELECT');
\c - kanto
GRANT INSERT ON app.items TO obj_user;
GRANT USAGE ON SEQUENCE loose, app.counter TO obj_user;
GRANT CREATE ON SCHEMA app TO obj_user WITH GRANT OPTION;
SELECT relname, relacl FROM pg_class WHERE relname IN ('counter', 'items_id_seq', 'loose') ORDER BY 1;
\c - obj_user
SELECT nextval('loose');
SELECT currval('loose');
SELECT lastval();
SELECT setval('loose', 100);
INSERT INTO app.items (name, price) VALUES ('pen', 2);
INSERT INTO app.items (id, name, price) VALUES (50, 'ink', 3);
CREATE TABLE app.mine (a int);
CREATE SEQUENCE app.mine_seq;
GRANT USAGE ON SCHEMA app TO obj_other;
GRANT CREATE ON SCHEMA app TO obj_other;
SELECT nspname, nspacl FROM pg_namespace WHERE nspname = 'app';
DROP TABLE app.mine;
DROP SEQUENCE app.mine_seq;
\c - kanto
GRANT USAGE, SELECT ON SEQUENCE app.items_id_seq TO obj_user;
GRANT UPDATE ON loose TO obj_user;
GRANT SELECT, INSERT ON loose TO obj_user;
GRANT ALL ON SEQUENCE app.counter TO obj_other;
GRANT SELECT ON ALL SEQUENCES IN SCHEMA app TO obj_other;
GRANT INSERT ON SEQUENCE loose TO obj_user;
GRANT CREATE ON SEQUENCE loose TO obj_user;
GRANT SELECT ON SEQUENCE app.items TO obj_user;
GRANT SELECT ON SCHEMA app TO obj_user;
GRANT USAGE ON SCHEMA no_such TO obj_user;
GRANT SELECT ON ALL SEQUENCES IN SCHEMA no_such TO obj_user;
GRANT SELECT (name) ON SEQUENCE loose TO obj_user;
SELECT relname, relacl FROM pg_class WHERE relname IN ('counter', 'items_id_seq', 'loose') ORDER BY 1;
\c - obj_user
INSERT INTO app.items (name, price) VALUES ('cap', 1) RETURNING id;
SELECT setval('loose', 100);
\c - kanto
REVOKE ALL ON SEQUENCE loose FROM obj_user;
REVOKE USAGE ON SCHEMA app FROM obj_user;
REVOKE CREATE ON SCHEMA app FROM obj_user;
REVOKE CREATE ON SCHEMA app FROM obj_user CASCADE;
SELECT nspname, nspacl FROM pg_namespace WHERE nspname = 'app';
SELECT relname, relacl FROM pg_class WHERE relname IN ('counter', 'items_id_seq', 'loose') ORDER BY 1;
\c - obj_user
SELECT nextval('loose');
SELECT count(*) FROM app.items;
\c - kanto
-- The public schema: USAGE for PUBLIC, CREATE only for its owner (PostgreSQL 15).
\c - obj_user
CREATE TABLE public.mine (a int);
\c - kanto
GRANT CREATE ON SCHEMA public TO obj_user;
\c - obj_user
CREATE TABLE mine (a int);
DROP TABLE mine;
\c - kanto
REVOKE CREATE ON SCHEMA public FROM obj_user;
-- Default privileges: what new tables and sequences start with.
ALTER DEFAULT PRIVILEGES GRANT SELECT ON TABLES TO obj_user;
ALTER DEFAULT PRIVILEGES IN SCHEMA app GRANT INSERT ON TABLES TO obj_user;
ALTER DEFAULT PRIVILEGES IN SCHEMA app GRANT USAGE ON SEQUENCES TO obj_user WITH GRANT OPTION;
ALTER DEFAULT PRIVILEGES FOR ROLE obj_other REVOKE ALL ON TABLES FROM obj_other;
ALTER DEFAULT PRIVILEGES GRANT USAGE ON TABLES TO obj_user;
ALTER DEFAULT PRIVILEGES GRANT DELETE ON SEQUENCES TO obj_user;
ALTER DEFAULT PRIVILEGES IN SCHEMA no_such GRANT SELECT ON TABLES TO obj_user;
ALTER DEFAULT PRIVILEGES FOR ROLE no_such GRANT SELECT ON TABLES TO obj_user;
ALTER DEFAULT PRIVILEGES GRANT SELECT ON TABLES TO PUBLIC WITH GRANT OPTION;
SELECT pg_get_userbyid(defaclrole), defaclnamespace::regnamespace, defaclobjtype, defaclacl FROM pg_default_acl ORDER BY 1, 2, 3;
\ddp
CREATE TABLE app.fresh (id serial, v text);
CREATE TABLE plain (a int);
SELECT relname, relacl FROM pg_class WHERE relname IN ('fresh', 'fresh_id_seq', 'plain') ORDER BY 1;
\c - obj_user
ALTER DEFAULT PRIVILEGES FOR ROLE obj_other GRANT SELECT ON TABLES TO obj_user;
ALTER DEFAULT PRIVILEGES GRANT SELECT ON TABLES TO obj_other;
\c - kanto
ALTER DEFAULT PRIVILEGES REVOKE SELECT ON TABLES FROM obj_user;
ALTER DEFAULT PRIVILEGES IN SCHEMA app REVOKE INSERT ON TABLES FROM obj_user;
ALTER DEFAULT PRIVILEGES IN SCHEMA app REVOKE ALL ON SEQUENCES FROM obj_user;
ALTER DEFAULT PRIVILEGES FOR ROLE obj_other GRANT ALL ON TABLES TO obj_other;
ALTER DEFAULT PRIVILEGES FOR ROLE obj_user REVOKE ALL ON TABLES FROM obj_other;
SELECT pg_get_userbyid(defaclrole), defaclnamespace::regnamespace, defaclobjtype, defaclacl FROM pg_default_acl ORDER BY 1, 2, 3;
\dp app.*
\z loose
\dn+ app
DROP TABLE plain;
DROP TABLE app.fresh, app.items;
DROP SEQUENCE app.counter;
DROP SCHEMA app;
DROP SEQUENCE loose;
DROP ROLE obj_user;
DROP ROLE obj_other;
