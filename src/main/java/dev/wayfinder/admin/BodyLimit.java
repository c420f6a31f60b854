package dev.wayfinder.admin;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * Netty's aggregator with a JSON 413: a request body over {@link #MAX_BODY} bytes, declared by
 * {@code Content-Length} or found while chunks arrive, is answered {@code {"error": ...}} and the
 * connection closes (the rest of the body is not read).
 */
final class BodyLimit extends HttpObjectAggregator {
  /** The largest request body accepted: 1 MiB. */
  static final int MAX_BODY = 1 << 20;

  BodyLimit() {
    super(MAX_BODY);
  }

  @Override
  protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
    HttpRouter.write(
        ctx,
        Reply.error(
            HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE,
            "the request body is larger than " + MAX_BODY + " bytes"),
        false);
  }
}
