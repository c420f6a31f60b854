package dev.wayfinder.dns;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.timeout.IdleStateEvent;
import java.net.InetSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves one TCP connection, one message per frame from {@link TcpFrameDecoder}. Each query is
 * handled as it arrives (pipelining, RFC 7766 6.2.1.1); zone answers go out in order, forwarded
 * ones when they are ready. An idle connection is closed (RFC 7766 6.2.3), and so is one that sends
 * something that is not a query.
 */
final class TcpHandler extends SimpleChannelInboundHandler<ByteBuf> {
  private static final Logger log = LoggerFactory.getLogger(TcpHandler.class);

  private final RequestProcessor processor;
  private Exchange exchange;

  TcpHandler(RequestProcessor processor) {
    super(ByteBuf.class, true);
    this.processor = processor;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    exchange = new Exchange(ctx, processor.recorder());
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, ByteBuf frame) {
    exchange.reset(frame, (InetSocketAddress) ctx.channel().remoteAddress());
    ParseResult parsed = processor.process(exchange);
    exchange.reset(null, null);
    if (parsed == ParseResult.DROP) {
      // Replies to the queries before it in this read are written but not flushed yet.
      ctx.flush();
      ctx.close();
    }
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    ctx.flush();
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    if (evt instanceof IdleStateEvent) {
      log.debug("closing idle connection from {}", ctx.channel().remoteAddress());
      ctx.close();
    } else {
      ctx.fireUserEventTriggered(evt);
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    log.debug("closing connection from {}", ctx.channel().remoteAddress(), cause);
    ctx.close();
  }
}
