package dev.wayfinder.config;

import dev.wayfinder.config.YamlNode.Entry;
import dev.wayfinder.config.YamlNode.Mapping;
import dev.wayfinder.config.YamlNode.Scalar;
import dev.wayfinder.config.YamlNode.Sequence;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One YAML mapping under validation, at a key path such as {@code services[0].health}. Reading a
 * key checks its shape and reports problems to the load's {@link Problems} with the right line and
 * path, then returns the default so validation goes on and every error is found. An absent section
 * reads as all defaults. Keys the section does not declare are reported when it is made.
 */
final class Section {
  private final LoadContext ctx;

  /**
   * Makes the key path when a problem needs it: a config of 100,000 services reads millions of
   * values, and almost none has a problem.
   */
  private final Supplier<String> pathSource;

  private String path;
  private final int line;
  private final boolean present;

  /** The declared keys given, first of each; a section has a dozen keys at most, so a list. */
  private final List<Entry> entries;

  private Section(
      LoadContext ctx, Supplier<String> pathSource, int line, Mapping map, Set<String> keys) {
    this.ctx = ctx;
    this.pathSource = pathSource;
    this.line = line;
    this.present = map != null;
    this.entries = map == null ? List.of() : new ArrayList<>(map.entries().size());
    if (map != null) {
      for (Entry e : map.entries()) {
        if (!keys.contains(e.key())) {
          ctx.problems().add(e.line(), pathOf(e.key()), "unknown key; expected one of " + keys);
        } else if (entry(e.key()) != null) {
          ctx.problems().add(e.line(), pathOf(e.key()), "duplicate key");
        } else {
          entries.add(e);
        }
      }
    }
  }

  private Entry entry(String key) {
    for (int i = 0; i < entries.size(); i++) {
      Entry e = entries.get(i);
      if (e.key().equals(key)) {
        return e;
      }
    }
    return null;
  }

  /**
   * A section for {@code node} at {@code path}: a mapping, or absent when {@code node} is null or a
   * YAML null; anything else is reported as the wrong type.
   *
   * @param line where problems with the section as a whole are reported: the line of its key
   */
  static Section of(LoadContext ctx, String path, int line, YamlNode node, Set<String> keys) {
    return of(ctx, () -> path, line, node, keys);
  }

  private static Section of(
      LoadContext ctx, Supplier<String> path, int line, YamlNode node, Set<String> keys) {
    if (node instanceof Mapping m) {
      return new Section(ctx, path, line, m, keys);
    }
    if (node != null && !isNull(node)) {
      ctx.problems().add(node.line(), path.get(), "must be a map, not " + node.kind());
    }
    return new Section(ctx, path, line, null, keys);
  }

  /** The keys a section declares, in the order error messages list them. */
  static Set<String> keys(String... keys) {
    return Collections.unmodifiableSet(new LinkedHashSet<>(List.of(keys)));
  }

  boolean present() {
    return present;
  }

  boolean has(String key) {
    Entry e = entry(key);
    return e != null && !isNull(e.value());
  }

  int line() {
    return line;
  }

  String path() {
    if (path == null) {
      path = pathSource.get();
    }
    return path;
  }

  LoadContext context() {
    return ctx;
  }

  String pathOf(String key) {
    String p = path();
    return p.isEmpty() ? key : p + "." + key;
  }

  private String pathOf(String key, int index) {
    return index < 0 ? pathOf(key) : pathOf(key) + "[" + index + "]";
  }

  /** The line of {@code key}'s value, or of this section when the key is absent. */
  int lineOf(String key) {
    Entry e = entry(key);
    return e == null ? line : e.value().line();
  }

  /** Reports a problem with {@code key}. */
  void error(String key, String message) {
    ctx.problems().add(lineOf(key), pathOf(key), message);
  }

  /** Reports a problem with the section as a whole. */
  void error(String message) {
    ctx.problems().add(line, path(), message);
  }

