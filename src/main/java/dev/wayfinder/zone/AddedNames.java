package dev.wayfinder.zone;

/**
 * The names derived versions add after a whole build's {@link NameTable}: an open-addressing table
 * of their own, probed only after the whole build's slots miss, with their keys in the derived
 * versions' arena pages. Immutable; its arrays are paged ({@link PagedInts}), so {@link Builder}
 * copies only the pages it writes and a version that adds a few names shares the rest with the one
 * it came from.
 *
 * <p>Number {@code i} here is entry {@code baseSize + i} of the table.
 */
final class AddedNames {
  private static final int[][] EMPTY = new int[0][];

  static final AddedNames NONE = new AddedNames(slots(8).freeze(), 8, EMPTY, EMPTY, EMPTY, 0);

  /**
   * Slots as {@link NameTable}'s ({@code number + 1} and a hash tag), {@code slotCount} of them.
   */
  private final int[][] slots;

  private final int slotCount;

  /** Per added name: where its key is, its key's meta (see {@link NameTable}), its hash. */
  private final int[][] keyRefs;

  private final int[][] keyMeta;
  private final int[][] hashes;
  private final int count;

  private AddedNames(
      int[][] slots, int slotCount, int[][] keyRefs, int[][] keyMeta, int[][] hashes, int count) {
    this.slots = slots;
    this.slotCount = slotCount;
    this.keyRefs = keyRefs;
    this.keyMeta = keyMeta;
    this.hashes = hashes;
    this.count = count;
  }

  private static PagedInts slots(int count) {
    PagedInts slots = new PagedInts();
    slots.grow(count);
    return slots;
  }

  int count() {
    return count;
  }

  long bytes() {
    return 4L * slotCount + 12L * count;
  }

  /** The entry (offset by {@code baseSize}) of the name, or -1. */
  int find(
      int hash,
      int baseSize,
      byte[][] pages,
      byte[][] suffixes,
      byte[] name,
      int len,
      boolean appendRoot) {
    int i = probe(slots, slotCount, keyRefs, keyMeta, hash, pages, suffixes, name, len, appendRoot);
    return i < 0 ? -1 : baseSize + i;
  }

  private static int probe(
      int[][] slots,
      int slotCount,
      int[][] keyRefs,
      int[][] keyMeta,
      int hash,
      byte[][] pages,
      byte[][] suffixes,
      byte[] name,
      int len,
      boolean appendRoot) {
    int tag = hash & NameTable.TAG_MASK;
    int mask = slotCount - 1;
    for (int i = hash & mask; ; i = (i + 1) & mask) {
      int slot = PagedInts.get(slots, i);
      if (slot == NameTable.EMPTY) {
        return -1;
      }
      int n = (slot & NameTable.ENTRY_MASK) - 1;
      if ((slot & NameTable.TAG_MASK) == tag
          && NameTable.keyIs(
              PagedInts.get(keyRefs, n),
              PagedInts.get(keyMeta, n),
              pages,
              suffixes,
              name,
              len,
              appendRoot)) {
        return n;
      }
    }
  }

  /** The name of added name {@code i}, wire format (a copy). */
  byte[] name(int i, byte[][] suffixes, Arena keys) {
    int ref = PagedInts.get(keyRefs, i);
    return NameTable.name(suffixes, keys.page(ref), ref, (short) PagedInts.get(keyMeta, i));
  }

  /** Appends names to an {@link AddedNames}' pages, their keys to a derived version's arena. */
  static final class Builder {
    private final byte[][] suffixes;
    private final Arena.Builder keys;
    private PagedInts slots;
    private int slotCount;
    private final PagedInts keyRefs;
    private final PagedInts keyMeta;
    private final PagedInts hashes;

    Builder(AddedNames from, byte[][] suffixes, Arena.Builder keys) {
      this.suffixes = suffixes;
      this.keys = keys;
      this.slots = new PagedInts(from.slots, from.slotCount);
      this.slotCount = from.slotCount;
      this.keyRefs = new PagedInts(from.keyRefs, from.count);
      this.keyMeta = new PagedInts(from.keyMeta, from.count);
      this.hashes = new PagedInts(from.hashes, from.count);
    }

    int count() {
      return keyRefs.size();
    }

    /** The number of the added name {@code name} (wire format, lower case), or -1. */
    int get(byte[] name) {
      return probe(
          slots.pagesView(),
          slotCount,
          keyRefs.pagesView(),
          keyMeta.pagesView(),
          NameTable.hash(name, name.length, false),
          keys.pages(),
          suffixes,
          name,
          name.length,
          false);
    }

    /** Adds {@code name} (not in the table yet); returns its number. */
    int add(byte[] name) {
      int key = NameTable.split(name, suffixes);
      int hash = NameTable.hash(name, name.length, false);
      int added = keyRefs.grow(1);
      keyMeta.grow(1);
      hashes.grow(1);
      keyRefs.set(added, keys.append(name, 0, key & 0xff, false));
      keyMeta.set(added, (short) key);
      hashes.set(added, hash);
      if (NameTable.tableSize(added + 1) > slotCount) {
        slotCount = NameTable.tableSize(added + 1);
        slots = slots(slotCount);
        for (int i = 0; i <= added; i++) {
          insert(i, hashes.get(i));
        }
      } else {
        insert(added, hash);
      }
      return added;
    }

    private void insert(int n, int hash) {
      int mask = slotCount - 1;
      int i = hash & mask;
      while (slots.get(i) != NameTable.EMPTY) {
        i = (i + 1) & mask;
      }
      slots.set(i, (n + 1) | (hash & NameTable.TAG_MASK));
    }

    AddedNames build() {
      return new AddedNames(
          slots.freeze(),
          slotCount,
          keyRefs.freeze(),
          keyMeta.freeze(),
          hashes.freeze(),
          keyRefs.size());
    }
  }
}
