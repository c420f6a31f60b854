package dev.wayfinder.zone;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An immutable open-addressing hash table from lower-case wire-format names to entry numbers
 * ({@code 0 .. size-1}, in insertion order): the lookup structure of the hot path. Keys live back
 * to back in an {@link Arena}, so a table of a million names is a handful of arrays rather than a
 * million objects, and a lookup allocates nothing: it hashes the query bytes, probes linearly, and
 * compares bytes. What a name holds is kept by entry number elsewhere ({@link ZoneSnapshot}), so
 * versions that only change answers share the table whole.
 */
final class NameTable {
  /** Slot value meaning "empty"; occupied slots hold entry number + 1. */
  private static final int EMPTY = 0;

  private final int[] slots;
  private final int[] hashes;
  private final int[] keyRefs;
  private final byte[] keyLengths;
  private final Arena keys;
  private final int size;

  private NameTable(
      int[] slots, int[] hashes, int[] keyRefs, byte[] keyLengths, Arena keys, int size) {
    this.slots = slots;
    this.hashes = hashes;
    this.keyRefs = keyRefs;
    this.keyLengths = keyLengths;
    this.keys = keys;
    this.size = size;
  }

  /** Number of names. */
  int size() {
    return size;
  }

  /** The entry of the name in {@code name[0, len)}, or -1. */
  int get(byte[] name, int len) {
    return probe(name, len, false, hash(name, len, false));
  }

  /**
   * The entry of the name made of the labels in {@code name[0, prefixLen)} followed by the root
   * label, or -1: looks up a name's ancestor-free prefix without copying it.
   */
  int getPrefix(byte[] name, int prefixLen) {
    return probe(name, prefixLen, true, hash(name, prefixLen, true));
  }

  /** The name of {@code entry}, wire format (a copy). */
  byte[] name(int entry) {
    int ref = keyRefs[entry];
    int at = Arena.position(ref);
    return Arrays.copyOfRange(keys.page(ref), at, at + (keyLengths[entry] & 0xff));
  }

  /** Every name (wire format), in insertion order; for the slow paths. */
  List<byte[]> names() {
    List<byte[]> out = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      out.add(name(i));
    }
    return out;
  }

  /** Bytes held by the table's arrays, for the memory figures. */
  long bytes() {
    return keys.bytes() + 4L * (slots.length + hashes.length + keyRefs.length) + keyLengths.length;
  }

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

  /** The entry number of the key, or -1. */
  private int probe(byte[] name, int len, boolean appendRoot, int hash) {
    int mask = slots.length - 1;
    int keyLen = appendRoot ? len + 1 : len;
    for (int i = hash & mask; ; i = (i + 1) & mask) {
      int entry = slots[i] - 1;
      if (entry < 0) {
        return -1;
      }
      if (hashes[entry] == hash && (keyLengths[entry] & 0xff) == keyLen) {
        int ref = keyRefs[entry];
        if (keyEquals(keys.page(ref), Arena.position(ref), name, len, appendRoot)) {
          return entry;
        }
      }
    }
  }

  /** The key at {@code page[at...]} is {@code name[0, len)}, plus the root label if asked. */
  private static boolean keyEquals(byte[] page, int at, byte[] name, int len, boolean appendRoot) {
    return Arrays.equals(page, at, at + len, name, 0, len) && (!appendRoot || page[at + len] == 0);
  }

  /** Accumulates names; {@link #build} trims everything into an immutable table. */
  static final class Builder {
    private int[] slots;
    private int[] hashes;
    private int[] keyRefs;
    private byte[] keyLengths;
    private final Arena.Builder keys = Arena.builder(Arena.PAGE_SIZE);
    private int size;

    /** A builder sized for about {@code expected} names (it grows past that). */
    Builder(int expected) {
      int capacity = Math.max(16, expected);
      slots = new int[tableSize(capacity)];
      hashes = new int[capacity];
      keyRefs = new int[capacity];
      keyLengths = new byte[capacity];
    }

    int size() {
      return size;
    }

    /** The entry of {@code name}, or -1. */
    int get(byte[] name) {
      int hash = hash(name, name.length, false);
      int mask = slots.length - 1;
      for (int i = hash & mask; ; i = (i + 1) & mask) {
        int entry = slots[i] - 1;
        if (entry < 0) {
          return -1;
        }
        int ref = keyRefs[entry];
        if (hashes[entry] == hash
            && (keyLengths[entry] & 0xff) == name.length
            && keyEquals(keys.page(ref), Arena.position(ref), name, name.length, false)) {
          return entry;
        }
      }
    }

    /** The name of {@code entry}, wire format (a copy). */
    byte[] name(int entry) {
      int ref = keyRefs[entry];
      int at = Arena.position(ref);
      return Arrays.copyOfRange(keys.page(ref), at, at + (keyLengths[entry] & 0xff));
    }

    /** Adds {@code name} (wire format, lower case, not yet in the table); returns its entry. */
    int add(byte[] name) {
      int hash = hash(name, name.length, false);
      if (size == hashes.length) {
        int grown = size * 2;
        hashes = Arrays.copyOf(hashes, grown);
        keyRefs = Arrays.copyOf(keyRefs, grown);
        keyLengths = Arrays.copyOf(keyLengths, grown);
      }
      hashes[size] = hash;
      keyRefs[size] = keys.append(name, name.length);
      keyLengths[size] = (byte) name.length;
      int entry = size++;
      if (tableSize(size) > slots.length) {
        rehash(tableSize(size));
      } else {
        insertSlot(slots, entry, hash);
      }
      return entry;
    }

    NameTable build() {
      if (tableSize(size) != slots.length) {
        rehash(tableSize(size));
      }
      return new NameTable(
          slots,
          Arrays.copyOf(hashes, size),
          Arrays.copyOf(keyRefs, size),
          Arrays.copyOf(keyLengths, size),
          keys.build(),
          size);
    }

    /** A power of two at least 1.5 times {@code names}: linear probing at most 2/3 full. */
    private static int tableSize(int names) {
      return Integer.highestOneBit(Math.max(8, names + (names >> 1)) - 1) << 1;
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
