package dev.wayfinder.admin;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.FullHttpMessage;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;

/**
 * Netty's aggregator with a JSON 413: a request body over {@link #MAX_BODY} bytes, declared by
 * {@code Content-Length} or found while chunks arrive, is answered {@code {"error": ...}} and the
 * rest of the body is skipped. A request that asks {@code Expect: 100-continue} for a body over the
 * limit gets the same 413 instead of the go-ahead, and its body (if the client sends it anyway) is
 * skipped.
 */
final class BodyLimit extends HttpObjectAggregator {
  /** The largest request body accepted: 1 MiB. */
  static final int MAX_BODY = 1 << 20;

  BodyLimit() {
    super(MAX_BODY);
  }

  @Override
  protected Object newContinueResponse(
      HttpMessage start, int maxContentLength, ChannelPipeline pipeline) {
    Object answer = super.newContinueResponse(start, maxContentLength, pipeline);
    if (answer instanceof FullHttpResponse r
        && r.status().equals(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE)) {
      r.release();
      return HttpRouter.response(tooLarge());
    }
    return answer;
  }

  private static Reply tooLarge() {
    return Reply.error(
        HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE,
        "the request body is larger than " + MAX_BODY + " bytes");
  }

  /**
   * A client still sending its body would get a reset rather than the answer if the connection
   * closed now, so a kept-alive connection stays open: the aggregator skips the rest of the body
   * and reads the next request. A whole message (nothing more to come) or one that does not keep
   * alive closes after the answer, as Netty's own does.
   */
  @Override
  protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
    boolean more = !(oversized instanceof FullHttpMessage);
    HttpRouter.write(ctx, tooLarge(), more && HttpUtil.isKeepAlive(oversized));
  }
}
