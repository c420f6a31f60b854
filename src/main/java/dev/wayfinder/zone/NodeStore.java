package dev.wayfinder.zone;

import java.util.Arrays;
import java.util.BitSet;
import org.xbill.DNS.Type;

/**
 * The names, node words and answer rows of a snapshot being built, or derived from an older one
 * (sharing its pages until it writes them; names it adds go to {@link AddedNames}).
 *
 * <p>A node word is {@code (first row + 1) << 1 | inZone}, or {@link #DEAD} for a name a derived
 * version removed (it answers as absent, and comes back to life when added again, so a name that
 * goes and returns costs no new entry); a name's rows form a chain, newest first (an asked name's,
 * oldest first: see {@link #addRow}). The caller keeps the first answer of a type ({@link #has}):
 * two services can only claim one name by a naming clash, which config validation reports.
 *
 * <p>An asked name's key is followed in the arena by a copy of its first row ({@link
 * AnswerRows#fillCopy}): the look-up that compared the key then answers from the same cache lines,
 * without reading the node word or the row. A derived store cannot write the shared pages, so it
 * marks the asked names whose rows it changed as {@link Built#patched}, and their copies are not
 * used until the next whole build.
 */
final class NodeStore {
  /** The node word of a removed name: no rows, not in the zone, and negative. */
  static final int DEAD = Integer.MIN_VALUE;

  private final NameTableBuilder newNames;
  private final NameTable fixedNames;

  /** A derived store's names beyond its base's whole build (copied from the base, then grown). */
  private final AddedNames.Builder addedNames;

  private final PagedInts nodes;
  private final AnswerRows.Builder rows;

  /**
   * A new store's rows of the names asked most ({@link #askedEntry}), kept apart while building and
   * placed before the others at {@link #finish}: the rows a run of questions reads then lie
   * together, without copying the rest.
   */
  private final AnswerRows.Builder askedRows;

  /** A new store's arena: each name's key, then its answers' tails, as the build writes them. */
  private final Arena.Builder bytes;

  /** The entries of a new store that clients ask for most ({@link #askedEntry}). */
  private final BitSet asked = new BitSet();

  /** A derived store's {@link Built#patched} (null until it changes an asked name's rows). */
  private PagedInts patched;

  /**
   * What a build made: everything a snapshot needs to answer. {@code patched}, a bit per asked name
   * in pages of int words ({@link #isPatched}), marks those whose row copy is stale (null: none
   * is). Paged, so a version that marks a few names copies a page or two, not all the bits.
   */
  record Built(NameTable names, int[][] nodes, AnswerRows rows, int[][] patched) {}

  /** True when {@code patched} (see {@link Built}) marks asked name {@code entry}. */
  static boolean isPatched(int[][] patched, int entry) {
    return (PagedInts.get(patched, entry >>> 5) & 1 << entry) != 0;
  }

  /** An empty store sized for about {@code expectedNames}; keys drop {@code suffixes}. */
  NodeStore(int expectedNames, byte[]... suffixes) {
    this.bytes = Arena.builder(Arena.PAGE_SIZE);
    this.newNames = new NameTableBuilder(expectedNames, bytes, AnswerRows.COPY_BYTES, suffixes);
    this.fixedNames = null;
    this.addedNames = null;
    this.nodes = new PagedInts();
    this.rows = new AnswerRows.Builder(bytes);
    this.askedRows = new AnswerRows.Builder(bytes);
  }

  /** A store over {@code base}'s names, sharing every page it does not write. */
  NodeStore(Built base) {
    this.newNames = null;
    this.fixedNames = base.names();
    this.nodes = new PagedInts(base.nodes(), base.names().size());
    this.rows = new AnswerRows.Builder(base.rows());
    this.askedRows = null;
    this.bytes = null;
    this.addedNames =
        new AddedNames.Builder(fixedNames.added(), fixedNames.suffixes(), rows.tails());
    this.patched = base.patched() == null ? null : new PagedInts(base.patched(), words(fixedNames));
  }

