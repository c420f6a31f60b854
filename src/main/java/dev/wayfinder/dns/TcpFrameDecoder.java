package dev.wayfinder.dns;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Splits a TCP stream into DNS messages by their 2-byte length prefix (RFC 1035 4.2.2, RFC 7766 8).
 * A frame too short to hold a header means the peer is not speaking DNS: the connection is closed
 * rather than resynchronised, once the replies to the frames before it are flushed.
 *
 * <p>A message begun must arrive whole within {@code messageTimeout} of its first byte (the
 * slow-read timeout of RFC 7766 6.2.3): a client that trickles a byte now and then resets the idle
 * timer, but cannot hold a connection slot with one message for longer than this.
 */
final class TcpFrameDecoder extends ByteToMessageDecoder {
  private static final Logger log = LoggerFactory.getLogger(TcpFrameDecoder.class);
  private static final int HEADER = 12;

  private final long messageTimeoutNanos;
  private ScheduledFuture<?> deadline;

  TcpFrameDecoder(Duration messageTimeout) {
    this.messageTimeoutNanos = messageTimeout.toNanos();
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    int before = out.size();
    split(ctx, in, out);
    if (out.size() > before || !in.isReadable()) {
      cancelDeadline();
    }
    if (in.isReadable() && deadline == null && ctx.channel().isActive()) {
      deadline =
          ctx.executor()
              .schedule(
                  () -> {
                    log.debug("closing {}: a message unfinished", ctx.channel().remoteAddress());
                    ctx.close();
                  },
                  messageTimeoutNanos,
                  TimeUnit.NANOSECONDS);
    }
  }

  @Override
  protected void handlerRemoved0(ChannelHandlerContext ctx) {
    cancelDeadline();
  }

  private void cancelDeadline() {
    if (deadline != null) {
      deadline.cancel(false);
      deadline = null;
    }
  }

  private static void split(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    while (in.readableBytes() >= 2) {
      int length = in.getUnsignedShort(in.readerIndex());
      if (in.readableBytes() < 2 + length) {
        return;
      }
      if (length < HEADER) {
        if (!out.isEmpty()) {
          // The frames before it are answered first: the decoder hands them on, then comes back.
          return;
        }
        // Only once the whole short frame is in: a close with its last bytes still arriving makes
        // the peer's kernel see a reset instead of the end of the stream.
        log.debug("closing {}: frame of {} bytes", ctx.channel().remoteAddress(), length);
        in.skipBytes(in.readableBytes());
        ctx.flush();
        ctx.close();
        return;
      }
      out.add(in.retainedSlice(in.readerIndex() + 2, length));
      in.skipBytes(2 + length);
    }
  }
}
