package dev.wayfinder.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * A plain-text table for a terminal: a header row of upper-case names, then the rows, each column
 * as wide as its widest cell plus two spaces; the last column is not padded, so lines carry no
 * trailing blanks. An empty cell prints as {@code -} so columns stay readable by {@code awk}.
 */
final class Table {
  private static final String GAP = "  ";
  private static final String EMPTY = "-";

  private final List<String> header;
  private final List<List<String>> rows = new ArrayList<>();

  Table(String... header) {
    this.header = List.of(header);
  }

  /** Adds a row, one cell per column; {@code null} or empty cells print as {@code -}. */
  Table row(String... cells) {
    if (cells.length != header.size()) {
      throw new IllegalArgumentException(
          "a row of " + cells.length + " cells for " + header.size() + " columns");
    }
    List<String> row = new ArrayList<>(cells.length);
    for (String c : cells) {
      row.add(c == null || c.isEmpty() ? EMPTY : c);
    }
    rows.add(row);
    return this;
  }

  void print(PrintWriter out) {
    int[] widths = new int[header.size()];
    for (int i = 0; i < widths.length; i++) {
      widths[i] = header.get(i).length();
      for (List<String> row : rows) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    }
    out.println(line(header, widths));
    for (List<String> row : rows) {
      out.println(line(row, widths));
    }
    out.flush();
  }

  /** One row with fixed widths, for rows that arrive one by one (a followed stream). */
  static String line(List<String> cells, int[] widths) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      String c = cells.get(i) == null || cells.get(i).isEmpty() ? EMPTY : cells.get(i);
      sb.append(c);
      if (i < cells.size() - 1) {
        sb.append(" ".repeat(Math.max(0, widths[i] - c.length()))).append(GAP);
      }
    }
    return sb.toString();
  }
}
