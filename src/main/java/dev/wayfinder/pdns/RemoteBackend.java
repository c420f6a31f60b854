package dev.wayfinder.pdns;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wayfinder.zone.ZoneSnapshot;
import dev.wayfinder.zone.ZoneView;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * PowerDNS's remote-backend calls, answered from the zone in force. A call is {@code {"method": M,
 * "parameters": {...}}} and its answer {@code {"result": R}}, where {@code false} means "nothing"
 * (an unknown name, a method this zone has no use for: keys, TSIG, secondaries, updates).
 *
 * <p>The zone is one domain with id {@value #DOMAIN_ID}, kind {@code native}: its records are the
 * zone transfer's (the whole answer set of each service, no {@code max_answers} window, no
 * rotation), and each call reads the snapshot in force, so a health change shows at once.
 * Thread-safe: the index of the last snapshot seen is built by one caller at a time, so connections
 * that ask together after a change wait for one build instead of each making one.
 */
public final class RemoteBackend {
  private static final Logger log = LoggerFactory.getLogger(RemoteBackend.class);

  /** The id PowerDNS knows the zone by. */
  static final int DOMAIN_ID = 1;

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private final ZoneView zone;
  private ZoneIndex index; // guarded by this

  public RemoteBackend(ZoneView zone) {
    this.zone = zone;
  }

  /** Answers one call given as JSON text; a malformed call is answered {@code false}. */
  public String handle(String call) {
    try {
      return handle(MAPPER.readTree(call)).toString();
    } catch (JsonProcessingException e) {
      log.debug("malformed remote-backend call: {}", e.getOriginalMessage());
      return answer(BooleanNode.FALSE).toString();
    }
  }

  /** Answers one call, a JSON object {@code {"method": M, "parameters": {...}}}. */
  public ObjectNode handle(JsonNode call) {
    return answer(call(call.path("method").asText(""), call.path("parameters")));
  }

  /**
   * Answers a call of PowerDNS's HTTP connector, which puts the method and its name-like parameters
   * in the path ({@code lookup/QNAME/QTYPE}, {@code getDomainInfo/NAME}, {@code
   * getDomainMetadata/NAME/KIND}, {@code list/DOMAIN_ID/ZONENAME}) and the rest in headers this
   * zone has no use for.
   *
   * @param segments the path below the connector's URL, decoded
   */
  public ObjectNode rest(List<String> segments) {
    if (segments.isEmpty()) {
      return answer(BooleanNode.FALSE);
    }
    String method = segments.get(0);
    ObjectNode p = JSON.objectNode();
    List<String> names =
        switch (method) {
          case "lookup" -> List.of("qname", "qtype");
          case "getDomainInfo", "getAllDomainMetadata" -> List.of("name");
          case "getDomainMetadata" -> List.of("name", "kind");
          case "list" -> List.of("domain_id", "zonename");
          default -> List.of();
        };
    for (int i = 0; i < names.size() && i + 1 < segments.size(); i++) {
      p.put(names.get(i), segments.get(i + 1));
    }
    return answer(call(method, p));
  }

  /** The result of {@code method} with {@code parameters} (a JSON object). */
  JsonNode call(String method, JsonNode parameters) {
    return switch (method) {
      case "initialize" -> BooleanNode.TRUE;
      case "lookup" -> lookup(parameters.path("qname").asText(), parameters.path("qtype").asText());
      case "getAllDomains" -> JSON.arrayNode().add(domainInfo(index()));
      case "getDomainInfo" -> ours(parameters.path("name").asText()) ? domainInfo(index()) : no();
      case "getAllDomainMetadata" -> JSON.objectNode();
      case "getDomainMetadata" -> JSON.arrayNode();
      case "list" -> list(parameters);
      default -> no();
    };
  }

  private JsonNode lookup(String qname, String qtype) {
    int type = qtype.equalsIgnoreCase("ANY") ? Type.ANY : Type.value(qtype);
    if (type < 0) {
      return no();
    }
    ZoneIndex ix = index();
    ArrayNode out = JSON.arrayNode();
    if (type == Type.ANY && ix.emptyNonTerminal(qname)) {
      out.add(emptyNonTerminal(qname));
    }
    for (Record r : ix.at(qname)) {
      if (type == Type.ANY || r.getType() == type) {
        out.add(record(r));
      }
    }
    return out.isEmpty() ? no() : out;
  }

  private JsonNode list(JsonNode p) {
    String zonename = p.path("zonename").asText("");
    boolean byId = p.path("domain_id").asText("").equals(Integer.toString(DOMAIN_ID));
    if (!byId && !ours(zonename)) {
      return no();
    }
    ArrayNode out = JSON.arrayNode();
    index().all().forEach(r -> out.add(record(r)));
    return out;
  }

  private boolean ours(String name) {
    return ZoneIndex.key(name).equals(ZoneIndex.key(zone.current().origin().toString()));
  }

  private static ObjectNode domainInfo(ZoneIndex ix) {
    ZoneSnapshot s = ix.snapshot();
    ObjectNode d = JSON.objectNode();
    d.put("id", DOMAIN_ID);
    d.put("zone", s.origin().toString());
    d.put("kind", "native");
    d.put("serial", s.serial());
    d.put("notified_serial", s.serial());
    d.put("last_check", 0);
    d.putArray("masters");
    return d;
  }

  /** PowerDNS's own marker of a name that exists without records (its type 0, "ENT"). */
  private static ObjectNode emptyNonTerminal(String qname) {
    ObjectNode o = JSON.objectNode();
    o.put("qtype", "ENT");
    o.put("qname", ZoneIndex.key(qname));
    o.put("content", "");
    o.put("ttl", 0);
    o.put("auth", true);
    o.put("domain_id", DOMAIN_ID);
    return o;
  }

  private static ObjectNode record(Record r) {
    ObjectNode o = JSON.objectNode();
    o.put("qtype", Type.string(r.getType()));
    o.put("qname", r.getName().toString());
    o.put("content", r.rdataToString());
    o.put("ttl", r.getTTL());
    o.put("auth", true);
    o.put("domain_id", DOMAIN_ID);
    return o;
  }

  /** The index of the snapshot in force, built when the zone changed since the last call. */
  private synchronized ZoneIndex index() {
    ZoneSnapshot now = zone.current();
    if (index == null || index.snapshot() != now) {
      index = ZoneIndex.of(now);
    }
    return index;
  }

  private static JsonNode no() {
    return BooleanNode.FALSE;
  }

  private static ObjectNode answer(JsonNode result) {
    ObjectNode a = JSON.objectNode();
    a.set("result", result);
    return a;
  }
}
