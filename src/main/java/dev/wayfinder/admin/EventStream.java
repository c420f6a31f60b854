package dev.wayfinder.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wayfinder.health.HealthChecker;
import dev.wayfinder.health.StateChange;
import dev.wayfinder.publish.PublishEvent;
import dev.wayfinder.publish.PublishEventLog;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@code /api/v1/events}: the recent state changes as JSON, and with {@code ?follow=1} as
 * Server-Sent Events, {@code data: EVENT\n\n} each: the recent ones first, then every new one as
 * the health checker or a publish target reports it. Health changes ({@code "kind": "health"}) and
 * publish targets failing and recovering ({@code "kind": "publish"}) come from two rings, merged by
 * time. A stream ends when its client goes (the channel leaves the group when it closes) or when
 * the server stops ({@link #closeAll}); a comment line every {@link #KEEPALIVE_SECONDS} seconds
 * finds clients that went without a word.
 */
final class EventStream {
  static final int KEEPALIVE_SECONDS = 15;

  private final HealthChecker health;
  private final PublishEventLog publishing;
  private final ChannelGroup streams = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);

  /**
   * Subscribes to {@code health} for good: the checker has no way to unsubscribe, so one listener
   * serves every stream of this server and does nothing once the server has stopped; the same holds
   * for {@code publishing}.
   */
  EventStream(HealthChecker health, PublishEventLog publishing) {
    this.health = health;
    this.publishing = publishing;
    health.addListener(c -> send(ServiceJson.event(c)));
    publishing.addListener(e -> send(PublishJson.event(e)));
  }

  /** {@code {"events": [EVENT...]}}, newest last. */
  static Reply list(HealthChecker health, PublishEventLog publishing) {
    ObjectNode o = Reply.MAPPER.createObjectNode();
    ArrayNode events = o.putArray("events");
    for (ObjectNode e : merged(health.events(), publishing.events())) {
      events.add(e);
    }
    return Reply.ok(o);
  }

  /** Both rings as EVENT JSON, oldest first; a health change goes first when the times tie. */
  static List<ObjectNode> merged(List<StateChange> changes, List<PublishEvent> published) {
    List<ObjectNode> out = new ArrayList<>(changes.size() + published.size());
    int i = 0;
    int j = 0;
    while (i < changes.size() || j < published.size()) {
      boolean takeHealth =
          j == published.size()
              || (i < changes.size() && !changes.get(i).time().isAfter(published.get(j).time()));
      out.add(
          takeHealth ? ServiceJson.event(changes.get(i++)) : PublishJson.event(published.get(j++)));
    }
    return out;
  }

  /** Starts a stream on {@code channel}: the headers, the recent events, then each new one. */
  synchronized void open(Channel channel) {
    HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
    head.headers()
        .set(HttpHeaderNames.CONTENT_TYPE, "text/event-stream; charset=utf-8")
        .set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_CACHE)
        .set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
    channel.write(head);
    StringBuilder replay = new StringBuilder(": wayfinder events\n\n");
    for (ObjectNode e : merged(health.events(), publishing.events())) {
      replay.append(frame(e));
    }
    channel.writeAndFlush(chunk(replay.toString()));
    streams.add(channel);
    ScheduledFuture<?> beat =
        channel
            .eventLoop()
            .scheduleAtFixedRate(
                () -> {
                  if (channel.isActive()) {
                    write(channel, ": keepalive\n\n");
                  }
                },
                KEEPALIVE_SECONDS,
                KEEPALIVE_SECONDS,
                TimeUnit.SECONDS);
    channel.closeFuture().addListener(f -> beat.cancel(false));
  }

  private synchronized void send(ObjectNode event) {
    if (!streams.isEmpty()) {
      String frame = frame(event);
      for (Channel c : streams) {
        write(c, frame);
      }
    }
  }

  /**
   * Writes one frame, or closes a stream whose client has stopped reading: its outbound buffer is
   * past Netty's high-water mark, and writing on would grow it with every event for as long as the
   * connection stays open. The client reconnects and gets the replay.
   */
  private void write(Channel c, String frame) {
    if (!c.isWritable()) {
      c.close();
      return;
    }
    c.writeAndFlush(chunk(frame)).addListener(closeOnFailure());
  }

  /** Ends every stream: the last chunk, then the connection closes. */
  synchronized void closeAll() {
    for (Channel c : streams) {
      c.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT).addListener(ChannelFutureListener.CLOSE);
    }
    streams.clear();
  }

  int openStreams() {
    return streams.size();
  }

  private static String frame(ObjectNode event) {
    return "data: " + event + "\n\n";
  }

  private static DefaultHttpContent chunk(String text) {
    return new DefaultHttpContent(Unpooled.copiedBuffer(text, StandardCharsets.UTF_8));
  }

  private static ChannelFutureListener closeOnFailure() {
    return ChannelFutureListener.CLOSE_ON_FAILURE;
  }
}
