package dev.wayfinder.health;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import java.io.ByteArrayOutputStream;
import java.nio.channels.ClosedChannelException;
import java.nio.charset.StandardCharsets;

/**
 * The last handler of a probe connection: collects the answer to the one request in flight (status,
 * and up to {@code limit} bytes of body when asked) and calls its {@link Pending} back. A
 * connection carries one request at a time (no pipelining), so one field holds the exchange.
 * Everything here runs on the connection's event loop, as do the callbacks.
 */
final class HttpExchange extends SimpleChannelInboundHandler<HttpObject> {

  /** A response as far as a probe needs it. */
  record Answer(int status, String body, boolean reusable) {}

  /** One request's state, filled on the event loop; told once of the answer or the failure. */
  abstract static class Pending {
    private final int limit;
    private ByteArrayOutputStream body;
    private int status = -1;
    private boolean keepAlive;

    Pending(boolean wantBody, int limit) {
      this.limit = limit;
      this.body = wantBody ? new ByteArrayOutputStream() : null;
    }

    /** The whole answer (or the body prefix) arrived. */
    abstract void answered(Answer answer);

    /** The connection failed or closed before the answer. */
    abstract void failed(Throwable cause);

    private String text() {
      return body == null ? "" : body.toString(StandardCharsets.UTF_8);
    }
  }

  private Pending current;

  /** On the event loop: the next response answers {@code pending}. */
  void begin(Pending pending) {
    current = pending;
  }

  /** On the event loop: the caller gave up (deadline); nothing more is reported to it. */
  void abandon() {
    current = null;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, HttpObject msg) {
    Pending p = current;
    if (p == null) {
      ctx.close(); // bytes nobody asked for: the connection is out of step
      return;
    }
    if (msg.decoderResult().isFailure()) {
      fail(ctx, msg.decoderResult().cause());
      return;
    }
    if (msg instanceof HttpResponse response) {
      p.status = response.status().code();
      p.keepAlive = HttpUtil.isKeepAlive(response);
    }
    if (msg instanceof HttpContent content && p.body != null) {
      ByteBuf data = content.content();
      int take = Math.min(data.readableBytes(), p.limit - p.body.size());
      byte[] chunk = new byte[take];
      data.readBytes(chunk);
      p.body.write(chunk, 0, take);
      if (p.body.size() >= p.limit) {
        // The prefix is all expect_body looks at (SPEC: 64 KiB); the rest is not read.
        current = null;
        ctx.close();
        p.answered(new Answer(p.status, p.text(), false));
        return;
      }
    }
    if (msg instanceof LastHttpContent) {
      current = null;
      p.answered(new Answer(p.status, p.text(), p.keepAlive));
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    Pending p = current;
    current = null;
    if (p != null) {
      p.failed(new ClosedChannelException());
    }
    super.channelInactive(ctx);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    fail(ctx, cause);
  }

  private void fail(ChannelHandlerContext ctx, Throwable cause) {
    Pending p = current;
    current = null;
    ctx.close();
    if (p != null) {
      p.failed(cause);
    }
  }
}
