package dev.wayfinder.zone;

import java.util.Arrays;

/**
 * A growable int array in pages of {@link #PAGE} values, copied on write: a builder started from
 * the pages of an older version clones a page the first time it writes to it, so a version that
 * changes a few values shares every other page with the one it came from.
 *
 * <p>A version derived for one change writes a few values on each of a few pages, and copies the
 * array of pages whole: pages of 1024 values keep both copies small (the rows of a zone of 100,000
 * services fill about 6,000 such pages).
 */
final class PagedInts {
  static final int SHIFT = 10;
  static final int PAGE = 1 << SHIFT;
  private static final int MASK = PAGE - 1;

  private int[][] pages;

  /** A bit per page: set once this builder has its own copy of it. */
  private long[] owned;

  private int size;

  /** Empty. */
  PagedInts() {
    this(new int[0][], 0);
  }

  /** Starting from {@code shared} (not written: pages are cloned before a write). */
  PagedInts(int[][] shared, int size) {
    this.pages = shared.clone();
    this.owned = new long[(pages.length + 63) >>> 6];
    this.size = size;
  }

  int size() {
    return size;
  }

  int get(int i) {
    return pages[i >>> SHIFT][i & MASK];
  }

  static int get(int[][] pages, int i) {
    return pages[i >>> SHIFT][i & MASK];
  }

  void set(int i, int value) {
    int p = i >>> SHIFT;
    if (!owned(p)) {
      pages[p] = pages[p].clone();
      owned[p >>> 6] |= 1L << p;
    }
    pages[p][i & MASK] = value;
  }

  private boolean owned(int page) {
    return (owned[page >>> 6] & 1L << page) != 0;
  }

  /** Sets the five values from {@code i} on: one page check when they share a page. */
  void set5(int i, int a, int b, int c, int d, int e) {
    int p = i >>> SHIFT;
    int at = i & MASK;
    if (at + 5 > PAGE || !owned(p)) {
      set(i, a);
      set(i + 1, b);
      set(i + 2, c);
      set(i + 3, d);
      set(i + 4, e);
      return;
    }
    int[] page = pages[p];
    page[at] = a;
    page[at + 1] = b;
    page[at + 2] = c;
    page[at + 3] = d;
    page[at + 4] = e;
  }

  /** Appends {@code count} zeros; returns the index of the first. */
  int grow(int count) {
    int first = size;
    int needed = (size + count + MASK) >>> SHIFT;
    if (needed > pages.length) {
      pages = Arrays.copyOf(pages, Math.max(needed, pages.length * 2));
      owned = Arrays.copyOf(owned, (pages.length + 63) >>> 6);
    }
    for (int p = (size + MASK) >>> SHIFT; p < needed; p++) {
      pages[p] = new int[PAGE];
      owned[p >>> 6] |= 1L << p;
    }
    size += count;
    return first;
  }

  /**
   * The pages as they are (not a copy, possibly longer than needed), for reads between writes; a
   * write may replace a page, so read again after one.
   */
  int[][] pagesView() {
    return pages;
  }

  /**
   * The pages in use (the builder's own array when it has no more: most versions add no page); the
   * builder must not be written afterwards.
   */
  int[][] freeze() {
    int used = (size + MASK) >>> SHIFT;
    return used == pages.length ? pages : Arrays.copyOf(pages, used);
  }
}
