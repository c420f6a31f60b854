package dev.wayfinder.zone;

import java.util.Arrays;

/**
 * Accumulates the names of a whole build for a {@link NameTable}; {@link #build} trims everything
 * into the immutable table.
 */
final class NameTableBuilder {
  private final byte[][] suffixes;
  private int[] slots;
  private int[] keyRefs;
  private short[] keyMeta;

  /**
   * Per entry, the name's {@link NameTable#hash}: the slots are laid out again without the keys.
   */
  private int[] hashes;

  private final Arena.Builder keys;

  /** Zero bytes appended after each asked key, for its owner to fill ({@link #afterKey}). */
  private final int reserve;

  private int size;

  /**
   * A builder sized for about {@code expected} names (it grows past that).
   *
   * @param suffixes the suffixes keys are stored without (wire format), most specific first
   */
  NameTableBuilder(int expected, byte[]... suffixes) {
    this(expected, Arena.builder(Arena.PAGE_SIZE), 0, suffixes);
  }

  /**
   * A builder that appends keys to {@code keys}: a snapshot's arena, so that each name's key lies
   * right before its answers' tails (one cache line, or two the hardware fetches as a pair, for the
   * key compare and the answer), each asked key followed by {@code reserve} zero bytes.
   */
  NameTableBuilder(int expected, Arena.Builder keys, int reserve, byte[]... suffixes) {
    this.keys = keys;
    this.reserve = reserve;
    this.suffixes = suffixes;
    int capacity = Math.max(16, expected);
    slots = new int[NameTable.tableSize(capacity)];
    keyRefs = new int[capacity];
    keyMeta = new short[capacity];
    hashes = new int[capacity];
  }

  int size() {
    return size;
  }

  /** The entry of {@code name}, or -1. */
  int get(byte[] name) {
    return NameTable.probe(
        slots,
        NameTable.hash(name, name.length, false),
        keyRefs,
        keyMeta,
        keys.pages(),
        suffixes,
        name,
        name.length,
        false);
  }

  /** The name of {@code entry}, wire format (a copy). */
  byte[] name(int entry) {
    return NameTable.name(suffixes, keys.page(keyRefs[entry]), keyRefs[entry], keyMeta[entry]);
  }

  /** The bytes reserved after the key of {@code entry}, interned as asked (an arena reference). */
  int afterKey(int entry) {
    return keyRefs[entry] + (keyMeta[entry] & 0xff);
  }

  /**
   * The entry of {@code name} (wire format, lower case), added as the next entry when it is new
   * (one hash and one probe either way; {@link #size} tells which happened).
   */
  int intern(byte[] name) {
    return intern(name, false);
  }

  /**
   * {@link #intern(byte[])}, the key stored with the names asked most, and followed by the reserved
   * bytes, when {@code asked} and new.
   */
  int intern(byte[] name, boolean asked) {
    int key = split(name);
    int len = key & 0xff;
    int hash = NameTable.hash(name, name.length, false);
    int mask = slots.length - 1;
    int i = hash & mask;
    for (int slot = slots[i]; slot != NameTable.EMPTY; slot = slots[i = (i + 1) & mask]) {
      // The tag first: most occupied slots are other names, and their keys are cache misses.
      if ((slot & NameTable.TAG_MASK) == (hash & NameTable.TAG_MASK)) {
        int entry = (slot & NameTable.ENTRY_MASK) - 1;
        int ref = keyRefs[entry];
        int at = Arena.position(ref);
        if (keyMeta[entry] == key && Arrays.equals(keys.page(ref), at, at + len, name, 0, len)) {
          return entry;
        }
      }
    }
    if (size == NameTable.MAX_NAMES) {
      throw new IllegalStateException("more than " + NameTable.MAX_NAMES + " names");
    }
    if (size == keyRefs.length) {
      keyRefs = Arrays.copyOf(keyRefs, size * 2);
      keyMeta = Arrays.copyOf(keyMeta, size * 2);
      hashes = Arrays.copyOf(hashes, size * 2);
    }
    keyRefs[size] = keys.append(name, 0, len, asked ? reserve : 0, asked);
    keyMeta[size] = (short) key;
    hashes[size] = hash;
    int entry = size++;
    if (NameTable.tableSize(size) > slots.length) {
      rehash(NameTable.tableSize(size));
    } else {
      slots[i] = (entry + 1) | (hash & NameTable.TAG_MASK);
    }
    return entry;
  }

  NameTable build() {
    if (NameTable.tableSize(size) != slots.length) {
      rehash(NameTable.tableSize(size));
    }
    return build(new int[1], slots, keys.build(), 0);
  }

  /**
   * The table with its entries renumbered: entry {@code e} is the name that was {@code order[e]},
   * so the names numbered first share the cache lines of the per-entry arrays. The first {@code
   * asked} of them get a slot table of their own, probed first.
   */
  NameTable build(int[] order, int asked, Arena built) {
    int[] refs = new int[size];
    short[] meta = new short[size];
    int[] askedSlots = new int[NameTable.tableSize(asked)];
    int[] rest = new int[NameTable.tableSize(size - asked)];
    for (int e = 0; e < size; e++) {
      int old = order[e];
      refs[e] = keyRefs[old];
      meta[e] = keyMeta[old];
      NameTable.insertSlot(e < asked ? askedSlots : rest, e, hashes[old]);
    }
    keyRefs = refs;
    keyMeta = meta;
    return build(askedSlots, rest, built, asked);
  }

  /** The table over {@code built}, the arena its keys were appended to. */
  private NameTable build(int[] askedSlots, int[] slots, Arena built, int asked) {
    // Arrays at most a 16th longer than needed (the estimate's usual slack) are kept as they are.
    boolean trim = keyRefs.length - size > size / 16;
    return new NameTable(
        suffixes,
        askedSlots,
        slots,
        trim ? Arrays.copyOf(keyRefs, size) : keyRefs,
        trim ? Arrays.copyOf(keyMeta, size) : keyMeta,
        built,
        size,
        asked);
  }

  private int split(byte[] name) {
    return NameTable.split(name, suffixes);
  }

  /** Slots of {@code capacity} for the names so far. */
  private void rehash(int capacity) {
    slots = new int[capacity];
    for (int entry = 0; entry < size; entry++) {
      NameTable.insertSlot(slots, entry, hashes[entry]);
    }
  }
}
