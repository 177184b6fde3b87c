-- Role membership and SET ROLE over real connections, one per role (\c - role): what each login
-- role is, may become and has, as PostgreSQL 15 answers. The superuser's name is not printed (it is
-- kanto on Kanto, postgres on PostgreSQL).
\set VERBOSITY terse
SELECT current_user AS super \gset
CREATE ROLE e2r_tenants NOLOGIN;
CREATE ROLE e2r_admins NOLOGIN;
CREATE ROLE e2r_alice LOGIN;
CREATE ROLE e2r_bob LOGIN NOINHERIT;
CREATE ROLE e2r_carol LOGIN;
GRANT e2r_tenants TO e2r_alice, e2r_bob;
GRANT e2r_admins TO e2r_carol WITH ADMIN OPTION;
GRANT e2r_tenants TO e2r_admins;
SELECT r.rolname AS role, m.rolname AS member, a.admin_option
  FROM pg_auth_members a JOIN pg_roles r ON r.oid = a.roleid JOIN pg_roles m ON m.oid = a.member
 WHERE r.rolname LIKE 'e2r\_%' ORDER BY 1, 2;
\c - e2r_alice
SELECT current_user, session_user, pg_has_role('e2r_tenants', 'USAGE') AS uses_tenants;
SET ROLE e2r_tenants;
SELECT current_user, session_user;
SET ROLE e2r_admins;
RESET ROLE;
GRANT e2r_tenants TO e2r_carol;
SET SESSION AUTHORIZATION e2r_bob;
SELECT current_user;
\c - e2r_bob
SELECT current_user, pg_has_role('e2r_tenants', 'MEMBER') AS member, pg_has_role('e2r_tenants', 'USAGE') AS uses;
BEGIN;
SET LOCAL ROLE e2r_tenants;
SELECT current_user;
COMMIT;
SELECT current_user;
\c - e2r_carol
SELECT pg_has_role('e2r_tenants', 'USAGE') AS through_admins, pg_has_role('e2r_admins', 'USAGE WITH ADMIN OPTION') AS admin;
GRANT e2r_admins TO e2r_bob;
SET ROLE e2r_tenants;
SELECT current_user, session_user;
RESET ROLE;
REVOKE e2r_admins FROM e2r_bob;
REVOKE e2r_admins FROM e2r_bob;
CREATE ROLE e2r_nope;
\c - e2r_bob
SELECT pg_has_role('e2r_admins', 'MEMBER') AS still_member;
\c - :super
DROP ROLE e2r_alice, e2r_bob, e2r_carol, e2r_admins, e2r_tenants;
