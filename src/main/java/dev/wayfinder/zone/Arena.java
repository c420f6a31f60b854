package dev.wayfinder.zone;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Immutable paged byte storage: the name keys and the tails (and their variant tables) of a whole
 * snapshot in a few big arrays instead of one {@code byte[]} per tail. A reference is {@code page
 * << PAGE_BITS | position}; a block never crosses a page. Pages are never written after {@link
 * Builder#build}, so a derived snapshot shares all of them and adds its own pages for what it
 * changes.
 */
final class Arena {
  /** Bits of the in-page position: pages of 1 MB. */
  static final int PAGE_BITS = 20;

  static final int PAGE_SIZE = 1 << PAGE_BITS;

  /** Most pages one arena addresses (a reference's page number has the bits above the position). */
  static final int MAX_PAGES = 1 << (31 - PAGE_BITS);

  private static final int POSITION_MASK = PAGE_SIZE - 1;

  /** Pages of a derived version's blocks: a page serves many versions ({@link #extend}). */
  static final int DERIVED_PAGE_SIZE = 64 << 10;

  private final byte[][] pages;
  private final long bytes;

  /**
   * The page a derived version was filling when it was built, and the bytes of it used, or -1: the
   * next version appends there instead of starting a page, so that a stream of small changes does
   * not spend one page (of the {@link #MAX_PAGES} an arena addresses) per version. The bytes past
   * {@link #openUsed} are read by no version that exists yet, so writing them changes nothing any
   * reader sees; only the first {@link #extend} may (see {@link #openClaimed}).
   */
  private final int openPage;

  private final int openUsed;

  /**
   * Set by the first {@link #extend} that appends to the open page: a second version derived from
   * this one (a test's, or one dropped and derived again) starts a page of its own instead of
   * writing over the first one's blocks.
   */
  private final AtomicBoolean openClaimed = new AtomicBoolean();

  private Arena(byte[][] pages, long bytes, int openPage, int openUsed) {
    this.pages = pages;
    this.bytes = bytes;
    this.openPage = openPage;
    this.openUsed = openUsed;
  }

  /** The page holding {@code ref}. */
  byte[] page(int ref) {
    return pages[ref >>> PAGE_BITS];
  }

  /** The pages themselves (not a copy: never write to them), for allocation-free lookups. */
  byte[][] pages() {
    return pages;
  }

  /** The position of {@code ref} in its page. */
  static int position(int ref) {
    return ref & POSITION_MASK;
  }

  /** Pages held (shared or not). */
  int pageCount() {
    return pages.length;
  }

  /** Bytes held (every page, shared or not). */
  long bytes() {
    return bytes;
  }

  /** An empty arena, new pages of {@code pageSize} bytes. */
  static Builder builder(int pageSize) {
    return new Builder(new byte[0][], 0, pageSize);
  }

  /**
   * This arena's pages plus what is appended (a derived snapshot's), in the free end of the page
   * the version this arena belongs to was filling, then in pages of {@link #DERIVED_PAGE_SIZE}.
   */
  Builder extend() {
    Builder b = new Builder(pages, bytes, 0);
    if (openPage >= 0 && openClaimed.compareAndSet(false, true)) {
      b.reopen(openPage, openUsed);
    }
    return b;
  }

  /**
   * Appends blocks to fresh pages; the pages of the arena it extends are never touched. Blocks go
   * to one of two lanes, each filling pages of its own: the blocks of the names clients ask for
   * most then lie together, in pages of their own, instead of between the others (the instance and
   * reverse names' answers, which few questions read).
   */
  static final class Builder {
    private byte[][] pages;
    private int count;
    private final int pageSize;
    private long bytes;

    /** Per lane: the page being filled (or null), its index in {@link #pages}, and bytes used. */
    private final byte[][] current = new byte[2][];

    private final int[] currentIndex = new int[2];
    private final int[] used = new int[2];

    private Builder(byte[][] shared, long bytes, int pageSize) {
      this.pages = Arrays.copyOf(shared, shared.length + 4);
      this.count = shared.length;
      this.bytes = bytes;
      this.pageSize = pageSize;
    }

    /**
     * Copies {@code src[from, from + len)} in, to the lane of the most asked names when {@code
     * asked}; returns its reference.
     */
    int append(byte[] src, int from, int len, boolean asked) {
      return append(src, from, len, 0, asked);
    }

    /**
     * {@link #append(byte[], int, int, boolean)}, followed in the same page by {@code extra} zero
     * bytes the caller fills later through {@link #page} (before {@link #build}).
     */
    int append(byte[] src, int from, int len, int extra, boolean asked) {
      int total = len + extra;
      if (total > PAGE_SIZE) {
        throw new IllegalArgumentException("an answer of " + len + " bytes cannot be served");
      }
      int lane = asked ? 1 : 0;
      if (current[lane] == null || used[lane] + total > current[lane].length) {
        newPage(lane, total);
      }
      int at = used[lane];
      System.arraycopy(src, from, current[lane], at, len);
      used[lane] = at + total;
      bytes += total;
      return currentIndex[lane] << PAGE_BITS | at;
    }

    /** The bytes at {@code ref} while building (a page appended by this builder). */
    byte[] page(int ref) {
      return pages[ref >>> PAGE_BITS];
    }

    /** The pages so far (not a copy; unused slots at the end are null). */
    byte[][] pages() {
      return pages;
    }

    /** Appends from {@code used} on in page {@code page} (a shared one no version reads there). */
    private void reopen(int page, int used) {
      current[0] = pages[page];
      currentIndex[0] = page;
      this.used[0] = used;
    }

    private void newPage(int lane, int atLeast) {
      trim(lane);
      current[lane] = new byte[Math.max(atLeast, pageSize == 0 ? DERIVED_PAGE_SIZE : pageSize)];
      used[lane] = 0;
      if (count == pages.length) {
        pages = Arrays.copyOf(pages, count * 2);
      }
      currentIndex[lane] = count;
      pages[count++] = current[lane];
    }

    /**
     * Gives a lane's page back its unused end, unless that end is at most a 64th of a full-size
     * page: copying a megabyte to save a few kilobytes doubled a build's allocation.
     */
    private void trim(int lane) {
      byte[] page = current[lane];
      // A derived version's page stays whole: the next version goes on filling it.
      if (page != null && pageSize > 0 && page.length - used[lane] > pageSize / 64) {
        pages[currentIndex[lane]] = Arrays.copyOf(page, used[lane]);
      }
    }

    Arena build() {
      int openPage = pageSize == 0 && current[0] != null ? currentIndex[0] : -1;
      int openUsed = used[0];
      for (int lane = 0; lane < 2; lane++) {
        trim(lane);
        current[lane] = null;
      }
      if (count > MAX_PAGES) {
        throw new IllegalStateException("zone too large for one arena");
      }
      return new Arena(Arrays.copyOf(pages, count), bytes, openPage, openUsed);
    }
  }
}
