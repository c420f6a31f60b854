package dev.wayfinder.store;

import dev.wayfinder.store.StoredState.EndpointKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The node's durable state in SQLite: one connection, every method synchronized, so writes are
 * serialised and each returns only once committed ({@code journal_mode=WAL}, {@code
 * synchronous=FULL}: the commit is on disk). Callers must not call it from an event loop: a commit
 * waits for the disk.
 *
 * <p>Tables: {@code api_services(name, body)}, {@code drains(service, address)}, {@code
 * maintenance(service)}, {@code endpoint_maintenance(service, address)}.
 */
public final class StateStore implements StateWrites, AutoCloseable {
  /** The database file's name in {@code data_dir}. */
  public static final String FILE_NAME = "wayfinder.db";

  private static final String[] SCHEMA = {
    "CREATE TABLE IF NOT EXISTS api_services (name TEXT PRIMARY KEY, body TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS drains (service TEXT NOT NULL, address TEXT NOT NULL,"
        + " PRIMARY KEY (service, address))",
    "CREATE TABLE IF NOT EXISTS maintenance (service TEXT PRIMARY KEY)",
    "CREATE TABLE IF NOT EXISTS endpoint_maintenance (service TEXT NOT NULL,"
        + " address TEXT NOT NULL, PRIMARY KEY (service, address))",
  };

  private final Path file;
  private final Connection db;

  private StateStore(Path file, Connection db) {
    this.file = file;
    this.db = db;
  }

  /**
   * Opens (creating them when missing) {@code dataDir} and its database.
   *
   * @throws IOException when the directory or the database cannot be made or opened
   */
  public static StateStore open(Path dataDir) throws IOException {
    Path file = dataDir.resolve(FILE_NAME);
    try {
      Files.createDirectories(dataDir);
    } catch (IOException e) {
      throw new IOException("cannot open the state database " + file + ": " + e, e);
    }
    try {
      Connection db = DriverManager.getConnection("jdbc:sqlite:" + file);
      try (Statement s = db.createStatement()) {
        s.execute("PRAGMA journal_mode=WAL");
        s.execute("PRAGMA synchronous=FULL");
        s.execute("PRAGMA busy_timeout=5000");
        for (String ddl : SCHEMA) {
          s.execute(ddl);
        }
      } catch (SQLException e) {
        db.close();
        throw e;
      }
      return new StateStore(file, db);
    } catch (SQLException e) {
      throw new IOException("cannot open the state database " + file + ": " + e.getMessage(), e);
    }
  }

  public Path file() {
    return file;
  }

  /** Everything stored. */
  public synchronized StoredState load() throws IOException {
    try (Statement s = db.createStatement()) {
      Map<String, String> services = new LinkedHashMap<>();
      try (ResultSet r = s.executeQuery("SELECT name, body FROM api_services ORDER BY name")) {
        while (r.next()) {
          services.put(r.getString(1), r.getString(2));
        }
      }
      List<String> maintenance = new ArrayList<>();
      try (ResultSet r = s.executeQuery("SELECT service FROM maintenance ORDER BY service")) {
        while (r.next()) {
          maintenance.add(r.getString(1));
        }
      }
      return new StoredState(
          services, endpoints(s, "drains"), maintenance, endpoints(s, "endpoint_maintenance"));
    } catch (SQLException e) {
      throw failure("read", e);
    }
  }

  private static List<EndpointKey> endpoints(Statement s, String table) throws SQLException {
    List<EndpointKey> out = new ArrayList<>();
    try (ResultSet r =
        s.executeQuery("SELECT service, address FROM " + table + " ORDER BY service, address")) {
      while (r.next()) {
        out.add(new EndpointKey(r.getString(1), r.getString(2)));
      }
    }
    return out;
  }

  @Override
  public synchronized void putService(String name, String body) throws IOException {
    update("INSERT OR REPLACE INTO api_services (name, body) VALUES (?, ?)", name, body);
  }

  @Override
  public synchronized void deleteService(String name) throws IOException {
    try {
      db.setAutoCommit(false);
      try {
        for (String table :
            List.of("drains", "maintenance", "endpoint_maintenance", "api_services")) {
          String column = table.equals("api_services") ? "name" : "service";
          try (PreparedStatement p =
              db.prepareStatement("DELETE FROM " + table + " WHERE " + column + " = ?")) {
            p.setString(1, name);
            p.executeUpdate();
          }
        }
        db.commit();
      } catch (SQLException e) {
        db.rollback();
        throw e;
      } finally {
        db.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw failure("write", e);
    }
  }

  @Override
  public synchronized void setDrained(String service, String address, boolean on)
      throws IOException {
    endpointFlag("drains", service, address, on);
  }

  @Override
  public synchronized void setEndpointMaintenance(String service, String address, boolean on)
      throws IOException {
    endpointFlag("endpoint_maintenance", service, address, on);
  }

  @Override
  public synchronized void setMaintenance(String service, boolean on) throws IOException {
    update(
        on
            ? "INSERT OR IGNORE INTO maintenance (service) VALUES (?)"
            : "DELETE FROM maintenance WHERE service = ?",
        service);
  }

  private void endpointFlag(String table, String service, String address, boolean on)
      throws IOException {
    update(
        on
            ? "INSERT OR IGNORE INTO " + table + " (service, address) VALUES (?, ?)"
            : "DELETE FROM " + table + " WHERE service = ? AND address = ?",
        service,
        address);
  }

  /** One statement in autocommit mode: committed (on disk) when this returns. */
  private void update(String sql, String... args) throws IOException {
    try (PreparedStatement p = db.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        p.setString(i + 1, args[i]);
      }
      p.executeUpdate();
    } catch (SQLException e) {
      throw failure("write", e);
    }
  }

  private IOException failure(String what, SQLException e) {
    return new IOException("cannot " + what + " " + file + ": " + e.getMessage(), e);
  }

  @Override
  public synchronized void close() {
    try {
      db.close();
    } catch (SQLException e) {
      // closing: nothing is pending (every write committed when it returned)
    }
  }
}
