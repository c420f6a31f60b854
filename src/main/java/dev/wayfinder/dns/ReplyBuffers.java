package dev.wayfinder.dns;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;

/**
 * The UDP replies of one channel, written into a small ring of reused direct buffers, each with its
 * own reused outbound {@link DatagramPacket}, instead of a pooled buffer and a new packet per
 * reply.
 *
 * <p>Not Netty's pooled allocator: its thread cache, arenas and recycler of buffer objects cost
 * more per reply than a fixed ring of reused buffers, for buffers that live only from compose to
 * the end of the read batch's sendmmsg; and a reused packet leaves the reply path allocating
 * nothing (docs/performance.md). A channel is served by one event-loop thread and flushes once per
 * read batch (at most {@link Transport#DATAGRAMS_PER_READ} replies), so a ring a few batches long
 * is always free by the time it comes round again.
 *
 * <p>How a slot is lent: its buffer is held with one reference by the ring; lending retains it
 * (two) and the write's release after sendmmsg (or {@link Exchange#send}'s on a closed channel)
 * gives it back (one). A slot whose count is not one is still queued in the channel (a full socket
 * buffer): that reply, and any asked off the event loop or larger than a slot, comes from the
 * pooled allocator. Every other request of this allocator goes to the pooled one as well.
 */
final class ReplyBuffers implements ByteBufAllocator {
  /** Slots in the ring (a power of two): four read batches. */
  static final int SLOTS = 4 * Transport.DATAGRAMS_PER_READ;

  /** A slot's capacity: the largest UDP reply the server sends (its EDNS payload size). */
  static final int SLOT_CAPACITY = WireQuery.SERVER_UDP_LIMIT;

  private static final InetSocketAddress UNSET = new InetSocketAddress(0);

  private final ByteBufAllocator pooled;
  private final EventLoop loop;
  private final ByteBuf[] buffers = new ByteBuf[SLOTS];
  private final ReplyPacket[] packets = new ReplyPacket[SLOTS];
  private int next;
  private ByteBuf lent;
  private ReplyPacket lentPacket;

  ReplyBuffers(ByteBufAllocator pooled, EventLoop loop) {
    this.pooled = pooled;
    this.loop = loop;
    for (int i = 0; i < SLOTS; i++) {
      buffers[i] = pooled.directBuffer(SLOT_CAPACITY, SLOT_CAPACITY);
      packets[i] = new ReplyPacket(buffers[i]);
    }
  }

  /** A reply buffer of at least {@code capacity} bytes: a free slot when there is one. */
  @Override
  public ByteBuf ioBuffer(int capacity) {
    ByteBuf slot = buffers[next];
    if (capacity > SLOT_CAPACITY || slot.refCnt() != 1 || !loop.inEventLoop()) {
      return pooled.ioBuffer(capacity);
    }
    lent = slot.clear().retain();
    lentPacket = packets[next];
    next = (next + 1) & (SLOTS - 1);
    return slot;
  }

  /** The datagram carrying {@code reply} to {@code recipient}: the slot's own when it is one. */
  DatagramPacket packet(ByteBuf reply, InetSocketAddress recipient) {
    if (reply == lent && loop.inEventLoop()) {
      lent = null;
      lentPacket.recipient = recipient;
      return lentPacket;
    }
    return new DatagramPacket(reply, recipient);
  }

  /** Drops the ring's own references: the slots go back to the pool once no write holds them. */
  void close() {
    for (ByteBuf b : buffers) {
      b.release();
    }
  }

  /**
   * A datagram whose recipient is set per reply. Netty's epoll write path (sendmmsg included) reads
   * the recipient through {@link #recipient()}, and releasing the packet releases the slot's
   * buffer.
   */
  private static final class ReplyPacket extends DatagramPacket {
    private InetSocketAddress recipient = UNSET;

    ReplyPacket(ByteBuf slot) {
      super(slot, UNSET);
    }

    @Override
    public InetSocketAddress recipient() {
      return recipient;
    }
  }

  // Everything else is the pooled allocator's.

  @Override
  public ByteBuf ioBuffer() {
    return pooled.ioBuffer();
  }

  @Override
  public ByteBuf ioBuffer(int initialCapacity, int maxCapacity) {
    return pooled.ioBuffer(initialCapacity, maxCapacity);
  }

  @Override
  public ByteBuf buffer() {
    return pooled.buffer();
  }

  @Override
  public ByteBuf buffer(int initialCapacity) {
    return pooled.buffer(initialCapacity);
  }

  @Override
  public ByteBuf buffer(int initialCapacity, int maxCapacity) {
    return pooled.buffer(initialCapacity, maxCapacity);
  }

  @Override
  public ByteBuf heapBuffer() {
    return pooled.heapBuffer();
  }

  @Override
  public ByteBuf heapBuffer(int initialCapacity) {
    return pooled.heapBuffer(initialCapacity);
  }

  @Override
  public ByteBuf heapBuffer(int initialCapacity, int maxCapacity) {
    return pooled.heapBuffer(initialCapacity, maxCapacity);
  }

  @Override
  public ByteBuf directBuffer() {
    return pooled.directBuffer();
  }

  @Override
  public ByteBuf directBuffer(int initialCapacity) {
    return pooled.directBuffer(initialCapacity);
  }

  @Override
  public ByteBuf directBuffer(int initialCapacity, int maxCapacity) {
    return pooled.directBuffer(initialCapacity, maxCapacity);
  }

  @Override
  public CompositeByteBuf compositeBuffer() {
    return pooled.compositeBuffer();
  }

  @Override
  public CompositeByteBuf compositeBuffer(int maxNumComponents) {
    return pooled.compositeBuffer(maxNumComponents);
  }

  @Override
  public CompositeByteBuf compositeHeapBuffer() {
    return pooled.compositeHeapBuffer();
  }

  @Override
  public CompositeByteBuf compositeHeapBuffer(int maxNumComponents) {
    return pooled.compositeHeapBuffer(maxNumComponents);
  }

  @Override
  public CompositeByteBuf compositeDirectBuffer() {
    return pooled.compositeDirectBuffer();
  }

  @Override
  public CompositeByteBuf compositeDirectBuffer(int maxNumComponents) {
    return pooled.compositeDirectBuffer(maxNumComponents);
  }

  @Override
  public boolean isDirectBufferPooled() {
    return pooled.isDirectBufferPooled();
  }

  @Override
  public int calculateNewCapacity(int minNewCapacity, int maxCapacity) {
    return pooled.calculateNewCapacity(minNewCapacity, maxCapacity);
  }
}
