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
