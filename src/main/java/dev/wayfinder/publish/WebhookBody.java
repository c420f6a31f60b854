package dev.wayfinder.publish;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * What a webhook POSTs (SPEC.md "Reload, publishing, shutdown"): the JSON body {@code {"time",
 * "service", "name", "before", "after"}} and its signature {@code sha256=HEX}, HMAC-SHA256 keyed
 * with the secret's UTF-8 bytes over exactly the body bytes.
 */
final class WebhookBody {
  /** The header that carries the signature. */
  static final String SIGNATURE_HEADER = "X-Wayfinder-Signature";

  private static final ObjectMapper JSON = new ObjectMapper();

  private WebhookBody() {}

  /** The body's bytes, UTF-8 JSON; addresses as text, in the change's order (sorted as text). */
  static byte[] of(AnswerSetChange change) {
    ObjectNode body = JSON.createObjectNode();
    body.put("time", change.time().toString());
    body.put("service", change.service());
    body.put("name", change.name());
    addresses(body.putArray("before"), change.before());
    addresses(body.putArray("after"), change.after());
    try {
      return JSON.writeValueAsBytes(body);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot render a webhook body", e);
    }
  }

  private static void addresses(ArrayNode array, List<InetAddress> addresses) {
    for (InetAddress a : addresses) {
      array.add(AnswerSetTracker.text(a));
    }
  }

  /** The header value for {@code body}: {@code sha256=} and the lower-case hex HMAC. */
  static String signature(String secret, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }
}
