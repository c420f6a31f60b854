package dev.wayfinder.zone;

import java.util.Arrays;

/**
 * The names derived versions add after a whole build's {@link NameTable}: an open-addressing table
 * of their own, probed only after the whole build's slots miss, with their keys in the derived
 * versions' arena pages. Immutable; {@link Builder} copies the arrays (a few per added name, and
 * the count stays small: a version built whole starts again from none) and appends to the copy, so
 * an older version keeps its own.
 *
 * <p>Number {@code i} here is entry {@code baseSize + i} of the table.
 */
final class AddedNames {
  static final AddedNames NONE =
      new AddedNames(new int[8], new int[0], new short[0], new int[0], 0);

  private final int[] slots;
  private final int[] keyRefs;
  private final short[] keyMeta;

  /** Per added name, its {@link NameTable#hash}: the slots are laid out again when they grow. */
  private final int[] hashes;

  private final int count;

  private AddedNames(int[] slots, int[] keyRefs, short[] keyMeta, int[] hashes, int count) {
    this.slots = slots;
    this.keyRefs = keyRefs;
    this.keyMeta = keyMeta;
    this.hashes = hashes;
    this.count = count;
  }

  int count() {
    return count;
  }

  long bytes() {
    return 4L * (slots.length + keyRefs.length + hashes.length) + 2L * keyMeta.length;
  }

  /** The entry (offset by {@code baseSize}) of the name, or -1; see {@link NameTable#probe}. */
  int find(
      int hash,
      int baseSize,
      byte[][] pages,
      byte[][] suffixes,
      byte[] name,
      int len,
      boolean appendRoot) {
    int i = NameTable.probe(slots, hash, keyRefs, keyMeta, pages, suffixes, name, len, appendRoot);
    return i < 0 ? -1 : baseSize + i;
  }

  /** The name of added name {@code i}, wire format (a copy). */
  byte[] name(int i, byte[][] suffixes, Arena keys) {
    return NameTable.name(suffixes, keys.page(keyRefs[i]), keyRefs[i], keyMeta[i]);
  }

  /** Appends names to a copy of an {@link AddedNames}, their keys to a derived version's arena. */
  static final class Builder {
    private final byte[][] suffixes;
    private final Arena.Builder keys;
    private int[] slots;
    private int[] keyRefs;
    private short[] keyMeta;
    private int[] hashes;
    private int count;

    Builder(AddedNames from, byte[][] suffixes, Arena.Builder keys) {
      this.suffixes = suffixes;
      this.keys = keys;
      this.slots = from.slots.clone();
      int capacity = Math.max(16, from.count * 2);
      this.keyRefs = Arrays.copyOf(from.keyRefs, capacity);
      this.keyMeta = Arrays.copyOf(from.keyMeta, capacity);
      this.hashes = Arrays.copyOf(from.hashes, capacity);
      this.count = from.count;
    }

    int count() {
      return count;
    }

    /** The number of the added name {@code name} (wire format, lower case), or -1. */
    int get(byte[] name) {
      int hash = NameTable.hash(name, name.length, false);
      return NameTable.probe(
          slots, hash, keyRefs, keyMeta, keys.pages(), suffixes, name, name.length, false);
    }

    /** Adds {@code name} (not in the table yet); returns its number. */
    int add(byte[] name) {
      if (count == keyRefs.length) {
        keyRefs = Arrays.copyOf(keyRefs, count * 2);
        keyMeta = Arrays.copyOf(keyMeta, count * 2);
        hashes = Arrays.copyOf(hashes, count * 2);
      }
      int key = NameTable.split(name, suffixes);
      int hash = NameTable.hash(name, name.length, false);
      keyRefs[count] = keys.append(name, 0, key & 0xff, false);
      keyMeta[count] = (short) key;
      hashes[count] = hash;
      int added = count++;
      if (NameTable.tableSize(count) > slots.length) {
        slots = new int[NameTable.tableSize(count)];
        for (int i = 0; i < count; i++) {
          NameTable.insertSlot(slots, i, hashes[i]);
        }
      } else {
        NameTable.insertSlot(slots, added, hash);
      }
      return added;
    }

    AddedNames build() {
      return new AddedNames(slots, keyRefs, keyMeta, hashes, count);
    }
  }
}
