package dev.wayfinder.config;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * The config's one reader: walks Jackson's token stream into a {@link YamlNode} tree. Jackson's
 * tree model drops locations and reads {@code off} as {@code false}; walking the tokens keeps the
 * text as written ({@code getText()} of a scalar token) and each token's line (Jackson's public
 * {@code currentTokenLocation()}, which for a key is the key's own line). The {@code services:}
 * list, the only part of a config that grows with the deployment, is handed out item by item
 * instead (see {@link ListListener}).
 *
 * <p>A file whose text starts with <code>{</code> is read with Jackson's JSON parser first: JSON is
 * YAML, so the tree is the same, and a generated file parses several times faster than through
 * SnakeYAML. When that parse fails (YAML flow style, which JSON is not), {@link NotJsonException}
 * tells the caller to read it again as YAML, whose errors are the ones reported.
 */
final class YamlTreeReader {
  /**
   * SnakeYAML's default limit of 3 MB of text stops a config at about 10,000 services; the file is
   * the operator's own, so the limit only guards against a runaway file: 1 G code points.
   */
  private static final int MAX_CODE_POINTS = 1 << 30;

  private static final YAMLFactory FACTORY = factory();

  /** YAML's {@code #} comments allowed, so a commented JSON config stays on the fast path. */
  private static final JsonFactory JSON =
      JsonFactory.builder().enable(JsonReadFeature.ALLOW_YAML_COMMENTS).build();

  /** How far ahead the first character is looked for (blank lines and a byte order mark). */
  private static final int PEEK = 8192;

  private YamlTreeReader() {}

  private static YAMLFactory factory() {
    return YAMLFactory.builder().loaderOptions(options()).build();
  }

  private static LoaderOptions options() {
    LoaderOptions options = new LoaderOptions();
    options.setCodePointLimit(MAX_CODE_POINTS);
    return options;
  }

  /** A YAML syntax error at a 1-based line (0 when Jackson does not know it). */
  static final class SyntaxException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int line;

    SyntaxException(int line, String message) {
      super(message);
      this.line = line;
    }

    int line() {
      return line;
    }
  }

  /**
   * Receives the first {@code services:} list of the root mapping item by item, so a file of
   * 100,000 services never exists as one tree: each item comes as its own tree, validated and
   * dropped by the listener.
   */
  interface ListListener {
    /** Called once before the first item with the root entries that came before the list. */
    default void begin(List<YamlNode.Entry> before) {}

    /** One item of the list, {@code index} counting from 0. */
    void item(int index, YamlNode item);
  }

  /**
   * The text looked like JSON but is not: read it again with {@code json} false. Nothing a listener
   * received from the failed read may be kept.
   */
  static final class NotJsonException extends Exception {
    private static final long serialVersionUID = 1L;

    NotJsonException(Throwable cause) {
      super(cause);
    }
  }

  /** The key of the root mapping whose list value is streamed to a {@link ListListener}. */
  static final String STREAMED_KEY = "services";

  /**
   * The document's root node, or {@code null} for an empty document. When the root is a mapping
   * whose first {@value #STREAMED_KEY} key holds a list, the items go to {@code listener} and the
   * tree holds a null value in their place.
   */
  static YamlNode read(Reader in, ListListener listener, boolean json)
      throws SyntaxException, NotJsonException {
    BufferedReader text = new BufferedReader(in, PEEK);
    boolean asJson;
    try {
      asJson = json && startsLikeJson(text);
    } catch (IOException e) {
      throw new SyntaxException(0, e.getMessage());
    }
    try (JsonParser p = parser(text, asJson)) {
      JsonToken first = p.nextToken();
      if (first == null) {
        return null;
      }
      YamlNode root =
          first == JsonToken.START_OBJECT
              ? rootMapping(p, line(p), listener)
              : node(p, new Pending());
      if (p.nextToken() != null) {
        throw new SyntaxException(line(p), "only one YAML document is allowed");
      }
      return root;
    } catch (JsonProcessingException e) {
      if (asJson) {
        throw new NotJsonException(e);
      }
      JsonLocation at = e.getLocation();
      throw new SyntaxException(at == null ? 0 : Math.max(at.getLineNr(), 0), firstLine(e));
    } catch (IOException e) {
      throw new SyntaxException(0, e.getMessage());
    }
  }

  /**
   * Streams the items of the first {@value #STREAMED_KEY} list of a document already read once by
   * {@link #read(Reader, ListListener)} without errors, skipping everything else.
   */
  static void readStreamedList(Reader in, ListListener listener, boolean json) throws IOException {
    BufferedReader text = new BufferedReader(in, PEEK);
    try (JsonParser p = parser(text, json && startsLikeJson(text))) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return;
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        boolean streamed = STREAMED_KEY.equals(p.currentName());
        if (p.nextToken() == JsonToken.START_ARRAY && streamed) {
          streamItems(p, listener);
          return;
        }
        if (streamed) {
          return; // the first services: is not a list; nothing was streamed the first time either
        }
        p.skipChildren();
      }
    }
  }

  private static JsonParser parser(Reader text, boolean json) throws IOException {
    return json ? JSON.createParser(text) : FACTORY.createParser(text);
  }

  /**
   * Whether the first character after blanks is <code>{</code>. A byte order mark is skipped for
   * good: Jackson's JSON parser refuses it on a reader (SnakeYAML skips it itself).
   */
  private static boolean startsLikeJson(BufferedReader text) throws IOException {
    text.mark(1);
    if (text.read() != '\uFEFF') {
      text.reset();
    }
    text.mark(PEEK);
    try {
      for (int i = 0; i < PEEK; i++) {
        int c = text.read();
        if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
          return c == '{';
        }
      }
      return false;
    } finally {
      text.reset();
    }
  }

  /** SnakeYAML's messages run over several lines with a caret drawing; keep the first line. */
  private static String firstLine(JsonProcessingException e) {
    String m = String.valueOf(e.getOriginalMessage()).strip();
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl).strip();
  }

  /**
   * The items of the mappings and sequences being read, innermost last: one buffer for the whole
   * read rather than a list per node grown and then copied, which a large file would pay for at
   * every node. Each node takes its own range off the top when it ends.
   */
  private static final class Pending {
    private final ArrayList<Object> items = new ArrayList<>();

    int mark() {
      return items.size();
    }

    void add(Object item) {
      items.add(item);
    }

    /** The items added since {@code mark}, as an immutable list, removed from here. */
    @SuppressWarnings("unchecked") // each range holds the one type its node added
    <T> List<T> takeFrom(int mark) {
      List<Object> range = items.subList(mark, items.size());
      List<T> taken = (List<T>) List.copyOf(range);
      range.clear();
      return taken;
    }
  }

  /** Reads the node whose first token is current. */
  private static YamlNode node(JsonParser p, Pending pending) throws IOException {
    int line = line(p);
    return switch (p.currentToken()) {
      case START_OBJECT -> mapping(p, line, pending);
      case START_ARRAY -> sequence(p, line, pending);
      case VALUE_NULL -> new YamlNode.Scalar(line, "", true);
      default -> new YamlNode.Scalar(line, p.getText(), false);
    };
  }

  /** The root mapping, its first {@value #STREAMED_KEY} list streamed rather than kept. */
  private static YamlNode rootMapping(JsonParser p, int line, ListListener listener)
      throws IOException {
    Pending pending = new Pending();
    List<YamlNode.Entry> entries = new ArrayList<>();
    boolean streamed = false;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String key = p.currentName();
      int keyLine = line(p);
      p.nextToken();
      if (!streamed && key.equals(STREAMED_KEY) && p.currentToken() == JsonToken.START_ARRAY) {
        listener.begin(List.copyOf(entries));
        entries.add(new YamlNode.Entry(key, keyLine, new YamlNode.Scalar(line(p), "", true)));
        streamItems(p, listener);
      } else {
        entries.add(new YamlNode.Entry(key, keyLine, node(p, pending)));
      }
      streamed |= key.equals(STREAMED_KEY);
    }
    return new YamlNode.Mapping(line, entries);
  }

  private static void streamItems(JsonParser p, ListListener listener) throws IOException {
    Pending pending = new Pending();
    int index = 0;
    while (p.nextToken() != JsonToken.END_ARRAY) {
      listener.item(index++, node(p, pending));
    }
  }

  private static YamlNode mapping(JsonParser p, int line, Pending pending) throws IOException {
    int mark = pending.mark();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String key = p.currentName();
      int keyLine = line(p);
      p.nextToken();
      pending.add(new YamlNode.Entry(key, keyLine, node(p, pending)));
    }
    return new YamlNode.Mapping(line, pending.takeFrom(mark));
  }

  private static YamlNode sequence(JsonParser p, int line, Pending pending) throws IOException {
    int mark = pending.mark();
    while (p.nextToken() != JsonToken.END_ARRAY) {
      pending.add(node(p, pending));
    }
    return new YamlNode.Sequence(line, pending.takeFrom(mark));
  }

  /** The 1-based line the current token starts on: for a key, the key's own line. */
  static int line(JsonParser p) {
    return p.currentTokenLocation().getLineNr();
  }
}
