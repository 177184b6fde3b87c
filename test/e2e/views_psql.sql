-- Views as psql shows them: \sv (pg_get_viewdef(oid, true) as CREATE OR REPLACE VIEW), \sv+ with
-- line numbers, \d+ of a view (its columns and "View definition:"), \dv.
CREATE TABLE vp_t (a int PRIMARY KEY, b text NOT NULL, c numeric(10,2));
CREATE TABLE vp_u (a int REFERENCES vp_t, d date);
CREATE SCHEMA vp_s;
CREATE VIEW vp_simple AS SELECT a, b AS name FROM vp_t WHERE a > 1;
CREATE VIEW vp_join AS SELECT t.a, u.d, t.c * 2 AS c2 FROM vp_t t LEFT JOIN vp_u u ON u.a = t.a AND u.d > '2024-01-01';
CREATE VIEW vp_agg AS SELECT b, count(*) AS n, sum(c) FROM vp_t GROUP BY b HAVING count(*) > 1 ORDER BY 2 DESC;
CREATE VIEW vp_s.vp_case (kind, a) AS SELECT CASE WHEN a > 10 THEN 'big' ELSE 'small' END, a FROM vp_t
  WHERE EXISTS (SELECT 1 FROM vp_u WHERE vp_u.a = vp_t.a) UNION SELECT 'none', 0;
CREATE VIEW vp_on_view AS SELECT name FROM vp_simple WHERE name LIKE 'x%';
\sv vp_simple
\sv vp_join
\sv+ vp_agg
\sv vp_s.vp_case
\sv vp_on_view
\d+ vp_simple
\d+ vp_join
\d+ vp_s.vp_case
\d vp_agg
\dv
\sv vp_t
\sv no_such_view
