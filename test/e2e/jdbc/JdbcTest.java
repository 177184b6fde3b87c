// pgjdbc (Debian libpostgresql-jdbc-java) against `kanto serve`: statements, prepared statements
// past the server-prepare threshold (named statements, binary results), batches, transactions,
// SQLSTATEs, arrays and metadata. Run: java -cp /usr/share/java/postgresql.jar JdbcTest.java PORT
import java.math.BigDecimal;
import java.sql.*;

public class JdbcTest {
  static void check(boolean ok, String what) {
    if (!ok) throw new AssertionError(what);
  }

  public static void main(String[] args) throws Exception {
    String url = "jdbc:postgresql://127.0.0.1:" + args[0] + "/kanto?user=kanto";
    try (Connection c = DriverManager.getConnection(url)) {
      check(c.getMetaData().getDatabaseProductName().equals("PostgreSQL"), "product name");
      try (Statement s = c.createStatement()) {
        s.execute("DROP TABLE IF EXISTS jdbc_t");
        s.execute("CREATE TABLE jdbc_t (id int PRIMARY KEY, name text, price numeric(8,2), day date, big bigint, ok boolean)");
      }
      // a batch of inserts through one prepared statement
      try (PreparedStatement p = c.prepareStatement("INSERT INTO jdbc_t VALUES (?, ?, ?, ?, ?, ?)")) {
        for (int i = 1; i <= 20; i++) {
          p.setInt(1, i);
          p.setString(2, "name " + i);
          p.setBigDecimal(3, new BigDecimal(i + ".25"));
          p.setDate(4, Date.valueOf("2024-01-" + String.format("%02d", i)));
          p.setLong(5, 10_000_000_000L * i);
          p.setBoolean(6, i % 2 == 0);
          p.addBatch();
        }
        int[] counts = p.executeBatch();
        check(counts.length == 20, "batch count");
      }
      // executed 10 times: pgjdbc switches to a named server-side statement and binary results
      try (PreparedStatement p = c.prepareStatement("SELECT name, price, day, big, ok FROM jdbc_t WHERE id = ?")) {
        for (int round = 0; round < 10; round++) {
          int id = round + 1;
          p.setInt(1, id);
          try (ResultSet rs = p.executeQuery()) {
            check(rs.next(), "row " + id);
            check(rs.getString(1).equals("name " + id), "name");
            check(rs.getBigDecimal(2).compareTo(new BigDecimal(id + ".25")) == 0, "price " + rs.getBigDecimal(2));
            check(rs.getDate(3).toString().equals(String.format("2024-01-%02d", id)), "day " + rs.getDate(3));
            check(rs.getLong(4) == 10_000_000_000L * id, "big");
            check(rs.getBoolean(5) == (id % 2 == 0), "bool");
            check(!rs.next(), "one row");
          }
        }
      }
      // transactions
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        s.executeUpdate("DELETE FROM jdbc_t WHERE id > 10");
        c.rollback();
        try (ResultSet rs = s.executeQuery("SELECT count(*) FROM jdbc_t")) {
          rs.next();
          check(rs.getLong(1) == 20, "rollback");
        }
        s.executeUpdate("UPDATE jdbc_t SET name = 'changed' WHERE id = 1");
        c.commit();
      }
      c.setAutoCommit(true);
      // errors carry PostgreSQL's SQLSTATE
      try (Statement s = c.createStatement()) {
        s.executeUpdate("INSERT INTO jdbc_t (id) VALUES (1)");
        check(false, "duplicate key accepted");
      } catch (SQLException e) {
        check("23505".equals(e.getSQLState()), "sqlstate " + e.getSQLState());
      }
      // arrays
      try (PreparedStatement p = c.prepareStatement("SELECT ?::int[] || 4, array_agg(id ORDER BY id) FROM jdbc_t WHERE id <= 3")) {
        p.setArray(1, c.createArrayOf("int4", new Integer[] {1, 2, 3}));
        try (ResultSet rs = p.executeQuery()) {
          rs.next();
          Integer[] a = (Integer[]) rs.getArray(1).getArray();
          check(a.length == 4 && a[3] == 4, "array param");
          Integer[] b = (Integer[]) rs.getArray(2).getArray();
          check(b.length == 3 && b[0] == 1, "array_agg");
        }
      }
      // metadata: the table and its columns
      DatabaseMetaData md = c.getMetaData();
      try (ResultSet rs = md.getTables(null, "public", "jdbc_t", new String[] {"TABLE"})) {
        check(rs.next() && rs.getString("TABLE_NAME").equals("jdbc_t"), "getTables");
      }
      try (ResultSet rs = md.getColumns(null, "public", "jdbc_t", "%")) {
        int n = 0;
        while (rs.next()) n++;
        check(n == 6, "getColumns " + n);
      }
    }
    System.out.println("jdbc ok");
  }
}