  /**
   * The entry of {@code name}, added when new (with no records), brought back when removed; a zone
   * name is in the zone however it came.
   */
  int entry(byte[] name, boolean inZone) {
    return entry(name, inZone, false);
  }

  /**
   * The entry of zone name {@code name}, one that clients ask for most (a service's own name, its
   * SRV owners, the apex): a new store numbers those names first at {@link #finish}, and keeps
   * their keys, answer rows and tails together, so the look-ups of a large zone read the part of
   * its arrays those names fill, not all of them. A derived store keeps its numbers, and numbers
   * the names it adds after them.
   */
  int askedEntry(byte[] name) {
    int before = nodes.size();
    int entry = entry(name, true, true);
    // A name made before (a parent of another service's name; another service's name, by a clash)
    // keeps its place: its key has no room for a row copy after it, and a chain lies in one store.
    if (newNames != null && entry == before) {
      asked.set(entry);
    }
    return entry;
  }

  private int entry(byte[] name, boolean inZone, boolean asked) {
    int entry = newNames != null ? newNames.intern(name, asked) : internDerived(name);
    if (entry == nodes.size()) {
      nodes.grow(1);
      nodes.set(entry, inZone ? 1 : 0);
      return entry;
    }
    int word = nodes.get(entry);
    if (word == DEAD) {
      nodes.set(entry, inZone ? 1 : 0);
      firstRowChanged(entry);
    } else if (inZone && (word & 1) == 0) {
      nodes.set(entry, word | 1);
    }
    return entry;
  }

  /** A derived store's entry of {@code name}, numbered after the others when new. */
  private int internDerived(byte[] name) {
    int entry = find(name);
    return entry >= 0 ? entry : fixedNames.baseSize() + addedNames.add(name);
  }

  /** The entry of {@code name}, removed or not, or -1. */
  private int find(byte[] name) {
    if (newNames != null) {
      return newNames.get(name);
    }
    int entry = fixedNames.getBase(name, name.length, rows.tails().pages());
    if (entry >= 0) {
      return entry;
    }
    int added = addedNames.get(name);
    return added < 0 ? -1 : fixedNames.baseSize() + added;
  }

  /** The entry of a name the store must already have, alive. */
  int existing(byte[] name) {
    int entry = live(name);
    if (entry < 0) {
      throw new IllegalStateException("no name " + Arrays.toString(name) + " in the zone");
    }
    return entry;
  }

  /** The entry of {@code name} when it is in the store and not removed, else -1. */
  int live(byte[] name) {
    int entry = find(name);
    return entry >= 0 && nodes.get(entry) != DEAD ? entry : -1;
  }

  /** True when {@code entry} has no answers (an empty non-terminal, or a name with no records). */
  boolean empty(int entry) {
    return nodes.get(entry) >>> 1 == 0;
  }

  /**
   * Removes name {@code entry} (a derived store's): it answers as absent until it is added again.
   */
  void remove(int entry) {
    nodes.set(entry, DEAD);
    firstRowChanged(entry);
  }

  /** Int words of {@link Built#patched} for the asked names of {@code names}. */
  private static int words(NameTable names) {
    return (names.asked() + 31) >>> 5;
  }

  /** The name of {@code entry} (a new store's), wire format. */
  byte[] name(int entry) {
    return newNames.name(entry);
  }

  /** The rows {@code entry}'s chain is in while building. */
  private AnswerRows.Builder rowsOf(int entry) {
    return askedRows != null && asked.get(entry) ? askedRows : rows;
  }

  /** True when {@code entry} already has an answer of {@code type}. */
  boolean has(int entry, int type) {
    AnswerRows.Builder rows = rowsOf(entry);
    for (int row = (nodes.get(entry) >>> 1) - 1; row >= 0; row = rows.next(row)) {
      if (rows.type(row) == type) {
        return true;
      }
    }
    return false;
  }

