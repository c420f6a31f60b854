package dev.wayfinder.admin;

import static io.netty.handler.codec.http.HttpResponseStatus.SERVICE_UNAVAILABLE;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.Attribute;
import io.netty.util.AttributeKey;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last handler of every admin connection: refuses what could not be decoded (400) or lacks the
 * token (401), starts event streams on the event loop (they only write), and hands every other
 * request to the worker executor, whose answer is written back on the channel. Nothing here waits:
 * a PUT waits for its commit on a worker, never on the event loop.
 */
@ChannelHandler.Sharable
final class HttpRouter extends SimpleChannelInboundHandler<FullHttpRequest> {
  private static final Logger log = LoggerFactory.getLogger(HttpRouter.class);

  /** The answer last handed to the workers on a connection. */
  private static final AttributeKey<CompletableFuture<Void>> LAST =
      AttributeKey.valueOf("wayfinder.admin.last");

  private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

  private final Routes routes;
  private final EventStream events;
  private final BearerToken token;
  private final ExecutorService workers;

  HttpRouter(Routes routes, EventStream events, BearerToken token, ExecutorService workers) {
    this.routes = routes;
    this.events = events;
    this.token = token;
    this.workers = workers;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
    if (!req.decoderResult().isSuccess()) {
      write(ctx, Reply.error(HttpResponseStatus.BAD_REQUEST, "malformed HTTP request"), false);
      return;
    }
    boolean keepAlive = HttpUtil.isKeepAlive(req);
    Request r;
    try {
      r = Request.of(req.method(), req.uri(), ByteBufUtil.getBytes(req.content()));
    } catch (IllegalArgumentException e) {
      write(ctx, Reply.error(HttpResponseStatus.BAD_REQUEST, "malformed request path"), false);
      return;
    }
    if (BearerToken.guards(r.path())
        && !token.admits(req.headers().get(HttpHeaderNames.AUTHORIZATION))) {
      Reply denied =
          Reply.error(
                  HttpResponseStatus.UNAUTHORIZED,
                  "a valid Authorization: Bearer token is required")
              .withHeader("WWW-Authenticate", "Bearer");
      write(ctx, denied, keepAlive);
      return;
    }
    if (isFollow(r)) {
      events.open(ctx.channel());
      return;
    }
    // Answers on one connection go out in the order of its requests (HTTP/1.1 pipelining): each
    // runs after the one before it on that connection, on whichever worker is free.
    Attribute<CompletableFuture<Void>> last = ctx.channel().attr(LAST);
    CompletableFuture<Void> before = last.get() == null ? DONE : last.get();
    last.set(
        before
            .thenRunAsync(() -> write(ctx, answer(r), keepAlive), workers)
            .exceptionally(
                stopping -> {
                  write(ctx, Reply.error(SERVICE_UNAVAILABLE, "shutting down"), false);
                  return null;
                }));
  }

  private static boolean isFollow(Request r) {
    return r.method().equals(HttpMethod.GET)
        && r.path().equals("/api/v1/events")
        && r.flag("follow");
  }

  private Reply answer(Request r) {
    try {
      return routes.handle(r);
    } catch (Exception | Error e) {
      log.warn("admin request {} {} failed", r.method(), r.path(), e);
      return Reply.error(HttpResponseStatus.INTERNAL_SERVER_ERROR, "internal error: " + e);
    }
  }

  /** Writes {@code reply} (from any thread); closes the connection after it unless kept alive. */
  static void write(ChannelHandlerContext ctx, Reply reply, boolean keepAlive) {
    FullHttpResponse res = response(reply);
    if (keepAlive) {
      res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
      ctx.writeAndFlush(res);
    } else {
      res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
      ctx.writeAndFlush(res).addListener(ChannelFutureListener.CLOSE);
    }
  }

  /** {@code reply} as a Netty response with its length. */
  static FullHttpResponse response(Reply reply) {
    FullHttpResponse res =
        new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1, reply.status(), Unpooled.wrappedBuffer(reply.body()));
    if (reply.contentType() != null) {
      res.headers().set(HttpHeaderNames.CONTENT_TYPE, reply.contentType());
    }
    for (Map.Entry<String, String> h : reply.headers().entrySet()) {
      res.headers().set(h.getKey(), h.getValue());
    }
    HttpUtil.setContentLength(res, reply.body().length);
    return res;
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    log.debug("admin connection {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
    ctx.close();
  }
}
