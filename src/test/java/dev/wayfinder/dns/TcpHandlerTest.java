package dev.wayfinder.dns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wayfinder.config.Cidr;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.LengthFieldPrepender;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Message;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** The TCP pipeline on an {@link EmbeddedChannel}: framing, pipelining, closing on garbage. */
class TcpHandlerTest {

  /** An embedded channel with a real remote address, as the ACLs need one. */
  private static final class Connection extends EmbeddedChannel {
    Connection(ChannelHandler... handlers) {
      super(handlers);
    }

    @Override
    protected SocketAddress remoteAddress0() {
      return new InetSocketAddress("127.0.0.1", 40000);
    }
  }

  private static Connection connection() {
    Authority zone = new FakeAuthority(3);
    List<Cidr> allow = List.of(Cidr.parse("127.0.0.0/8"));
    RequestProcessor processor =
        new RequestProcessor(
            new QueryRouter(
                zone, new ZoneTransfer(zone, allow, null), new ForwardStep(null, allow)));
    return new Connection(
        new LengthFieldPrepender(2),
        new TcpFrameDecoder(java.time.Duration.ofSeconds(10)),
        new TcpHandler(processor));
  }

  private static ByteBuf frames(byte[]... messages) {
    ByteBuf buf = Unpooled.buffer();
    for (byte[] m : messages) {
      buf.writeShort(m.length).writeBytes(m);
    }
    return buf;
  }

  /** Reassembles what the server wrote into length-prefixed messages. */
  private static List<Message> replies(EmbeddedChannel ch) {
    ByteBuf all = Unpooled.buffer();
    for (ByteBuf out; (out = ch.readOutbound()) != null; ) {
      all.writeBytes(out);
      out.release();
    }
    List<Message> messages = new ArrayList<>();
    while (all.readableBytes() >= 2) {
      messages.add(Queries.parse(ByteBufUtil.getBytes(all.readSlice(all.readUnsignedShort()))));
    }
    assertThat(all.readableBytes()).as("no partial message").isZero();
    all.release();
    return messages;
  }

  @Test
  void answersPipelinedQueriesInOneSegmentInOrder() {
    Connection ch = connection();
    ByteBuf in =
        frames(
            Queries.a("web.svc.cluster.local."),
            Queries.plain("svc.cluster.local.", Type.AXFR),
            Queries.a("nope.svc.cluster.local."));
    ch.writeInbound(in);
    List<Message> replies = replies(ch);
    assertThat(replies).hasSize(3);
    assertThat(replies.get(0).getSection(Section.ANSWER)).hasSize(1);
    assertThat(replies.get(1).getSection(Section.ANSWER)).hasSize(3 + 3);
    assertThat(replies.get(2).getRcode()).isEqualTo(Rcode.NXDOMAIN);
    assertThat(in.refCnt()).isZero();
    assertThat(ch.isActive()).isTrue();
    ch.finishAndReleaseAll();
  }

  @Test
  void waitsForAFrameSplitAcrossSegments() {
    Connection ch = connection();
    ByteBuf whole = frames(Queries.a("web.svc.cluster.local."));
    ch.writeInbound(whole.readRetainedSlice(5));
    assertThat(replies(ch)).isEmpty();
    ch.writeInbound(whole.readRetainedSlice(whole.readableBytes()));
    assertThat(replies(ch)).hasSize(1);
    whole.release();
    ch.finishAndReleaseAll();
  }

  @Test
  void closesOnAFrameShorterThanAHeader() {
    Connection ch = connection();
    ch.writeInbound(frames(new byte[3], Queries.a("web.svc.cluster.local.")));
    assertThat(replies(ch)).isEmpty();
    assertThat(ch.isOpen()).isFalse();
    ch.finishAndReleaseAll();
  }

  @Test
  void closesOnAResponse() {
    Connection ch = connection();
    byte[] response = Queries.a("web.svc.cluster.local.");
    response[2] |= (byte) 0x80;
    ch.writeInbound(frames(response));
    assertThat(ch.isOpen()).isFalse();
    ch.finishAndReleaseAll();
  }
}
