package dev.wayfinder.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Jackson's YAML parser types plain scalars (YAML 1.1 reads {@code off} as false, {@code 010} as
 * eight); the tree keeps each as written, so the config's own parsers see the text, and its line.
 */
class YamlTreeReaderTest {

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "off          | off          | false",
        "Yes          | Yes          | false",
        "010          | 010          | false",
        "0x1F         | 0x1F         | false",
        "1_000        | 1_000        | false",
        "1e3          | 1e3          | false",
        ".inf         | .inf         | false",
        "2002-12-14   | 2002-12-14   | false",
        "'null'       | null         | false",
        "\"~\"        | ~            | false",
        "''           | ''           | false",
        "!!str 010    | 010          | false",
        "~            | ''           | true",
        "null         | ''           | true",
        "NULL         | ''           | true",
      })
  void keepsAScalarAsWritten(String written, String text, boolean isNull) throws Exception {
    YamlNode.Mapping root = (YamlNode.Mapping) read("a: 1\nb: " + written + "\n");

    YamlNode.Entry b = root.entries().get(1);
    assertThat(b.line()).isEqualTo(2);
    assertThat(b.value()).isEqualTo(new YamlNode.Scalar(2, text.equals("''") ? "" : text, isNull));
  }

  private static YamlNode read(String yaml) throws Exception {
    return YamlTreeReader.read(new StringReader(yaml), (i, item) -> {}, false);
  }
}