  /** The child mapping at {@code key} (absent when not given). */
  Section section(String key, Set<String> keys) {
    Entry e = entry(key);
    return of(
        ctx, () -> pathOf(key), e == null ? line : e.line(), e == null ? null : e.value(), keys);
  }

  /** The mappings in the list at {@code key}, each with its item path {@code key[i]}. */
  List<Section> sections(String key, Set<String> keys) {
    List<Section> out = new ArrayList<>();
    List<YamlNode> items = items(key);
    for (int i = 0; i < items.size(); i++) {
      int index = i;
      Section item = item(ctx, () -> pathOf(key, index), items.get(i), keys);
      if (item != null) {
        out.add(item);
      }
    }
    return out;
  }

  /** A list item that must be a mapping; {@code null} after reporting anything else. */
  static Section item(LoadContext ctx, Supplier<String> itemPath, YamlNode item, Set<String> keys) {
    if (item instanceof Mapping) {
      return of(ctx, itemPath, item.line(), item, keys);
    }
    ctx.problems().add(item.line(), itemPath.get(), "must be a map, not " + item.kind());
    return null;
  }

  /**
   * The scalars in the list at {@code key}, each substituted and parsed; items that fail are
   * reported and left out.
   *
   * @param fallback the result when the key is absent
   */
  <T> List<T> values(String key, Function<String, T> parser, List<T> fallback) {
    if (!has(key)) {
      return fallback;
    }
    List<T> out = new ArrayList<>();
    List<YamlNode> items = items(key);
    for (int i = 0; i < items.size(); i++) {
      T v = parse(items.get(i), key, i, parser, false);
      if (v != null) {
        out.add(v);
      }
    }
    return out;
  }

  /**
   * The scalar at {@code key}, substituted and parsed; {@code fallback} when absent or invalid.
   *
   * @param parser throws {@link IllegalArgumentException} with the error message
   */
  <T> T value(String key, Function<String, T> parser, T fallback) {
    if (!has(key)) {
      return fallback;
    }
    T v = parse(entry(key).value(), key, -1, parser, false);
    return v == null ? fallback : v;
  }

  /** Like {@link #value} but absent is an error; {@code null} when absent or invalid. */
  <T> T required(String key, Function<String, T> parser) {
    if (!has(key)) {
      error(key, "is required");
      return null;
    }
    return value(key, parser, null);
  }

  /** A string where an unset {@code ${NAME}} reads as empty; {@code null} when absent. */
  String lenientString(String key) {
    if (!has(key)) {
      return null;
    }
    return parse(entry(key).value(), key, -1, Function.identity(), true);
  }

  /** Parses the value at {@code key} (item {@code index} of its list, or -1: the value). */
  private <T> T parse(
      YamlNode node, String key, int index, Function<String, T> parser, boolean lenient) {
    if (!(node instanceof Scalar s) || s.isNull()) {
      ctx.problems()
          .add(node.line(), pathOf(key, index), "must be a value, not " + nullOrKind(node));
      return null;
    }
    String text = s.text();
    if (text.indexOf("${") >= 0) {
      text = ctx.substitute(text, s.line(), pathOf(key, index), lenient);
      if (text == null) {
        return null;
      }
    }
    try {
      return parser.apply(text);
    } catch (IllegalArgumentException e) {
      ctx.problems().add(s.line(), pathOf(key, index), e.getMessage());
      return null;
    }
  }

  private List<YamlNode> items(String key) {
    Entry e = entry(key);
    if (e == null || isNull(e.value())) {
      return List.of();
    }
    if (e.value() instanceof Sequence seq) {
      return seq.items();
    }
    error(key, "must be a list, not " + e.value().kind());
    return List.of();
  }

  private static String nullOrKind(YamlNode node) {
    return isNull(node) ? "empty" : node.kind();
  }

  private static boolean isNull(YamlNode node) {
    return node instanceof Scalar s && s.isNull();
  }
}
