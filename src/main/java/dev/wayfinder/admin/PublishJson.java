package dev.wayfinder.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wayfinder.publish.TargetStatus;
import java.util.List;

/**
 * {@code GET /api/v1/publish}: {@code {"targets": [{"type", "target", "status", "last_success",
 * "last_error", "pending"}]}}, times in RFC 3339, {@code null} where nothing happened yet.
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
}
