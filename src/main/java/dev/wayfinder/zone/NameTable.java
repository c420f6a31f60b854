package dev.wayfinder.zone;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An immutable open-addressing hash table from lower-case wire-format names to {@link Node}s: the
 * lookup structure of the hot path. Keys live back to back in one byte arena, so a table of a
 * million names is a handful of arrays rather than a million objects, and a lookup allocates
 * nothing: it hashes the query bytes, probes linearly, and compares bytes.
 *
 * <p>Nodes are held in pages of {@link #PAGE} entries, so a version that replaces a few nodes
 * copies the page index and the pages it touches, not a reference per name of the zone: at a
 * million names that is about 20 KB per verdict change instead of 4 MB.
 */
final class NameTable {
  /** Slot value meaning "empty"; occupied slots hold entry index + 1. */
  private static final int EMPTY = 0;

  /** Nodes per page (a power of two): entry {@code e} is {@code pages[e >>> SHIFT][e & MASK]}. */
  private static final int SHIFT = 10;

  private static final int PAGE = 1 << SHIFT;
  private static final int MASK = PAGE - 1;

  private final int[] slots;
  private final int[] hashes;
  private final int[] starts;
  private final byte[] arena;
  private final Node[][] pages;
  private final int size;

  private NameTable(
      int[] slots, int[] hashes, int[] starts, byte[] arena, Node[][] pages, int size) {
    this.slots = slots;
    this.hashes = hashes;
    this.starts = starts;
    this.arena = arena;
    this.pages = pages;
    this.size = size;
  }

  /** Number of names. */
  int size() {
    return size;
  }

  /** The node of the name in {@code name[0, len)}, or {@code null}. */
  Node get(byte[] name, int len) {
    int entry = probe(slots, hashes, starts, arena, name, len, false, hash(name, len, false));
    return entry < 0 ? null : node(entry);
  }

  /**
   * The node of the name made of the labels in {@code name[0, prefixLen)} followed by the root
   * label, or {@code null}: looks up a name's ancestor-free prefix without copying it.
   */
  Node getPrefix(byte[] name, int prefixLen) {
    int entry =
        probe(slots, hashes, starts, arena, name, prefixLen, true, hash(name, prefixLen, true));
    return entry < 0 ? null : node(entry);
  }

  private Node node(int entry) {
    return pages[entry >>> SHIFT][entry & MASK];
  }

  /** Every name (wire format) and its node, in insertion order; for the slow paths. */
  List<Entry> entries() {
    List<Entry> out = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      out.add(new Entry(Arrays.copyOfRange(arena, starts[i], starts[i + 1]), node(i)));
    }
    return out;
  }

  /**
   * A table with the same names whose nodes at {@code replacements}' names are replaced: the keys,
   * hashes and slots are shared with this table (they are never written after build), only the node
   * page index and the touched pages are copied. That makes replacing one service's nodes in a zone
   * of a million names cost a few small array copies rather than a rebuild.
   *
   * @throws IllegalArgumentException when a name is not in this table
   */
  NameTable withNodes(List<Entry> replacements) {
    Node[][] copy = pages.clone();
    boolean[] copied = new boolean[pages.length];
    for (Entry r : replacements) {
      byte[] name = r.wireName();
      int entry =
          probe(
              slots,
              hashes,
              starts,
              arena,
              name,
              name.length,
              false,
              hash(name, name.length, false));
      if (entry < 0) {
        throw new IllegalArgumentException("no such name in the table");
      }
      int page = entry >>> SHIFT;
      if (!copied[page]) {
        copy[page] = copy[page].clone();
        copied[page] = true;
      }
      copy[page][entry & MASK] = r.node();
    }
    return new NameTable(slots, hashes, starts, arena, copy, size);
  }

  /** One name of the table. */
  record Entry(byte[] wireName, Node node) {}

  /**
   * FNV-1a over the bytes, optionally followed by one zero byte (the root label), then mixed so the
   * low bits the table masks with depend on every byte.
   */
  static int hash(byte[] name, int len, boolean appendRoot) {
    int h = 0x811c9dc5;
    for (int i = 0; i < len; i++) {
      h = (h ^ (name[i] & 0xff)) * 0x01000193;
    }
    if (appendRoot) {
      h = h * 0x01000193;
    }
    return h ^ (h >>> 15) ^ (h >>> 7);
  }

  /** The entry index of the key, or -1. */
  private static int probe(
      int[] slots,
      int[] hashes,
      int[] starts,
      byte[] arena,
      byte[] name,
      int len,
      boolean appendRoot,
      int hash) {
    int mask = slots.length - 1;
    int keyLen = appendRoot ? len + 1 : len;
    for (int i = hash & mask; ; i = (i + 1) & mask) {
      int entry = slots[i] - 1;
      if (entry < 0) {
        return -1;
      }
      int start = starts[entry];
      if (hashes[entry] == hash
          && starts[entry + 1] - start == keyLen
          && Arrays.equals(arena, start, start + len, name, 0, len)
          && (!appendRoot || arena[start + len] == 0)) {
        return entry;
      }
    }
  }

  /** Accumulates names and nodes; {@link #build} trims everything into an immutable table. */
  static final class Builder {
    private int[] slots = new int[64];
    private int[] hashes = new int[32];
    private int[] starts = new int[33];
    private byte[] arena = new byte[1024];
    private Node[] nodes = new Node[32];
    private int size;

    /** The node stored for {@code name}, or {@code null}. */
    Node get(byte[] name) {
      int hash = hash(name, name.length, false);
      int entry = probe(slots, hashes, starts, arena, name, name.length, false, hash);
      return entry < 0 ? null : nodes[entry];
    }

    /** Stores or replaces the node of {@code name} (wire format, lower case). */
    void put(byte[] name, Node node) {
      int hash = hash(name, name.length, false);
      int entry = probe(slots, hashes, starts, arena, name, name.length, false, hash);
      if (entry >= 0) {
        nodes[entry] = node;
        return;
      }
      append(name, node, hash);
      if (size * 2 > slots.length) {
        rehash(slots.length * 2);
      } else {
        insertSlot(slots, size - 1, hash);
      }
    }

    NameTable build() {
      int capacity = Integer.highestOneBit(Math.max(4, size * 2 - 1)) << 1;
      if (capacity != slots.length) {
        rehash(capacity);
      }
      return new NameTable(
          slots,
          Arrays.copyOf(hashes, size),
          Arrays.copyOf(starts, size + 1),
          Arrays.copyOf(arena, starts[size]),
          paged(nodes, size),
          size);
    }

    private static Node[][] paged(Node[] nodes, int size) {
      Node[][] pages = new Node[(size + MASK) >>> SHIFT][];
      for (int p = 0; p < pages.length; p++) {
        pages[p] = Arrays.copyOfRange(nodes, p << SHIFT, Math.min(size, (p + 1) << SHIFT));
      }
      return pages;
    }

    private void append(byte[] name, Node node, int hash) {
      if (size == hashes.length) {
        hashes = Arrays.copyOf(hashes, size * 2);
        starts = Arrays.copyOf(starts, size * 2 + 1);
        nodes = Arrays.copyOf(nodes, size * 2);
      }
      int start = starts[size];
      if (start + name.length > arena.length) {
        arena = Arrays.copyOf(arena, Math.max(arena.length * 2, start + name.length));
      }
      System.arraycopy(name, 0, arena, start, name.length);
      hashes[size] = hash;
      nodes[size] = node;
      starts[size + 1] = start + name.length;
      size++;
    }

    private void rehash(int capacity) {
      slots = new int[capacity];
      for (int entry = 0; entry < size; entry++) {
        insertSlot(slots, entry, hashes[entry]);
      }
    }

    private static void insertSlot(int[] slots, int entry, int hash) {
      int mask = slots.length - 1;
      int i = hash & mask;
      while (slots[i] != EMPTY) {
        i = (i + 1) & mask;
      }
      slots[i] = entry + 1;
    }
  }
}
