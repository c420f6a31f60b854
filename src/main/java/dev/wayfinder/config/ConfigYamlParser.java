package dev.wayfinder.config;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.ObjectCodec;
import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactoryBuilder;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.io.Reader;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.events.ScalarEvent;

/**
 * Jackson's YAML parser without the work a config does not need. Jackson types every untagged plain
 * scalar by matching SnakeYAML's resolver regexes (int, float, bool, timestamp, ...) and makes a
 * location object per token; the config reader only asks "null or text as written?" and the line,
 * so those come straight from the SnakeYAML event. In a 100,000-service file this was about a sixth
 * of the parse time and most of its garbage. Tagged scalars still go through Jackson.
 */
final class ConfigYamlParser extends YAMLParser {

  /** Makes {@link ConfigYamlParser}s for readers; everything else as {@link YAMLFactory}. */
  static final class Factory extends YAMLFactory {
    private static final long serialVersionUID = 1L;

    Factory(YAMLFactoryBuilder builder) {
      super(builder);
    }

    @Override
    protected YAMLParser _createParser(Reader r, IOContext ctxt) throws IOException {
      return new ConfigYamlParser(
          ctxt, _parserFeatures, _yamlParserFeatures, _loaderOptions, _objectCodec, r);
    }
  }

  private ConfigYamlParser(
      IOContext ctxt,
      int parserFeatures,
      int formatFeatures,
      LoaderOptions loaderOptions,
      ObjectCodec codec,
      Reader reader) {
    super(ctxt, parserFeatures, formatFeatures, loaderOptions, codec, reader);
  }

  /**
   * An untagged scalar is null when plain and one of YAML's null words ({@code ~}, {@code null},
   * {@code Null}, {@code NULL}); anything else, an empty value too (as Jackson has it), is its
   * text.
   */
  @Override
  protected JsonToken _decodeScalar(ScalarEvent scalar) throws IOException {
    if (scalar.getTag() != null) {
      return super._decodeScalar(scalar);
    }
    String value = scalar.getValue();
    _textValue = value;
    _cleanedTextValue = null;
    boolean plain = scalar.getImplicit().canOmitTagInPlainScalar();
    return plain && isNullWord(value) ? JsonToken.VALUE_NULL : JsonToken.VALUE_STRING;
  }

  private static boolean isNullWord(String v) {
    return switch (v) {
      case "~", "null", "Null", "NULL" -> true;
      default -> false;
    };
  }

  /** The 1-based line the current token starts on, as {@code currentTokenLocation()} has it. */
  int tokenLine() {
    return _lastEvent == null ? 0 : _lastEvent.getStartMark().getLine() + 1;
  }
}
