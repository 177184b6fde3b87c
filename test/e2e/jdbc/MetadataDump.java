// pgjdbc's DatabaseMetaData for the tools_schema.sql schema, printed row by row with every column
// (test/e2e/tools_jdbc.sh runs it against PostgreSQL 15 and `kanto serve` and compares the text).
// Masked, as storage-dependent: getIndexInfo's CARDINALITY and PAGES (statistics). getTypeInfo is
// printed for the built-in types an application declares columns with (PostgreSQL also lists a
// row type per table and hundreds of internal types).
// Run: java -cp /usr/share/java/postgresql.jar MetadataDump.java PORT kanto|postgresql [NOT_YET]
import java.sql.*;
import java.util.Set;

public class MetadataDump {
  static final String[] TABLES = {"authors", "books", "editions", "reviews"};
  // ("char" and jsonb are not asked.)
  static final Set<String> TYPES = Set.of("bool", "bytea", "int8", "int2", "int4", "text", "oid",
      "float4", "float8", "bpchar", "varchar", "date", "timestamp", "timestamptz", "interval",
      "numeric", "json", "_int4", "_text", "uuid", "_uuid", "time", "_time", "timetz", "_timetz");

  interface Call {
    ResultSet run() throws SQLException;
  }

  static Set<String> notYet = Set.of();
  static boolean onKanto;

  // A call named in NOT_YET (the second argument, comma-separated) must still fail on Kanto, and is
  // not run on PostgreSQL: both print "not yet" for it, so the outputs agree only while it fails.
  static void print(String call, Call c, Set<String> masked, Set<String> onlyTypes) throws SQLException {
    String name = call.replaceAll("\\(.*", "");
    if (notYet.contains(name)) {
      if (onKanto) {
        try {
          c.run().close();
          System.out.println("== " + call + ": works on Kanto now; take " + name + " out of the not-yet list");
          return;
        } catch (SQLException e) {
          // still missing
        }
      }
      System.out.println("== " + call + ": not yet");
      return;
    }
    ResultSet rs;
    try {
      rs = c.run();
    } catch (SQLException e) {
      System.out.println("== " + call + ": ERROR " + e.getSQLState() + " " + e.getMessage());
      return;
    }
    ResultSetMetaData md = rs.getMetaData();
    System.out.println("== " + call);
    while (rs.next()) {
      if (onlyTypes != null && !onlyTypes.contains(rs.getString("TYPE_NAME"))) continue;
      StringBuilder line = new StringBuilder();
      for (int i = 1; i <= md.getColumnCount(); i++) {
        String label = md.getColumnLabel(i);
        String v = masked.contains(label) ? "*" : rs.getString(i);
        line.append(i > 1 ? " | " : "").append(label).append('=').append(v);
      }
      System.out.println(line);
    }
    rs.close();
  }

  public static void main(String[] args) throws Exception {
    String url = "jdbc:postgresql://127.0.0.1:" + args[0] + "/kanto?user=kanto";
    onKanto = args[1].equals("kanto");
    if (args.length > 2) notYet = Set.of(args[2].split(","));
    try (Connection c = DriverManager.getConnection(url)) {
      DatabaseMetaData m = c.getMetaData();
      Set<String> none = Set.of();
      print("getSchemas", () -> m.getSchemas(), none, null);
      print("getTables(public)", () -> m.getTables(null, "public", "%", new String[] {"TABLE", "VIEW", "SEQUENCE", "INDEX"}), none, null);
      for (String t : TABLES) {
        print("getColumns(" + t + ")", () -> m.getColumns(null, "public", t, "%"), none, null);
        print("getPrimaryKeys(" + t + ")", () -> m.getPrimaryKeys(null, "public", t), none, null);
        print("getImportedKeys(" + t + ")", () -> m.getImportedKeys(null, "public", t), none, null);
        print("getExportedKeys(" + t + ")", () -> m.getExportedKeys(null, "public", t), none, null);
        print("getIndexInfo(" + t + ")", () -> m.getIndexInfo(null, "public", t, false, true), Set.of("CARDINALITY", "PAGES"), null);
      }
      print("getColumns(book_list)", () -> m.getColumns(null, "public", "book_list", "%"), none, null);
      print("getTypeInfo", () -> m.getTypeInfo(), none, TYPES);
    }
  }
}
