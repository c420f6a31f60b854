package dev.wayfinder.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link ConfigYamlParser} skips Jackson's scalar typing: for every scalar and key it must still
 * give what Jackson's own parser gives the config reader — null or not, the text, the line.
 */
class ConfigYamlParserTest {
  private static final YAMLFactory FAST = new ConfigYamlParser.Factory(YAMLFactory.builder());
  private static final YAMLFactory JACKSON = YAMLFactory.builder().build();

  @ParameterizedTest
  @ValueSource(
      strings = {
        "a: 010\nb: 0x1F\nc: 1_000\nd: +5\ne: 1e3\nf: .inf\ng: -.5\nh: 0o17\ni: 0b101\n",
        "a: off\nb: Yes\nc: TRUE\nd: n\ne: on\nf: False\n",
        "a: ~\nb: null\nc: Null\nd: NULL\ne:\nf: nUll\ng: 'null'\nh: \"\"\ni: ''\nj: \"~\"\n",
        "a: 2001-12-14t21:59:43.10-05:00\nb: 2002-12-14\nc: 12:30:00\nd: <<\ne: =\n",
        "a: !!str 010\nb: !!int 7\nc: !!null ''\nd: !!bool yes\ne: !foo bar\n",
        "a: &x 1\nb: *x\nlist: [1, ~, '', x, {k: v}]\n",
        "services:\n  - {name: s0, endpoints: [{address: 198.18.0.1, weight: 10}]}\n"
            + "  - name: s1\n    ports: [{name: http, protocol: tcp, port: 8080}]\n",
        "text: |\n  two\n  lines\nfolded: >\n  one\n  line\n~: nullkey\n1: intkey\n",
        "",
        "- a\n- 1\n- ~\n",
      })
  void seesWhatJacksonSees(String yaml) throws IOException {
    assertThat(tokens(FAST, yaml)).isEqualTo(tokens(JACKSON, yaml));
  }

  /** Per token: its kind as the reader uses it (null, map, list, name, text), text and line. */
  private static List<String> tokens(YAMLFactory factory, String yaml) throws IOException {
    List<String> out = new ArrayList<>();
    try (JsonParser p = factory.createParser(new StringReader(yaml))) {
      for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
        int line =
            p instanceof ConfigYamlParser c ? c.tokenLine() : p.currentTokenLocation().getLineNr();
        String kind =
            switch (t) {
              case START_OBJECT, END_OBJECT, START_ARRAY, END_ARRAY -> t.name();
              case FIELD_NAME -> "name " + p.currentName();
              case VALUE_NULL -> "null";
              default -> "text " + p.getText();
            };
        out.add(line + " " + kind);
      }
    }
    return out;
  }
}
