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
 *
 * <p>Every reply leaves through {@link #send}, which also reports the query to the channel's {@link
 * QueryRecorder}: once per query (a transfer's later messages are not counted again), with the
 * RCODE and ANCOUNT read from the reply's header and the time since {@link #reset}. The path that
 * answers says where the answer came from ({@link #answeredFrom}) before it sends.
 */
final class Exchange {
  /** RFC 1035 4.2.2: a TCP message is at most 65535 octets (2-byte length prefix). */
  static final int TCP_LIMIT = 65535;

  private final WireQuery query;
  private final ChannelHandlerContext ctx;
  private final QueryProtocol protocol;
  private final boolean detached;
  private final ReplyBuffers replies;
  private final QueryRecorder recorder;

  /** False when nothing is recorded: then the clock is not read either. */
  private final boolean timed;

  private ByteBuf packet;
  private InetSocketAddress source;
  private long readNanos;
  private AnswerSource answeredFrom;
  private int extendedRcode;
  private boolean observed;

  /** A TCP exchange: replies in pooled buffers. */
  Exchange(ChannelHandlerContext ctx, QueryRecorder recorder) {
    this(new WireQuery(), ctx, QueryProtocol.TCP, false, null, recorder);
  }

  /** A UDP exchange: replies in {@code replies}' reused buffers and packets. */
  Exchange(ChannelHandlerContext ctx, ReplyBuffers replies, QueryRecorder recorder) {
    this(new WireQuery(), ctx, QueryProtocol.UDP, false, replies, recorder);
  }

  private Exchange(
      WireQuery query,
      ChannelHandlerContext ctx,
      QueryProtocol protocol,
      boolean detached,
      ReplyBuffers replies,
      QueryRecorder recorder) {
    this.query = query;
    this.ctx = ctx;
    this.protocol = protocol;
    this.detached = detached;
    this.replies = replies;
    this.recorder = recorder;
    this.timed = recorder != QueryRecorder.NOOP;
  }

  /**
   * Points this exchange at the next packet (not retained: valid for the current read only), read
   * now; null when the read is done.
   */
  void reset(ByteBuf packet, InetSocketAddress source) {
    this.packet = packet;
    this.source = source;
    if (packet != null) {
      readNanos = timed ? System.nanoTime() : 0;
      answeredFrom = AnswerSource.ERROR;
      extendedRcode = -1;
      observed = false;
    }
  }

  /** Says where the reply about to be sent comes from (default {@link AnswerSource#ERROR}). */
  void answeredFrom(AnswerSource from) {
    answeredFrom = from;
  }

  /** The RCODE to report when it does not fit the header's four bits (BADVERS). */
  void extendedRcode(int rcode) {
    extendedRcode = rcode;
  }

  /**
   * Reports a query the rate limit took: a {@link RateLimitAction#DROP} is not counted as a reply
   * nor as {@link #dropped()}; a {@link RateLimitAction#SLIP} is then sent and counted as a reply.
   */
  void rateLimited(RateLimitAction action) {
    recorder.rateLimited(action);
    if (action == RateLimitAction.DROP) {
      observed = true;
    }
  }

  /** Reports a forwarded query refused because {@code forward_in_flight} are awaiting answers. */
  void forwardRejected() {
    recorder.forwardRejected();
  }

  /** Reports a query that gets no reply (unless its reply already left). */
  void dropped() {
    if (!observed) {
      observed = true;
      recorder.dropped(protocol);
    }
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

  QueryProtocol protocol() {
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
    return protocol == QueryProtocol.TCP ? TCP_LIMIT : query.udpLimit();
  }

  /**
   * Sends one reply message (takes ownership of {@code reply}). On the read path the transport
   * flushes when the read batch completes; a detached exchange flushes at once.
   */
  void send(ByteBuf reply) {
    if (!ctx.channel().isActive()) {
      reply.release();
      dropped();
      return;
    }
    if (!observed) {
      observed = true;
      observe(reply);
    }
    Object msg = replies != null ? replies.packet(reply, source) : reply;
    if (detached) {
      ctx.writeAndFlush(msg, ctx.voidPromise());
    } else {
      ctx.write(msg, ctx.voidPromise());
    }
  }

  private void observe(ByteBuf reply) {
    int at = reply.readerIndex();
    int rcode = extendedRcode >= 0 ? extendedRcode : reply.getByte(at + 3) & 0x0F;
    recorder.replied(
        protocol,
        query.qtype,
        answeredFrom,
        rcode,
        reply.getUnsignedShort(at + 6),
        timed ? System.nanoTime() - readNanos : 0,
        source,
        query.lowerName,
        query.nameLength);
  }

  /**
   * An independent exchange that keeps the packet, its read time and where its answer comes from;
   * the caller must {@link #release()} it.
   */
  Exchange detach() {
    Exchange copy = new Exchange(query.copy(), ctx, protocol, true, replies, recorder);
    copy.reset(packet.retain(), source);
    copy.readNanos = readNanos;
    copy.answeredFrom = answeredFrom;
    return copy;
  }

  /** Releases a detached exchange's packet. */
  void release() {
    if (detached) {
      packet.release();
    }
  }
}
