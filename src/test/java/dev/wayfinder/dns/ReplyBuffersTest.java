package dev.wayfinder.dns;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.DefaultEventLoop;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Message;

class ReplyBuffersTest {
  private static final InetSocketAddress A = new InetSocketAddress("127.0.0.1", 40001);
  private static final InetSocketAddress B = new InetSocketAddress("127.0.0.2", 40002);

  private final EmbeddedChannel channel = new EmbeddedChannel();
  private final ReplyBuffers ring =
      new ReplyBuffers(PooledByteBufAllocator.DEFAULT, channel.eventLoop());

  @Test
  void lendsSlotsAndTakesThemBackWhenTheWriteReleasesThePacket() {
    ByteBuf first = ring.ioBuffer(100).writeInt(1);
    DatagramPacket toA = ring.packet(first, A);
    assertThat(toA.content()).isSameAs(first);
    assertThat(toA.recipient()).isEqualTo(A);
    assertThat(first.refCnt()).as("held by the ring and the write").isEqualTo(2);

    toA.release();
    assertThat(first.refCnt()).as("back in the ring").isEqualTo(1);

    for (int i = 1; i < ReplyBuffers.SLOTS; i++) {
      ring.packet(ring.ioBuffer(10), B).release();
    }
    ByteBuf again = ring.ioBuffer(10);
    assertThat(again).as("the ring came round to the first slot").isSameAs(first);
    assertThat(again.readableBytes()).as("cleared").isZero();
    DatagramPacket toB = ring.packet(again, B);
    assertThat(toB).as("the slot's packet, reused").isSameAs(toA);
    assertThat(toB.recipient()).isEqualTo(B);
    toB.release();
    ring.close();
    assertThat(first.refCnt()).isZero();
  }

  @Test
  void aSlotStillQueuedIsNotLentAgain() {
    ByteBuf held = ring.ioBuffer(4).writeInt(0xCAFE);
    DatagramPacket queued = ring.packet(held, A);
    List<ByteBuf> others = new ArrayList<>();
    for (int i = 1; i < ReplyBuffers.SLOTS + 5; i++) {
      ByteBuf b = ring.ioBuffer(4).writeInt(i);
      others.add(b);
      ring.packet(b, B).release();
    }
    assertThat(others.stream().noneMatch(b -> b == held)).as("never lent again").isTrue();
    assertThat(held.getInt(0)).as("the queued reply is intact").isEqualTo(0xCAFE);
    assertThat(queued.recipient()).isEqualTo(A);
    queued.release();
    ring.close();
  }

  @Test
  void largeRepliesAndOtherThreadsGetPooledBuffersAndTheirOwnPacket() throws Exception {
    ByteBuf large = ring.ioBuffer(ReplyBuffers.SLOT_CAPACITY + 1);
    DatagramPacket p = ring.packet(large, A);
    assertThat(p.content()).isSameAs(large);
    assertThat(large.refCnt()).isEqualTo(1);
    p.release();

    DefaultEventLoop loop = new DefaultEventLoop();
    try {
      ReplyBuffers onLoop = new ReplyBuffers(PooledByteBufAllocator.DEFAULT, loop);
      ByteBuf slot = loop.submit(() -> onLoop.ioBuffer(10)).get();
      ByteBuf fromElsewhere = onLoop.ioBuffer(10);
      assertThat(slot.refCnt()).as("a slot: the ring's reference and the lent one").isEqualTo(2);
      assertThat(fromElsewhere).isNotSameAs(slot);
      assertThat(fromElsewhere.refCnt()).as("a pooled buffer").isEqualTo(1);
      fromElsewhere.release();
      loop.submit(() -> onLoop.packet(slot, A).release()).get();
      assertThat(slot.refCnt()).isEqualTo(1);
      onLoop.close();
    } finally {
      loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
    }
    ring.close();
  }

  @Test
  void twoRepliesInOneBatchGoToTheirOwnAskers() {
    try (UdpHarness h = new UdpHarness(null)) {
      h.channel.writeInbound(query("web.svc.cluster.local.", A));
      h.channel.writeInbound(query("nope.svc.cluster.local.", B));
      DatagramPacket first = h.channel.readOutbound();
      DatagramPacket second = h.channel.readOutbound();
      try {
        assertThat(first.recipient()).isEqualTo(A);
        assertThat(second.recipient()).isEqualTo(B);
        assertThat(first).isNotSameAs(second);
        assertThat(answer(first).getQuestion().getName().toString())
            .isEqualTo("web.svc.cluster.local.");
        assertThat(answer(second).getRcode()).isEqualTo(Rcode.NXDOMAIN);
      } finally {
        first.release();
        second.release();
      }
    }
    ring.close(); // the field's ring, unused here: its slots go back to the pool
  }

  private static DatagramPacket query(String name, InetSocketAddress from) {
    return new DatagramPacket(Unpooled.copiedBuffer(Queries.a(name)), UdpHarness.LOCAL, from);
  }

  private static Message answer(DatagramPacket p) {
    return Queries.parse(ByteBufUtil.getBytes(p.content()));
  }
}
