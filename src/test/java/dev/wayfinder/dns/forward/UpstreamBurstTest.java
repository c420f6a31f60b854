package dev.wayfinder.dns.forward;

import static dev.wayfinder.dns.forward.Answers.lowerWire;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wayfinder.testing.KnotPeer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Type;

/**
 * Thousands of misses at once, as when the bench's answers expire together: a real Knot with one
 * worker must answer every one. Before {@link InFlightLimit}, 10–20% of such a burst overflowed
 * Knot's receive buffer and timed out.
 */
class UpstreamBurstTest {
  private static final int NAMES = 5000;

  @TempDir Path knotDir;

  @Test
  void everyQueryOfABurstIsAnswered() throws Exception {
    StringBuilder zone =
        new StringBuilder(
            """
            $ORIGIN burst.test.
            @  3600 IN SOA ns.burst.test. admin.burst.test. 1 3600 600 86400 300
            @  3600 IN NS  ns
            ns  300 IN A   127.0.0.1
            """);
    for (int i = 0; i < NAMES; i++) {
      zone.append("h").append(i).append(" 30 IN A 192.0.2.1\n");
    }
    EventLoopGroup group = new NioEventLoopGroup(1);
    try (KnotPeer knot = KnotPeer.primary(knotDir, "burst.test.", zone.toString())) {
      UpstreamClient client =
          new UpstreamClient(
              knot.address(), Duration.ofSeconds(5), group, UpstreamClient.SocketPolicy.DEFAULT);
      for (int round = 0; round < 3; round++) {
        List<CompletableFuture<byte[]>> replies = new ArrayList<>();
        for (int i = 0; i < NAMES; i++) {
          CacheKey key = new CacheKey(lowerWire("h" + i + ".burst.test."), Type.A, DClass.IN);
          replies.add(client.send(key));
        }

        long failed =
            replies.stream()
                .filter(
                    r ->
                        r.handle((reply, error) -> error != null)
                            .orTimeout(30, TimeUnit.SECONDS)
                            .join())
                .count();

        assertThat(failed).as("round %d", round).isZero();
      }
      client.stop();
    } finally {
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
  }
}
