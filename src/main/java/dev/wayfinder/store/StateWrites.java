package dev.wayfinder.store;

import java.io.IOException;

/**
 * Where the admin API commits a change before it applies and answers it: the node's SQLite file
 * ({@link StateStore}) or, in cluster mode, etcd. A method returns once the change is durable
 * there; an {@link IOException} means it is not, and the API answers with the error.
 */
public interface StateWrites {

  /** Saves (adds or replaces) the API service {@code name} with its JSON {@code body}. */
  void putService(String name, String body) throws IOException;

  /** Forgets the API service {@code name} with its drains and maintenance. */
  void deleteService(String name) throws IOException;

  /** Records that an endpoint is drained ({@code on}) or no longer is. */
  void setDrained(String service, String address, boolean on) throws IOException;

  /** Records that one endpoint is in maintenance ({@code on}) or no longer is. */
  void setEndpointMaintenance(String service, String address, boolean on) throws IOException;

  /** Records that a whole service is in maintenance ({@code on}) or no longer is. */
  void setMaintenance(String service, boolean on) throws IOException;
}
