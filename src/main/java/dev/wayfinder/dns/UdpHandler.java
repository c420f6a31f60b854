package dev.wayfinder.dns;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves one UDP socket: one instance per datagram channel, and so per event-loop thread, which
 * lets it reuse a single {@link Exchange} for every packet and a ring of {@link ReplyBuffers}.
 * Replies are flushed once per read batch. Errors are logged and the socket keeps serving.
 */
final class UdpHandler extends SimpleChannelInboundHandler<DatagramPacket> {
  private static final Logger log = LoggerFactory.getLogger(UdpHandler.class);

  private final RequestProcessor processor;
  private ReplyBuffers replies;
  private Exchange exchange;

  UdpHandler(RequestProcessor processor) {
    super(DatagramPacket.class, true);
    this.processor = processor;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    replies = new ReplyBuffers(ctx.alloc(), ctx.channel().eventLoop());
    exchange = new Exchange(ctx, replies, processor.recorder());
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    replies.close();
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
    exchange.reset(packet.content(), packet.sender());
    processor.process(exchange);
    exchange.reset(null, null);
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    ctx.flush();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    // A UDP socket error (e.g. ICMP port unreachable surfacing) concerns one peer, not the socket.
    log.debug("UDP error on {}", ctx.channel().localAddress(), cause);
  }
}
