package dev.wayfinder.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wayfinder.publish.PublishEvent;
import dev.wayfinder.publish.TargetStatus;
import java.util.List;

/**
 * {@code GET /api/v1/publish}: {@code {"targets": [{"type", "target", "status", "last_success",
 * "last_error", "pending"}]}}, times in RFC 3339, {@code null} where nothing happened yet; and the
 * EVENT of a publish target.
 */
final class PublishJson {
  private PublishJson() {}

  static ObjectNode targets(List<TargetStatus> statuses) {
    ObjectNode root = Reply.MAPPER.createObjectNode();
    ArrayNode targets = root.putArray("targets");
    for (TargetStatus s : statuses) {
      targets
          .addObject()
          .put("type", s.type())
          .put("target", s.target())
          .put("status", s.status())
          .put("last_success", s.lastSuccess() == null ? null : s.lastSuccess().toString())
          .put("last_error", s.lastError())
          .put("pending", s.pending());
    }
    return root;
  }

  /**
   * EVENT of a publish target: {@code time, kind ("publish"), service (null: a target's state is
   * not one service's), endpoint (null), target, from, to, reason}.
   */
  static ObjectNode event(PublishEvent e) {
    ObjectNode o =
        Reply.MAPPER.createObjectNode().put("time", e.time().toString()).put("kind", "publish");
    o.putNull("service");
    o.putNull("endpoint");
    return o.put("target", e.target())
        .put("from", e.from())
        .put("to", e.to())
        .put("reason", e.reason());
  }
}
