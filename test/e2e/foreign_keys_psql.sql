CREATE TABLE p (id int PRIMARY KEY, code text UNIQUE);
CREATE TABLE c (id int, pid int REFERENCES p ON DELETE CASCADE, pcode text, FOREIGN KEY (pcode) REFERENCES p (code) MATCH FULL DEFERRABLE INITIALLY DEFERRED);
CREATE TABLE s (id int PRIMARY KEY, parent int REFERENCES s ON DELETE SET NULL);
\d p
\d c
\d s
INSERT INTO p VALUES (1, 'a');
INSERT INTO c VALUES (1, 2, NULL);
INSERT INTO c VALUES (1, 1, NULL);
CREATE TABLE r (id int REFERENCES p ON DELETE RESTRICT);
INSERT INTO r VALUES (1);
DELETE FROM p;
CREATE TABLE full_ref (a int, b int, FOREIGN KEY (a, b) REFERENCES s (id, parent) MATCH FULL);
CREATE TABLE bad (a text REFERENCES p);
CREATE TABLE bad (a int REFERENCES p (code));
DROP TABLE p;
TRUNCATE p;
TRUNCATE p CASCADE;
DROP TABLE p CASCADE;
\d c
CREATE TABLE serials (id serial PRIMARY KEY, name varchar(20) NOT NULL, amount numeric(8,2), big bigint);
CREATE INDEX serials_name_idx ON serials (name);
CREATE UNIQUE INDEX serials_big_desc ON serials (big DESC);
CREATE SEQUENCE counter START 5 INCREMENT 2;
CREATE VIEW serial_names AS SELECT id, name FROM serials;
\d serials
\di
\ds
\dv
\d serials_id_seq
\d counter
\d serial_names
