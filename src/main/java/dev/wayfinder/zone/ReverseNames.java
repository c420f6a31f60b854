package dev.wayfinder.zone;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.xbill.DNS.Type;

/**
 * The reverse names of a full build (RFC 1035 3.5, RFC 3596 2.5): each endpoint address claims its
 * name while services are added, and {@link #addAll} writes the PTR answers once every claimant is
 * known. Gathered as entry numbers in int arrays, not as objects per address: a zone of 100,000
 * services has 400,000 of them.
 */
final class ReverseNames {
  private final NodeStore store;

  /** The reverse entries in the order first claimed. */
  private final IntList entries = new IntList();

  /** Per entry: the first target's entry + 1 (0 = not claimed), and the first claimant's TTL. */
  private int[] firstTarget = new int[0];

  private int[] ttl = new int[0];

  /** The rare further targets of an address several endpoints share. */
  private final Map<Integer, IntList> moreTargets = new HashMap<>();

  ReverseNames(NodeStore store) {
    this.store = store;
  }

  /**
   * The reverse name of {@code address} exists (outside the zone unless it is also a zone name) and
   * points at the instance name {@code target}; the first claimant's TTL counts.
   */
  void claim(byte[] address, int target, long ttl) {
    int entry = store.entry(WireNames.reverse(address), false);
    if (entry >= firstTarget.length) {
      int size = Math.max(entry + 1, firstTarget.length * 2);
      firstTarget = Arrays.copyOf(firstTarget, size);
      this.ttl = Arrays.copyOf(this.ttl, size);
    }
    if (firstTarget[entry] == 0) {
      entries.add(entry);
      firstTarget[entry] = target + 1;
      this.ttl[entry] = (int) ttl;
    } else if (firstTarget[entry] != target + 1) {
      IntList more = moreTargets.computeIfAbsent(entry, k -> new IntList());
      if (!more.contains(target)) {
        more.add(target);
      }
    }
  }

  /** The PTR answers of every claimed name, each target once, in every rotation. */
  void addAll(TailWriter tails) {
    for (int i = 0; i < entries.size(); i++) {
      add(entries.get(i), tails);
    }
  }

  private void add(int entry, TailWriter tails) {
    if (store.has(entry, Type.PTR)) {
      return;
    }
    List<byte[]> targets = new ArrayList<>(1);
    targets.add(store.name(firstTarget[entry] - 1));
    IntList more = moreTargets.get(entry);
    for (int i = 0; more != null && i < more.size(); i++) {
      targets.add(store.name(more.get(i)));
    }
    byte[] owner = store.name(entry);
    List<List<byte[]>> orders =
        Rotations.of(targets, x -> 1, 0, () -> WireNames.dnsjavaHash(owner));
    tails.begin(owner);
    for (List<byte[]> order : orders) {
      tails.variant();
      order.forEach(t -> tails.ptr(ttl[entry], t));
    }
    store.addRow(entry, Type.PTR, orders.get(0).size(), 0, tails);
  }
}
