package dev.wayfinder.config;

import java.util.List;

/**
 * A located YAML tree: every node knows the 1-based line it starts on, so validation can point at
 * the exact key or value. Built by {@link YamlTreeReader}; only what Wayfinder's schema needs
 * (mappings, sequences, scalars kept as their source text).
 */
sealed interface YamlNode permits YamlNode.Scalar, YamlNode.Mapping, YamlNode.Sequence {

  /** The 1-based line the node starts on. */
  int line();

  /** A short word for error messages: "a map", "a list", "a value". */
  String kind();

  /**
   * The line a problem at {@code path} below {@code node} is reported on ({@code
   * endpoints[1].address}, {@code health}; "" is the node itself): a value's own line, a map's key
   * line, a list item's line; for a key that is not there, the line of the deepest map or item that
   * is, where the key would go.
   */
  static int lineAt(YamlNode node, String path) {
    int line = node.line();
    int at = 0;
    while (at < path.length()) {
      int end = path.indexOf('.', at);
      end = end < 0 ? path.length() : end;
      int bracket = path.indexOf('[', at);
      boolean indexed = bracket >= 0 && bracket < end;
      Entry e =
          node instanceof Mapping m ? m.first(path.substring(at, indexed ? bracket : end)) : null;
      if (e == null) {
        return line;
      }
      node = e.value();
      line = node instanceof Mapping ? e.line() : node.line();
      if (indexed) {
        int i = Integer.parseInt(path.substring(bracket + 1, path.indexOf(']', bracket)));
        if (!(node instanceof Sequence s) || i >= s.items().size()) {
          return line;
        }
        node = s.items().get(i);
        line = node.line();
      }
      at = end + 1;
    }
    return line;
  }

  /**
   * A scalar as written: {@code off} stays the word {@code off} (YAML 1.1 would read a boolean),
   * {@code 010} stays {@code 010}. Typing is the validator's job.
   *
   * @param text the scalar's text (empty for a YAML null)
   * @param isNull true for {@code ~}, {@code null} or an empty value
   */
  record Scalar(int line, String text, boolean isNull) implements YamlNode {
    @Override
    public String kind() {
      return "a value";
    }
  }

  /** A mapping; entries in file order, duplicates kept so the validator can report them. */
  record Mapping(int line, List<Entry> entries) implements YamlNode {
    public Mapping {
      entries = List.copyOf(entries);
    }

    @Override
    public String kind() {
      return "a map";
    }

    /** The first entry of {@code key}, or {@code null}. */
    Entry first(String key) {
      for (Entry e : entries) {
        if (e.key().equals(key)) {
          return e;
        }
      }
      return null;
    }
  }

  /** One key of a mapping, with the line of the key itself. */
  record Entry(String key, int line, YamlNode value) {}

  /** A sequence, items in file order. */
  record Sequence(int line, List<YamlNode> items) implements YamlNode {
    public Sequence {
      items = List.copyOf(items);
    }

    @Override
    public String kind() {
      return "a list";
    }
  }
}
