package dev.wayfinder.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wayfinder.registry.IpLiteral;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TargetsTest {

  @ParameterizedTest
  @CsvSource({
    "http://{}:8080/healthz, 10.0.0.1, http://10.0.0.1:8080/healthz",
    "http://{}:8080/healthz, fd00::1, http://[fd00:0:0:0:0:0:0:1]:8080/healthz",
    "https://{}/, ::1, https://[0:0:0:0:0:0:0:1]/",
    "https://web.example:8443/h, 10.0.0.1, https://web.example:8443/h",
    "http://127.0.0.1:80/health/{}, fd00::1, http://127.0.0.1:80/health/fd00:0:0:0:0:0:0:1",
    "http://{}:80/h?who={}, fd00::1, http://[fd00:0:0:0:0:0:0:1]:80/h?who=fd00:0:0:0:0:0:0:1",
  })
  void urlReplacesThePlaceholderWithBracketedIpv6(String template, String address, String url) {
    assertThat(Targets.url(template, IpLiteral.toAddress(address))).isEqualTo(url);
  }

  @Test
  void socketAddressOfHostPortTemplates() {
    var endpoint = IpLiteral.toAddress("fd00::1");
    assertThat(Targets.socketAddress("{}:53", endpoint))
        .isEqualTo(new InetSocketAddress(endpoint, 53));
    assertThat(Targets.socketAddress("[::1]:5300", endpoint))
        .isEqualTo(new InetSocketAddress(IpLiteral.toAddress("::1"), 5300));
    assertThat(Targets.socketAddress("127.0.0.1:80", endpoint).getAddress())
        .isEqualTo(Fixtures.LOCAL);
  }

  @Test
  void expectedStatusRanges() {
    ExpectedStatus s = ExpectedStatus.parse("200-299, 304");
    assertThat(s.accepts(200)).isTrue();
    assertThat(s.accepts(299)).isTrue();
    assertThat(s.accepts(304)).isTrue();
    assertThat(s.accepts(303)).isFalse();
    assertThat(s.accepts(503)).isFalse();
  }
}
