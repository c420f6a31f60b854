package dev.wayfinder.config;

import dev.wayfinder.config.YamlNode.Entry;
import dev.wayfinder.config.YamlNode.Mapping;
import dev.wayfinder.config.YamlNode.Scalar;
import dev.wayfinder.config.YamlNode.Sequence;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
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
   * values, and almost none has a problem. A child section names its parent, key and list index
   * instead ({@code pathSource} null), so a nested section costs no lambda.
   */
  private final Supplier<String> pathSource;

  private final Section parent;
  private final String key;
  private final int index;

  private String path;
  private final int line;
  private final boolean present;

  /** The declared keys given, first of each; a section has a dozen keys at most, so a list. */
  private final List<Entry> entries;

  private Section(
      LoadContext ctx,
      Supplier<String> pathSource,
      Section parent,
      String key,
      int index,
      int line,
      Mapping map,
      Set<String> keys) {
    this.ctx = ctx;
    this.pathSource = pathSource;
    this.parent = parent;
    this.key = key;
    this.index = index;
    this.line = line;
    this.present = map != null;
    this.entries = map == null ? List.of() : accepted(map.entries(), keys);
  }

  /**
   * The mapping's entries when every key is declared and given once, as almost always: its own
   * (immutable) list, not a copy; otherwise the first of each declared key, the rest reported.
   */
  private List<Entry> accepted(List<Entry> given, Set<String> keys) {
    if (allDeclaredOnce(given, keys)) {
      return given;
    }
    List<Entry> out = new ArrayList<>(given.size());
    for (Entry e : given) {
      if (!keys.contains(e.key())) {
        ctx.problems().add(e.line(), pathOf(e.key()), "unknown key; expected one of " + keys);
      } else if (find(out, e.key()) != null) {
        ctx.problems().add(e.line(), pathOf(e.key()), "duplicate key");
      } else {
        out.add(e);
      }
    }
    return out;
  }

  private static boolean allDeclaredOnce(List<Entry> given, Set<String> keys) {
    for (int i = 0; i < given.size(); i++) {
      String k = given.get(i).key();
      if (!keys.contains(k)) {
        return false;
      }
      for (int j = 0; j < i; j++) {
        if (given.get(j).key().equals(k)) {
          return false;
        }
      }
    }
    return true;
  }

  private Entry entry(String key) {
    return find(entries, key);
  }

  private static Entry find(List<Entry> entries, String key) {
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
    if (isOther(node)) {
      notAMap(ctx, node, path.get());
    }
    return new Section(ctx, path, null, null, -1, line, asMapping(node), keys);
  }

  /** The child at {@code key} (item {@code index} of its list, or -1), its path made on demand. */
  private Section child(String key, int index, int line, YamlNode node, Set<String> keys) {
    if (isOther(node)) {
      notAMap(ctx, node, pathOf(key, index));
    }
    return new Section(ctx, null, this, key, index, line, asMapping(node), keys);
  }

  private static Mapping asMapping(YamlNode node) {
    return node instanceof Mapping m ? m : null;
  }

  /** Given, and neither a mapping nor a YAML null: the wrong type for a section. */
  private static boolean isOther(YamlNode node) {
    return node != null && !(node instanceof Mapping) && !isNull(node);
  }

  private static void notAMap(LoadContext ctx, YamlNode node, String path) {
    ctx.problems().add(node.line(), path, "must be a map, not " + node.kind());
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
      path = pathSource != null ? pathSource.get() : parent.pathOf(key, index);
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
  private int lineOf(String key) {
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
    return child(key, -1, e == null ? line : e.line(), e == null ? null : e.value(), keys);
  }

  /** The mappings in the list at {@code key}, each with its item path {@code key[i]}. */
  List<Section> sections(String key, Set<String> keys) {
    List<Section> out = sectionsInPlace(key, keys);
    out.removeIf(Objects::isNull);
    return out;
  }

  /**
   * Like {@link #sections}, an item that is not a mapping (reported) being {@code null} in its
   * place, so the list's indexes stay the file's.
   */
  List<Section> sectionsInPlace(String key, Set<String> keys) {
    List<YamlNode> items = items(key);
    List<Section> out = new ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) {
      YamlNode item = items.get(i);
      if (item instanceof Mapping) {
        out.add(child(key, i, item.line(), item, keys));
      } else {
        notAMap(ctx, item, pathOf(key, i));
        out.add(null);
      }
    }
    return out;
  }

  /** A list item that must be a mapping; {@code null} after reporting anything else. */
  static Section item(LoadContext ctx, Supplier<String> itemPath, YamlNode item, Set<String> keys) {
    if (item instanceof Mapping) {
      return of(ctx, itemPath, item.line(), item, keys);
    }
    notAMap(ctx, item, itemPath.get());
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
    Entry e = entry(key);
    if (e == null || isNull(e.value())) {
      return fallback;
    }
    T v = parse(e.value(), key, -1, parser, false);
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

  /** The items of the list at {@code key}: none when absent; anything but a list is reported. */
  List<YamlNode> items(String key) {
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
