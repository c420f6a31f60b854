package dev.wayfinder.dns;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoop;
import java.net.InetSocketAddress;

/**
 * One query in flight: the parsed query, its raw bytes, who sent it, and the way back. A transport
 * handler owns one and {@link #reset}s it per packet, so the synchronous path allocates nothing;
 * {@link #detach()} makes an independent copy for replies that come later.
 */
final class Exchange {
  /** The transport a query came in on; it decides the size limit and the framing of replies. */
  enum Protocol {
    UDP,
    TCP
  }

  /** RFC 1035 4.2.2: a TCP message is at most 65535 octets (2-byte length prefix). */
  static final int TCP_LIMIT = 65535;

  private final WireQuery query;
  private final ChannelHandlerContext ctx;
  private final Protocol protocol;
  private final boolean detached;
  private final ReplyBuffers replies;
  private ByteBuf packet;
  private InetSocketAddress source;

  /** A TCP exchange: replies in pooled buffers. */
  Exchange(ChannelHandlerContext ctx) {
    this(new WireQuery(), ctx, Protocol.TCP, false, null);
  }

  /** A UDP exchange: replies in {@code replies}' reused buffers and packets. */
  Exchange(ChannelHandlerContext ctx, ReplyBuffers replies) {
    this(new WireQuery(), ctx, Protocol.UDP, false, replies);
  }

  private Exchange(
      WireQuery query,
      ChannelHandlerContext ctx,
      Protocol protocol,
      boolean detached,
      ReplyBuffers replies) {
    this.query = query;
    this.ctx = ctx;
    this.protocol = protocol;
    this.detached = detached;
    this.replies = replies;
  }

  /** Points this exchange at the next packet (not retained: valid for the current read only). */
  void reset(ByteBuf packet, InetSocketAddress source) {
    this.packet = packet;
    this.source = source;
  }

  WireQuery query() {
    return query;
  }

  /** The query message: readable bytes from its first octet. Do not move its indices. */
  ByteBuf packet() {
    return packet;
  }

  InetSocketAddress source() {
    return source;
  }

  Protocol protocol() {
    return protocol;
  }

  /** Where replies are written: the channel's reply ring for UDP, the pooled allocator for TCP. */
  ByteBufAllocator alloc() {
    return replies != null ? replies : ctx.alloc();
  }

  /** The channel's event loop: detached work completes there, so writes stay in order. */
  EventLoop eventLoop() {
    return ctx.channel().eventLoop();
  }

  /** The largest reply allowed: the client's UDP limit, or 65535 over TCP. */
  int sizeLimit() {
    return protocol == Protocol.TCP ? TCP_LIMIT : query.udpLimit();
  }

  /**
   * Sends one reply message (takes ownership of {@code reply}). On the read path the transport
   * flushes when the read batch completes; a detached exchange flushes at once.
   */
  void send(ByteBuf reply) {
    if (!ctx.channel().isActive()) {
      reply.release();
      return;
    }
    Object msg = replies != null ? replies.packet(reply, source) : reply;
    if (detached) {
      ctx.writeAndFlush(msg, ctx.voidPromise());
    } else {
      ctx.write(msg, ctx.voidPromise());
    }
  }

  /** An independent exchange that keeps the packet; the caller must {@link #release()} it. */
  Exchange detach() {
    Exchange copy = new Exchange(query.copy(), ctx, protocol, true, replies);
    copy.reset(packet.retain(), source);
    return copy;
  }

  /** Releases a detached exchange's packet. */
  void release() {
    if (detached) {
      packet.release();
    }
  }
}
