package dev.wayfinder.zone;

import dev.wayfinder.registry.Endpoint;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The endpoints of the service a {@link SnapshotBuilder} is adding, in arrays it reuses for every
 * service (short-lived objects per service would be garbage per service of a large build): each
 * endpoint's address bytes and whether it is answered, and the service's instance names ({@code
 * S-N}, or {@code H.S} shared by the endpoints with hostname H) with their entries and answered
 * endpoints, in config order.
 */
final class ServiceLayout {
  int count;
  Endpoint[] endpoints = new Endpoint[8];
  byte[][] addresses = new byte[8][];
  boolean[] answered = new boolean[8];

  /** Per endpoint: its instance, and the next answered endpoint of that instance (or -1). */
  int[] instanceOf = new int[8];

  int[] nextAnswered = new int[8];

  int instances;
  byte[][] instanceName = new byte[8][];
  int[] instanceEntry = new int[8];
  int[] firstAnswered = new int[8];
  int[] answeredCount = new int[8];

  /** Per instance: 1 + the index of the port whose SRV records already list it, or 0. */
  int[] listedFor = new int[8];

  private int[] lastAnswered = new int[8];
  private final Map<String, Integer> hosts = new HashMap<>();

  /**
   * Takes {@code endpoints} and marks the answered ones ({@code answerSet} is a subsequence of
   * them, in config order, as {@link AnswerSet} makes it; anything else is asked of the set).
   */
  void load(List<Endpoint> endpoints, List<Endpoint> answerSet) {
    int n = endpoints.size();
    if (n > this.endpoints.length) {
      grow(Math.max(n, this.endpoints.length * 2));
    }
    count = n;
    instances = 0;
    hosts.clear();
    // AnswerSet hands back the endpoint list itself when every endpoint is answered.
    boolean all = answerSet == endpoints;
    int next = 0;
    for (int i = 0; i < n; i++) {
      Endpoint e = endpoints.get(i);
      this.endpoints[i] = e;
      addresses[i] = e.address().getAddress();
      boolean isAnswered =
          all
              || next < answerSet.size()
                  && (answerSet.get(next) == e || answerSet.get(next).equals(e));
      answered[i] = isAnswered;
      if (isAnswered) {
        next++;
      }
    }
    if (next < answerSet.size()) {
      // Not a subsequence in config order after all: ask the set itself.
      for (int i = 0; i < n; i++) {
        answered[i] = answerSet.contains(this.endpoints[i]);
      }
    }
  }

  /** Adds an instance named {@code name} ({@code entry} -1 until its addresses are added). */
  int addInstance(byte[] name, int entry) {
    int in = instances++;
    instanceName[in] = name;
    instanceEntry[in] = entry;
    firstAnswered[in] = -1;
    lastAnswered[in] = -1;
    answeredCount[in] = 0;
    listedFor[in] = 0;
    return in;
  }

  /** The instance of hostname {@code host} (any case), or -1 when it has none yet. */
  int hostInstance(String host) {
    Integer in = hosts.get(host.toLowerCase(Locale.ROOT));
    return in == null ? -1 : in;
  }

  /** Adds the instance of hostname {@code host}. */
  int addHostInstance(String host, byte[] name) {
    int in = addInstance(name, -1);
    hosts.put(host.toLowerCase(Locale.ROOT), in);
    return in;
  }

  /**
   * Endpoint {@code i} belongs to instance {@code in}; appended to its answered ones if answered.
   */
  void assign(int i, int in) {
    instanceOf[i] = in;
    nextAnswered[i] = -1;
    if (answered[i]) {
      if (firstAnswered[in] < 0) {
        firstAnswered[in] = i;
      } else {
        nextAnswered[lastAnswered[in]] = i;
      }
      lastAnswered[in] = i;
      answeredCount[in]++;
    }
  }

  /** Drops the references to the last service's objects. */
  void clear() {
    Arrays.fill(endpoints, 0, count, null);
    Arrays.fill(addresses, 0, count, null);
    Arrays.fill(instanceName, 0, instances, null);
    hosts.clear();
  }

  private void grow(int size) {
    endpoints = Arrays.copyOf(endpoints, size);
    addresses = Arrays.copyOf(addresses, size);
    answered = Arrays.copyOf(answered, size);
    instanceOf = Arrays.copyOf(instanceOf, size);
    nextAnswered = Arrays.copyOf(nextAnswered, size);
    instanceName = Arrays.copyOf(instanceName, size);
    instanceEntry = Arrays.copyOf(instanceEntry, size);
    firstAnswered = Arrays.copyOf(firstAnswered, size);
    lastAnswered = Arrays.copyOf(lastAnswered, size);
    answeredCount = Arrays.copyOf(answeredCount, size);
    listedFor = Arrays.copyOf(listedFor, size);
  }
}
