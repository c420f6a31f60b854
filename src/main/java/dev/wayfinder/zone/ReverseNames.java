package dev.wayfinder.zone;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.xbill.DNS.Type;

/**
 * The reverse names of a full build (RFC 1035 3.5, RFC 3596 2.5). The first endpoint to claim an
 * address writes its PTR answer at once, from the target name it already holds; an address that
 * later endpoints of other instances claim too (rare: a zone of 100,000 services has 400,000
 * addresses, nearly all of one endpoint) gets its answer written again by {@link #addMoreTargets}
 * once every claimant is known, with each target once, in every rotation. Gathered as entry numbers
 * in int arrays, not as objects per address.
 */
final class ReverseNames {
  private final NodeStore store;

  /** Per entry: the first target's entry + 1 (0 = not claimed), and the first claimant's TTL. */
  private int[] firstTarget;

  private int[] ttl;

  /** The owner names {@link #claim} makes, each dropped before the next claim. */
  private final NameScratch scratch = new NameScratch();

  /** The further targets of an address several instances share, by entry, in order claimed. */
  private final Map<Integer, IntList> moreTargets = new LinkedHashMap<>();

  /** Sized for about {@code expectedNames} entries (it grows past that). */
  ReverseNames(NodeStore store, int expectedNames) {
    this.store = store;
    this.firstTarget = new int[Math.max(16, expectedNames)];
    this.ttl = new int[firstTarget.length];
  }

  /**
   * The reverse name of {@code address} exists (outside the zone unless it is also a zone name) and
   * points at the instance name {@code targetName} (entry {@code target}); the first claimant's TTL
   * counts.
   */
  void claim(byte[] address, int target, byte[] targetName, long ttl, TailWriter tails) {
    byte[] owner = WireNames.reverse(address, scratch);
    int entry = store.entry(owner, false);
    if (entry >= firstTarget.length) {
      int size = Math.max(entry + 1, firstTarget.length * 2);
      firstTarget = Arrays.copyOf(firstTarget, size);
      this.ttl = Arrays.copyOf(this.ttl, size);
    }
    if (firstTarget[entry] == 0) {
      firstTarget[entry] = target + 1;
      this.ttl[entry] = (int) ttl;
      if (!store.has(entry, Type.PTR)) {
        tails.begin(owner);
        tails.variant();
        tails.ptr(ttl, targetName);
        store.addRow(entry, Type.PTR, 1, 0, tails);
      }
    } else if (firstTarget[entry] != target + 1) {
      IntList more = moreTargets.computeIfAbsent(entry, k -> new IntList());
      if (!more.contains(target)) {
        more.add(target);
      }
    }
  }

  /** The PTR answers of the names several instances claimed, replacing their first ones. */
  void addMoreTargets(TailWriter tails) {
    for (Map.Entry<Integer, IntList> e : moreTargets.entrySet()) {
      int entry = e.getKey();
      IntList more = e.getValue();
      List<byte[]> targets = new ArrayList<>(1 + more.size());
      targets.add(store.name(firstTarget[entry] - 1));
      for (int i = 0; i < more.size(); i++) {
        targets.add(store.name(more.get(i)));
      }
      store.drop(entry, Type.PTR);
      writePtr(store, tails, entry, store.name(entry), targets, ttl[entry]);
    }
  }

  /**
   * Adds the PTR answer of reverse name {@code entry} ({@code owner}) to {@code targets}: one
   * record, or each target once in every rotation when several instances share the address.
   */
  static void writePtr(
      NodeStore store, TailWriter tails, int entry, byte[] owner, List<byte[]> targets, long ttl) {
    tails.begin(owner);
    if (targets.size() == 1) {
      tails.variant();
      tails.ptr(ttl, targets.get(0));
      store.addRow(entry, Type.PTR, 1, 0, tails);
      return;
    }
    List<List<byte[]>> orders =
        Rotations.of(targets, x -> 1, 0, () -> WireNames.dnsjavaHash(owner));
    for (List<byte[]> order : orders) {
      tails.variant();
      order.forEach(t -> tails.ptr(ttl, t));
    }
    store.addRow(entry, Type.PTR, orders.get(0).size(), 0, tails);
  }
}
