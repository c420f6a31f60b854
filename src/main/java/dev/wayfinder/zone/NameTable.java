package dev.wayfinder.zone;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An immutable open-addressing hash table from lower-case wire-format names to entry numbers
 * ({@code 0 .. size-1}; a snapshot numbers the names clients ask most first, the others in
 * insertion order): the lookup structure of the hot path. What a name holds is kept by entry number
 * elsewhere ({@link ZoneSnapshot}), so versions that only change answers share the table whole, and
 * versions that add names share the whole build's arrays and keep the added names in {@link
 * AddedNames} (entries from {@link #baseSize} on). A removed name stays in the table; its node word
 * says it is gone.
 *
 * <p>Keys live back to back in an {@link Arena} (a snapshot's, beside its answers), so a table of a
 * million names is a handful of arrays rather than a million objects, and a lookup allocates
 * nothing: it finds the name's known suffix, hashes the rest, probes linearly, and compares bytes.
 * A key is stored without its suffix when it ends in one of the table's suffixes (the zone, {@code
 * in-addr.arpa}, {@code ip6.arpa}): almost every name does, and that suffix would otherwise be most
 * of the bytes. A slot holds the entry number and the top bits of the key's hash, so most
 * mismatches never read a key.
 */
final class NameTable {
  /** Slot value meaning "empty"; occupied slots hold entry number + 1 and a hash tag. */
  static final int EMPTY = 0;

  private static final int ENTRY_BITS = 24;
  static final int ENTRY_MASK = (1 << ENTRY_BITS) - 1;
  static final int TAG_MASK = ~ENTRY_MASK;

  /** Most names in one table (entry numbers share a slot with the hash tag). */
  static final int MAX_NAMES = ENTRY_MASK - 1;

  private final byte[][] suffixes;

  /**
   * The slots of the names numbered first (the names clients ask most, {@link
   * NodeStore#askedEntry}), looked in first: at 100,000 services 2 MB of slots against the others'
   * 8 MB, so the probe of a common question reads the smaller table; then the slots of the others.
   */
  private final int[] askedSlots;

  private final int[] slots;
  private final int[] keyRefs;
  private final short[] keyMeta;
  private final Arena keys;
  private final int size;
  private final int asked;

  /** Entries below this number are the whole build's; {@link #added} holds the later ones. */
  private final int baseSize;

  /** The names derived versions added after the whole build's (never null; often empty). */
  private final AddedNames added;

  NameTable(
      byte[][] suffixes,
      int[] askedSlots,
      int[] slots,
      int[] keyRefs,
      short[] keyMeta,
      Arena keys,
      int size,
      int asked) {
    this(suffixes, askedSlots, slots, keyRefs, keyMeta, keys, size, asked, AddedNames.NONE);
  }

  private NameTable(
      byte[][] suffixes,
      int[] askedSlots,
      int[] slots,
      int[] keyRefs,
      short[] keyMeta,
      Arena keys,
      int baseSize,
      int asked,
      AddedNames added) {
    this.suffixes = suffixes;
    this.askedSlots = askedSlots;
    this.slots = slots;
    this.keyRefs = keyRefs;
    this.keyMeta = keyMeta;
    this.keys = keys;
    this.baseSize = baseSize;
    this.size = baseSize + added.count();
    this.asked = asked;
    this.added = added;
  }

  /** This table with the names of {@code added} after its whole build's, over {@code keys}. */
  NameTable withAdded(AddedNames added, Arena keys) {
    return new NameTable(
        suffixes, askedSlots, slots, keyRefs, keyMeta, keys, baseSize, asked, added);
  }

  /** The names derived versions added so far (a derived version copies and extends them). */
  AddedNames added() {
    return added;
  }

  /** Number of entries of the whole build (the first added name's entry). */
  int baseSize() {
    return baseSize;
  }

  /** The suffixes keys are stored without. */
  byte[][] suffixes() {
    return suffixes;
  }

  /** Number of names. */
  int size() {
    return size;
  }

  /** Number of the names numbered first, those clients ask most (entries {@code 0 .. asked-1}). */
  int asked() {
    return asked;
  }

  /**
   * Where the bytes right after the key of {@code entry} are (an arena reference): an asked name's
   * key is followed by the bytes its builder reserved ({@link
   * NameTableBuilder#NameTableBuilder(int, Arena.Builder, int, byte[]...)}), in the key's cache
   * line or the next. The key arrays were just read by the look-up that found the entry, so this
   * reads nothing new.
   */
  int afterKey(int entry) {
    return keyRefs[entry] + (keyMeta[entry] & 0xff);
  }

  /** The entry of the name in {@code name[0, len)}, or -1. */
  int get(byte[] name, int len) {
    return find(name, len, false);
  }

  /**
   * The entry of the name made of the labels in {@code name[0, prefixLen)} followed by the root
   * label, or -1: looks up a name's ancestor-free prefix without copying it.
   */
  int getPrefix(byte[] name, int prefixLen) {
    return find(name, prefixLen, true);
  }

  private int find(byte[] name, int len, boolean appendRoot) {
    int hash = hash(name, len, appendRoot);
    byte[][] pages = keys.pages();
    int entry = probe(askedSlots, hash, keyRefs, keyMeta, pages, suffixes, name, len, appendRoot);
    if (entry >= 0) {
      return entry;
    }
    entry = probe(slots, hash, keyRefs, keyMeta, pages, suffixes, name, len, appendRoot);
    // Added names are probed last: only names missing from the whole build get this far.
    return entry >= 0 || added.count() == 0
        ? entry
        : added.find(hash, baseSize, pages, suffixes, name, len, appendRoot);
  }

  /** The entry of a name of the whole build, or -1, using {@code pages} for the keys. */
  int getBase(byte[] name, int len, byte[][] pages) {
    int hash = hash(name, len, false);
    int entry = probe(askedSlots, hash, keyRefs, keyMeta, pages, suffixes, name, len, false);
    return entry >= 0
        ? entry
        : probe(slots, hash, keyRefs, keyMeta, pages, suffixes, name, len, false);
  }

  /** The name of {@code entry}, wire format (a copy). */
  byte[] name(int entry) {
    if (entry >= baseSize) {
      return added.name(entry - baseSize, suffixes, keys);
    }
    return name(suffixes, keys.page(keyRefs[entry]), keyRefs[entry], keyMeta[entry]);
  }

  /** Every name (wire format), in insertion order; for the slow paths. */
  List<byte[]> names() {
    List<byte[]> out = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      out.add(name(i));
    }
    return out;
  }

  /** Bytes held by the table's arrays, for the memory figures (the keys are the arena's). */
  long bytes() {
    return 4L * (askedSlots.length + slots.length + keyRefs.length)
        + 2L * keyMeta.length
        + added.bytes();
  }

  static byte[] name(byte[][] suffixes, byte[] page, int ref, short meta) {
    int at = Arena.position(ref);
    int len = meta & 0xff;
    int id = meta >>> 8;
    if (id == 0) {
      return Arrays.copyOfRange(page, at, at + len);
    }
    byte[] suffix = suffixes[id - 1];
    byte[] out = new byte[len + suffix.length];
    System.arraycopy(page, at, out, 0, len);
    System.arraycopy(suffix, 0, out, len, suffix.length);
    return out;
  }

  /**
   * FNV-1a over the whole name's bytes, optionally followed by one zero byte (the root label), then
   * mixed so the low bits the table masks with depend on every byte. Over the whole name, suffix
   * included, so a lookup need not find the suffix first.
   */
  static int hash(byte[] name, int len, boolean appendRoot) {
    int h = fnv(FNV_OFFSET, name, 0, len);
    if (appendRoot) {
      h = h * FNV_PRIME;
    }
    return mix(h);
  }

  private static final int FNV_OFFSET = 0x811c9dc5;
  private static final int FNV_PRIME = 0x01000193;

  /** FNV-1a of {@code bytes[from, to)} continued from {@code h}. */
  private static int fnv(int h, byte[] bytes, int from, int to) {
    for (int i = from; i < to; i++) {
      h = (h ^ (bytes[i] & 0xff)) * FNV_PRIME;
    }
    return h;
  }

  private static int mix(int h) {
    return h ^ (h >>> 15) ^ (h >>> 7);
  }

  /**
   * The entry of the name {@code name[0, len)} (plus a root label when {@code appendRoot}), or -1.
   * Equal bytes mean the same name (labels are length-prefixed), so a key matches when its stored
   * part and its suffix together are the query's bytes.
   */
  static int probe(
      int[] slots,
      int hash,
      int[] keyRefs,
      short[] keyMeta,
      byte[][] pages,
      byte[][] suffixes,
      byte[] name,
      int len,
      boolean appendRoot) {
    int tag = hash & TAG_MASK;
    int total = appendRoot ? len + 1 : len;
    int mask = slots.length - 1;
    for (int i = hash & mask; ; i = (i + 1) & mask) {
      int slot = slots[i];
      if (slot == EMPTY) {
        return -1;
      }
      if ((slot & TAG_MASK) == tag) {
        int entry = (slot & ENTRY_MASK) - 1;
        int meta = keyMeta[entry];
        int id = meta >>> 8;
        byte[] suffix = id == 0 ? null : suffixes[id - 1];
        int stored = meta & 0xff;
        if (stored + (suffix == null ? 0 : suffix.length) == total) {
          int ref = keyRefs[entry];
          if (matches(
              pages[ref >>> Arena.PAGE_BITS], Arena.position(ref), stored, suffix, name, len)) {
            return entry;
          }
        }
      }
    }
  }

  /**
   * The key at {@code ref} with {@code meta} (see {@link #probe}) is the name {@code name[0, len)}
   * (plus a root label when {@code appendRoot}).
   */
  static boolean keyIs(
      int ref, int meta, byte[][] pages, byte[][] suffixes, byte[] name, int len, boolean root) {
    int id = meta >>> 8;
    byte[] suffix = id == 0 ? null : suffixes[id - 1];
    int stored = meta & 0xff;
    return stored + (suffix == null ? 0 : suffix.length) == (root ? len + 1 : len)
        && matches(pages[ref >>> Arena.PAGE_BITS], Arena.position(ref), stored, suffix, name, len);
  }

  /**
   * The key (its {@code stored} bytes at {@code page[at...]}, then {@code suffix}) equals {@code
   * name[0, len)} followed by a root label if the key is one byte longer.
   */
  private static boolean matches(
      byte[] page, int at, int stored, byte[] suffix, byte[] name, int len) {
    if (suffix == null) {
      return Arrays.equals(page, at, at + Math.min(stored, len), name, 0, Math.min(stored, len))
          && (stored == len || page[at + len] == 0);
    }
    if (stored > len || !Arrays.equals(page, at, at + stored, name, 0, stored)) {
      return false;
    }
    int rest = len - stored;
    return rest == suffix.length
        ? Arrays.equals(name, stored, len, suffix, 0, rest)
        : rest == suffix.length - 1 && Arrays.equals(name, stored, len, suffix, 0, rest);
  }

  /** A power of two at least 1.5 times {@code names}: linear probing at most 2/3 full. */
  static int tableSize(int names) {
    return Integer.highestOneBit(Math.max(8, names + (names >> 1)) - 1) << 1;
  }

  /** Puts {@code entry} (a number the slot's arrays index) in the first free slot of its hash. */
  static void insertSlot(int[] slots, int entry, int hash) {
    int mask = slots.length - 1;
    int i = hash & mask;
    while (slots[i] != EMPTY) {
      i = (i + 1) & mask;
    }
    slots[i] = (entry + 1) | (hash & TAG_MASK);
  }

  /** The key of a whole name: the length of the stored part, and the suffix id above it. */
  static int split(byte[] name, byte[][] suffixes) {
    for (int id = 1; id <= suffixes.length; id++) {
      int at = WireNames.suffixStart(name, name.length, suffixes[id - 1]);
      if (at >= 0) {
        return at | id << 8;
      }
    }
    return name.length | 0;
  }
}
