package dev.wayfinder.config;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.ObjectCodec;
import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.core.json.ReaderBasedJsonParser;
import com.fasterxml.jackson.core.sym.CharsToNameCanonicalizer;
import java.io.IOException;
import java.io.Reader;

/**
 * Jackson's JSON parser (of a reader) telling the line of the current token without a location
 * object: the line of a key in a field is only in a protected field, and {@code
 * currentTokenLocation()} made one object per key, nine per service of a 100,000-service file.
 */
final class ConfigJsonParser extends ReaderBasedJsonParser {

  /** Makes {@link ConfigJsonParser}s for readers; everything else as {@link JsonFactory}. */
  static final class Factory extends JsonFactory {
    private static final long serialVersionUID = 1L;

    Factory(JsonFactoryBuilder builder) {
      super(builder);
    }

    @Override
    protected JsonParser _createParser(Reader r, IOContext ctxt) throws IOException {
      return new ConfigJsonParser(
          ctxt, _parserFeatures, r, _objectCodec, _rootCharSymbols.makeChild());
    }
  }

  private ConfigJsonParser(
      IOContext ctxt, int features, Reader r, ObjectCodec codec, CharsToNameCanonicalizer st) {
    super(ctxt, features, r, codec, st);
  }

  /** The 1-based line the current token starts on, as {@code currentTokenLocation()} has it. */
  int tokenLine() {
    return _currToken == JsonToken.FIELD_NAME ? _nameStartRow : getTokenLineNr();
  }
}
