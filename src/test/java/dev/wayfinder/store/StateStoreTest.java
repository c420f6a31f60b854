package dev.wayfinder.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wayfinder.store.StoredState.EndpointKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store's tables read back what was written, across a close and a reopen. */
class StateStoreTest {
  @TempDir Path dir;

  @Test
  void writesAreReadBackAfterAReopen() throws Exception {
    Path data = dir.resolve("data").resolve("nested");
    try (StateStore s = StateStore.open(data)) {
      s.putService("cart", "{\"name\":\"cart\"}");
      s.putService("cart", "{\"name\":\"cart\",\"ttl\":5}");
      s.putService("bag", "{}");
      s.setDrained("web", "10.0.0.1", true);
      s.setDrained("web", "10.0.0.1", true);
      s.setDrained("web", "10.0.0.2", true);
      s.setDrained("web", "10.0.0.2", false);
      s.setMaintenance("db", true);
      s.setMaintenance("web", true);
      s.setMaintenance("web", false);
      s.setEndpointMaintenance("db", "fd00::1", true);
    }
    assertThat(data.resolve(StateStore.FILE_NAME)).isRegularFile();

    try (StateStore s = StateStore.open(data)) {
      StoredState state = s.load();
      assertThat(state.services())
          .containsExactlyInAnyOrderEntriesOf(
              java.util.Map.of("cart", "{\"name\":\"cart\",\"ttl\":5}", "bag", "{}"));
      assertThat(state.drains()).containsExactly(new EndpointKey("web", "10.0.0.1"));
      assertThat(state.maintenance()).containsExactly("db");
      assertThat(state.endpointMaintenance()).containsExactly(new EndpointKey("db", "fd00::1"));
      assertThat(state.noEndpointState()).isFalse();
    }
  }

  @Test
  void deletingAServiceForgetsItsDrainsAndMaintenance() throws Exception {
    try (StateStore s = StateStore.open(dir)) {
      s.putService("cart", "{}");
      s.setDrained("cart", "10.0.0.1", true);
      s.setMaintenance("cart", true);
      s.setEndpointMaintenance("cart", "10.0.0.1", true);
      s.setDrained("web", "10.0.0.1", true);

      s.deleteService("cart");

      StoredState state = s.load();
      assertThat(state.services()).isEmpty();
      assertThat(state.drains()).containsExactly(new EndpointKey("web", "10.0.0.1"));
      assertThat(state.maintenance()).isEmpty();
      assertThat(state.endpointMaintenance()).isEmpty();
    }
  }

  @Test
  void theDatabaseIsInWalModeWithFullSync() throws Exception {
    try (StateStore s = StateStore.open(dir)) {
      s.putService("cart", "{}");
      try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + s.file());
          Statement st = c.createStatement();
          ResultSet r = st.executeQuery("PRAGMA journal_mode")) {
        assertThat(r.next()).isTrue();
        assertThat(r.getString(1)).isEqualTo("wal");
      }
      assertThat(Files.exists(dir.resolve(StateStore.FILE_NAME + "-wal"))).isTrue();
    }
  }

  @Test
  void anEmptyStoreHasNothing() throws Exception {
    try (StateStore s = StateStore.open(dir)) {
      StoredState state = s.load();
      assertThat(state.services()).isEmpty();
      assertThat(state.noEndpointState()).isTrue();
    }
  }
}
