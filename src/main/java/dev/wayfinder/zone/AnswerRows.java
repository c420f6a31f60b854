package dev.wayfinder.zone;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The positive answers of a snapshot as rows of flat int pages (no object per answer): each row
 * holds the record type, the counts, where its tails are in the {@link Arena}, and the next row of
 * the same name (a name's answers form a short chain). Every row is NOERROR and authoritative; the
 * negative answers are the snapshot's own.
 */
final class AnswerRows {
  private static final int WIDTH = 5;
  private static final int HEAD = 0;
  private static final int COUNTS = 1;
  private static final int REF = 2;
  private static final int LENGTH = 3;
  private static final int NEXT = 4;

  /** HEAD bits: type (16), variants - 1 (8), and whether the tails are reached by a table. */
  private static final int TABLE = 1 << 24;

  /**
   * HEAD bit: the variants are windows one stride apart ({@link TailWriter#rotations}), and LENGTH
   * holds the stride above the length (both under 2^16 there).
   */
  private static final int STRIDED = 1 << 25;

  /**
   * Bytes of a row's copy kept beside its name's key ({@link #fillCopy}): the row without its next
   * link.
   */
  static final int COPY_BYTES = 4 * NEXT;

  private static final VarHandle INT =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.nativeOrder());

  private final int[][] pages;
  private final int size;
  private final Arena tails;

  private AnswerRows(int[][] pages, int size, Arena tails) {
    this.pages = pages;
    this.size = size;
    this.tails = tails;
  }

  /** The record type of {@code row}. */
  int type(int row) {
    return field(row, HEAD) & 0xffff;
  }

  /** The next row of the same name, or -1. */
  int next(int row) {
    return field(row, NEXT) - 1;
  }

  /** Points {@code into} at the answer of {@code row}. */
  void fill(int row, ZoneAnswer into) {
    fill(field(row, HEAD), field(row, COUNTS), field(row, REF), field(row, LENGTH), into);
  }

  /**
   * Points {@code into} at the answer of the row copy at {@code copy} (a reference into the arena,
   * see {@link Builder#writeCopy}) when its type is {@code type}; false, and {@code into}
   * untouched, when it is another type or no copy was written. The copy lies in the cache line of
   * its name's key, which the look-up has just compared: the answer then costs no read elsewhere.
   */
  boolean fillCopy(int copy, int type, ZoneAnswer into) {
    byte[] page = tails.page(copy);
    int at = Arena.position(copy);
    int head = (int) INT.get(page, at + 4 * HEAD);
    if ((head & 0xffff) != type || head == 0) {
      return false;
    }
    fill(
        head,
        (int) INT.get(page, at + 4 * COUNTS),
        (int) INT.get(page, at + 4 * REF),
        (int) INT.get(page, at + 4 * LENGTH),
        into);
    return true;
  }

  private void fill(int head, int counts, int ref, int length, ZoneAnswer into) {
    into.set(0, true, counts >>> 16, 0, counts & 0xffff);
    int stride = length;
    if ((head & STRIDED) != 0) {
      stride = length >>> 16;
      length &= 0xffff;
    }
    into.point(
        ((head >>> 16) & 0xff) + 1,
        (head & TABLE) != 0,
        tails.page(ref),
        Arena.position(ref),
        length,
        stride);
  }

  /** The arena the tails are in (a derived version's keys are there too). */
  Arena arena() {
    return tails;
  }

  /** Bytes of tails held (shared ones included). */
  long tailBytes() {
    return tails.bytes();
  }

  /** Pages of tails held (shared ones included). */
  int tailPages() {
    return tails.pageCount();
  }

  /** Rows held (shared ones included). */
  int size() {
    return size;
  }

  private int field(int row, int field) {
    return PagedInts.get(pages, row * WIDTH + field);
  }

  /** Appends rows: to a new store, or after the rows of an older one (sharing its pages). */
  static final class Builder {
    private final PagedInts rows;
    private final Arena.Builder tails;

    /** A new store. */
    Builder(Arena.Builder tails) {
      this.rows = new PagedInts();
      this.tails = tails;
    }

    /**
     * Pads this store with empty rows to where another store's rows can follow page for page
     * ({@link #join}); returns the number of rows then, by which the other's move up.
     */
    int padToJoin() {
      int unit = PagedInts.PAGE * WIDTH;
      rows.grow((unit - rows.size() % unit) % unit);
      return rows.size() / WIDTH;
    }

    /** Adds {@code shift} to every next-row link (the rows are about to move up by that). */
    void shiftNext(int shift) {
      for (int at = NEXT; at < rows.size(); at += WIDTH) {
        int next = rows.get(at);
        if (next != 0) {
          rows.set(at, next + shift);
        }
      }
    }

    /**
     * The rows of {@code first} (padded by {@link #padToJoin}) then those of {@code second}
     * (shifted by {@link #shiftNext}), over {@code built}: their pages, not copies of them.
     */
    static AnswerRows join(Builder first, Builder second, Arena built) {
      int[][] a = first.rows.freeze();
      int[][] b = second.rows.freeze();
      int[][] pages = Arrays.copyOf(a, a.length + b.length);
      System.arraycopy(b, 0, pages, a.length, b.length);
      return new AnswerRows(pages, (first.rows.size() + second.rows.size()) / WIDTH, built);
    }

    /** The rows and tails of {@code base}, to append to. */
    Builder(AnswerRows base) {
      this.rows = new PagedInts(base.pages, base.size * WIDTH);
      this.tails = base.tails.extend();
    }

    Arena.Builder tails() {
      return tails;
    }

    /**
     * Appends a row; returns its number.
     *
     * @param ref where the tails are (see {@link ZoneAnswer#point})
     * @param stride bytes from one variant's start to the next's (without a table)
     * @param next the next row of the same name, or -1
     */
    int add(
        int type,
        int variants,
        boolean table,
        int an,
        int ar,
        int ref,
        int length,
        int stride,
        int next) {
      if (an > 0xffff || ar > 0xffff || variants > 256) {
        throw new IllegalArgumentException("answer too large: " + an + " records");
      }
      boolean strided = !table && stride != length;
      if (strided && (length > 0xffff || stride > 0xffff)) {
        throw new IllegalArgumentException("rotated answer too large: " + length + " bytes");
      }
      int row = rows.grow(WIDTH) / WIDTH;
      rows.set5(
          row * WIDTH,
          type | (variants - 1) << 16 | (table ? TABLE : 0) | (strided ? STRIDED : 0),
          an << 16 | ar,
          ref,
          strided ? length | stride << 16 : length,
          next + 1);
      return row;
    }

    /** Appends a copy of {@code row} (same answer and tails) with another next row. */
    int copy(int row, int next) {
      int copy = rows.grow(WIDTH) / WIDTH;
      for (int f = 0; f < NEXT; f++) {
        rows.set(copy * WIDTH + f, rows.get(row * WIDTH + f));
      }
      rows.set(copy * WIDTH + NEXT, next + 1);
      return copy;
    }

    int type(int row) {
      return rows.get(row * WIDTH + HEAD) & 0xffff;
    }

    /**
     * Writes a copy of {@code row} (or of no row: -1) to the {@link #COPY_BYTES} at {@code copy}, a
     * reference into the arena this builder appends to, reserved there by the name table.
     */
    void writeCopy(int row, int copy) {
      byte[] page = tails.page(copy);
      int at = Arena.position(copy);
      for (int f = HEAD; f < NEXT; f++) {
        INT.set(page, at + 4 * f, row < 0 ? 0 : rows.get(row * WIDTH + f));
      }
    }

    int next(int row) {
      return rows.get(row * WIDTH + NEXT) - 1;
    }

    /** Links {@code row} to {@code next} (a row of this store, or -1). */
    void setNext(int row, int next) {
      rows.set(row * WIDTH + NEXT, next + 1);
    }

    AnswerRows build() {
      return build(tails.build());
    }

    /** The rows over {@code built}, the arena their tails were appended to. */
    AnswerRows build(Arena built) {
      return new AnswerRows(rows.freeze(), rows.size() / WIDTH, built);
    }
  }
}
