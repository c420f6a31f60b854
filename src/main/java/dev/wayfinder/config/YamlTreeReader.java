package dev.wayfinder.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Walks Jackson's YAML token stream into a {@link YamlNode} tree. Jackson's tree model drops
 * locations and reads {@code off} as {@code false}; walking the tokens keeps both the line and the
 * text as written.
 */
final class YamlTreeReader {
  /**
   * SnakeYAML's default limit of 3 MB of text stops a config at about 10,000 services; the file is
   * the operator's own, so the limit only guards against a runaway file: 1 G code points.
   */
  private static final int MAX_CODE_POINTS = 1 << 30;

  private static final YAMLFactory FACTORY = factory();

  private YamlTreeReader() {}

  private static YAMLFactory factory() {
    LoaderOptions options = new LoaderOptions();
    options.setCodePointLimit(MAX_CODE_POINTS);
    return YAMLFactory.builder().loaderOptions(options).build();
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

  /** The document's root node, or {@code null} for an empty document. */
  static YamlNode read(String yaml) throws SyntaxException {
    try (JsonParser p = FACTORY.createParser(yaml)) {
      JsonToken first = p.nextToken();
      if (first == null) {
        return null;
      }
      YamlNode root = node(p);
      if (p.nextToken() != null) {
        throw new SyntaxException(line(p), "only one YAML document is allowed");
      }
      return root;
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      throw new SyntaxException(at == null ? 0 : Math.max(at.getLineNr(), 0), firstLine(e));
    } catch (IOException e) {
      throw new SyntaxException(0, e.getMessage());
    }
  }

  /** SnakeYAML's messages run over several lines with a caret drawing; keep the first line. */
  private static String firstLine(JsonProcessingException e) {
    String m = String.valueOf(e.getOriginalMessage()).strip();
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl).strip();
  }

  /** Reads the node whose first token is current. */
  private static YamlNode node(JsonParser p) throws IOException {
    int line = line(p);
    return switch (p.currentToken()) {
      case START_OBJECT -> mapping(p, line);
      case START_ARRAY -> sequence(p, line);
      case VALUE_NULL -> new YamlNode.Scalar(line, "", true);
      default -> new YamlNode.Scalar(line, p.getText(), false);
    };
  }

  private static YamlNode mapping(JsonParser p, int line) throws IOException {
    List<YamlNode.Entry> entries = new ArrayList<>();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String key = p.currentName();
      int keyLine = line(p);
      p.nextToken();
      entries.add(new YamlNode.Entry(key, keyLine, node(p)));
    }
    return new YamlNode.Mapping(line, entries);
  }

  private static YamlNode sequence(JsonParser p, int line) throws IOException {
    List<YamlNode> items = new ArrayList<>();
    while (p.nextToken() != JsonToken.END_ARRAY) {
      items.add(node(p));
    }
    return new YamlNode.Sequence(line, items);
  }

  private static int line(JsonParser p) {
    return p.currentTokenLocation().getLineNr();
  }
}
