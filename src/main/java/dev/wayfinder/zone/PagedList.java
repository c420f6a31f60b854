package dev.wayfinder.zone;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;

/**
 * An immutable list in pages of {@link #PAGE} elements: {@link #with} replaces a few elements by
 * copying the page index and the pages it touches, sharing the rest with this list.
 */
final class PagedList<T> extends AbstractList<T> implements RandomAccess {
  private static final int SHIFT = 10;
  private static final int PAGE = 1 << SHIFT;
  private static final int MASK = PAGE - 1;

  private final Object[][] pages;
  private final int size;

  private PagedList(Object[][] pages, int size) {
    this.pages = pages;
    this.size = size;
  }

  /** {@code list} itself when it is paged, else a paged copy. */
  @SuppressWarnings("unchecked")
  static <T> PagedList<T> of(List<T> list) {
    if (list instanceof PagedList<?> paged) {
      return (PagedList<T>) paged;
    }
    Object[] all = list.toArray();
    Object[][] pages = new Object[(all.length + MASK) >>> SHIFT][];
    for (int p = 0; p < pages.length; p++) {
      pages[p] = Arrays.copyOfRange(all, p << SHIFT, Math.min(all.length, (p + 1) << SHIFT));
      for (Object o : pages[p]) {
        if (o == null) {
          throw new NullPointerException("null element");
        }
      }
    }
    return new PagedList<>(pages, all.length);
  }

  /** This list with the element at each key replaced by its value. */
  PagedList<T> with(Map<Integer, T> replacements) {
    Object[][] copy = pages.clone();
    boolean[] copied = new boolean[pages.length];
    replacements.forEach(
        (at, value) -> {
          int p = at >>> SHIFT;
          if (!copied[p]) {
            copy[p] = copy[p].clone();
            copied[p] = true;
          }
          copy[p][at & MASK] = value;
        });
    return new PagedList<>(copy, size);
  }

  @Override
  @SuppressWarnings("unchecked")
  public T get(int index) {
    if (index < 0 || index >= size) {
      throw new IndexOutOfBoundsException(index);
    }
    return (T) pages[index >>> SHIFT][index & MASK];
  }

  @Override
  public int size() {
    return size;
  }
}