  /**
   * Appends the answer {@code tails} holds (its tails to the arena) to the chain of {@code entry}.
   */
  void addRow(int entry, int type, int ancount, int arcount, TailWriter tails) {
    AnswerRows.Builder rows = rowsOf(entry);
    tails.finish(rows.tails(), asked.get(entry));
    int word = nodes.get(entry);
    int head = (word >>> 1) - 1;
    // An asked name's rows are chained oldest first, so its A row (written first) is the one most
    // questions read, and the only one.
    boolean last = rows == askedRows && head >= 0;
    int row =
        rows.add(
            type,
            tails.variants(),
            tails.table,
            ancount,
            arcount,
            tails.ref,
            tails.length,
            tails.stride,
            last ? -1 : head);
    if (last) {
      int end = head;
      while (rows.next(end) >= 0) {
        end = rows.next(end);
      }
      rows.setNext(end, row);
    } else {
      nodes.set(entry, (row + 1) << 1 | (word & 1));
      firstRowChanged(entry);
    }
  }

  /** Keeps the row copy after an asked name's key its first row (or marks it stale). */
  private void firstRowChanged(int entry) {
    if (newNames != null) {
      if (asked.get(entry)) {
        askedRows.writeCopy((nodes.get(entry) >>> 1) - 1, newNames.afterKey(entry));
      }
    } else if (entry < fixedNames.asked()) {
      if (patched == null) {
        patched = new PagedInts();
        patched.grow(words(fixedNames));
      }
      patched.set(entry >>> 5, patched.get(entry >>> 5) | 1 << entry);
    }
  }

  /** Drops every answer of {@code entry}. */
  void clear(int entry) {
    nodes.set(entry, nodes.get(entry) & 1);
    firstRowChanged(entry);
  }

  /** Drops the health-dependent answers (A, AAAA, SRV) of {@code entry}, keeping the others. */
  void keepOnlyStatic(int entry) {
    AnswerRows.Builder rows = rowsOf(entry);
    int word = nodes.get(entry);
    int head = -1;
    for (int row = (word >>> 1) - 1; row >= 0; row = rows.next(row)) {
      int type = rows.type(row);
      if (type != Type.A && type != Type.AAAA && type != Type.SRV) {
        head = rows.copy(row, head);
      }
    }
    nodes.set(entry, (head + 1) << 1 | (word & 1));
    firstRowChanged(entry);
  }

  /** Drops the answer of {@code type} at {@code entry}, keeping the others. */
  void drop(int entry, int type) {
    AnswerRows.Builder rows = rowsOf(entry);
    int word = nodes.get(entry);
    int head = -1;
    for (int row = (word >>> 1) - 1; row >= 0; row = rows.next(row)) {
      if (rows.type(row) != type) {
        head = rows.copy(row, head);
      }
    }
    nodes.set(entry, (head + 1) << 1 | (word & 1));
    firstRowChanged(entry);
  }

  Built finish() {
    if (newNames == null) {
      AnswerRows built = rows.build();
      NameTable names =
          addedNames.count() == fixedNames.added().count()
              ? fixedNames
              : fixedNames.withAdded(addedNames.build(), built.arena());
      return new Built(names, nodes.freeze(), built, patched == null ? null : patched.freeze());
    }
    int size = nodes.size();
    int[] order = new int[size];
    int at = 0;
    for (int e = asked.nextSetBit(0); e >= 0 && e < size; e = asked.nextSetBit(e + 1)) {
      order[at++] = e;
    }
    for (int e = asked.nextClearBit(0); e < size; e = asked.nextClearBit(e + 1)) {
      order[at++] = e;
    }
    // The asked rows keep their numbers; the others' move up by the asked rows (padded).
    int shift = askedRows.padToJoin();
    rows.shiftNext(shift);
    PagedInts laidOut = new PagedInts();
    laidOut.grow(size);
    for (int e = 0; e < size; e++) {
      int old = order[e];
      int word = nodes.get(old);
      laidOut.set(e, asked.get(old) || word >>> 1 == 0 ? word : word + (shift << 1));
    }
    Arena built = bytes.build();
    return new Built(
        newNames.build(order, asked.cardinality(), built),
        laidOut.freeze(),
        AnswerRows.Builder.join(askedRows, rows, built),
        null);
  }
}
