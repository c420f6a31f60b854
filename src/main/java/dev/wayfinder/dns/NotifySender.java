package dev.wayfinder.dns;

import dev.wayfinder.zone.ZoneSnapshot;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.Type;

/**
 * Tells the secondaries of {@code dns.transfer.notify} of each serial change (RFC 1996): a NOTIFY
 * (opcode 4, the SOA as question, AA, the new SOA in the answer section, TSIG-signed when {@code
 * dns.transfer.tsig} is set) over UDP to every target, sent again while no matching response (same
 * ID, opcode NOTIFY, QR) comes back: {@link #TRIES} tries, the wait doubling from {@link
 * #FIRST_WAIT} (RFC 1996 3.6). A newer serial replaces what is pending for a target, so each target
 * only ever waits for the latest one.
 *
 * <p>Threads: {@code dns-notify} sends and retries (everything about targets happens there, so
 * nothing else locks); {@code dns-notify-replies} reads responses and hands them to it. The zone's
 * writer only queues a task ({@link #serialChanged}), and queries never see any of this. A target
 * that stops answering is logged once, and again once it answers.
 */
final class NotifySender implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(NotifySender.class);

  static final int TRIES = 5;
  static final Duration FIRST_WAIT = Duration.ofSeconds(1);

  /** What happened to one NOTIFY, for metrics. */
  interface Outcomes {
    /**
     * @param result "ok" (acknowledged), "error" (answered with an error rcode), "timeout" (no
     *     response after every try)
     */
    void sent(InetSocketAddress target, String result);
  }

  private final List<InetSocketAddress> targets;
  private final TSIG key;
  private final Outcomes outcomes;
  private final DatagramSocket socket;
  private final ScheduledExecutorService loop;
  private final Thread replies;

  /** Per target: the NOTIFY awaiting its response; only the loop thread touches these. */
  private final Map<InetSocketAddress, Pending> pending = new HashMap<>();

  private final Map<InetSocketAddress, Boolean> failing = new HashMap<>();

  /** One NOTIFY awaiting its response: the message as sent (signed when there is a key). */
  private static final class Pending {
    final Message sent;
    final byte[] wire;
    final long serial;
    int tries;
    ScheduledFuture<?> retry;

    Pending(Message sent, long serial) {
      this.sent = sent;
      this.wire = sent.toWire();
      this.serial = serial;
    }
  }

  /**
   * Opens the UDP socket (any address, a free port) and starts the threads.
   *
   * @param key signs every NOTIFY, or null
   */
  NotifySender(List<InetSocketAddress> targets, TSIG key, Outcomes outcomes)
      throws SocketException {
    this.targets = List.copyOf(targets);
    this.key = key;
    this.outcomes = outcomes;
    this.socket = new DatagramSocket(new InetSocketAddress(0));
    ScheduledThreadPoolExecutor executor =
        new ScheduledThreadPoolExecutor(
            1, Thread.ofPlatform().name("dns-notify").daemon().factory());
    executor.setRemoveOnCancelPolicy(true);
    this.loop = executor;
    this.replies = Thread.ofPlatform().name("dns-notify-replies").daemon().start(this::readReplies);
  }

  /** The zone is at a new serial: tell every target, on the loop thread. Returns at once. */
  void serialChanged(ZoneSnapshot snapshot) {
    SOARecord soa = snapshot.soa();
    try {
      loop.execute(() -> targets.forEach(t -> begin(t, soa)));
    } catch (RejectedExecutionException e) {
      // closed: the server is stopping
    }
  }

  /** A NOTIFY of {@code soa} to {@code target}, replacing the one pending there. */
  private void begin(InetSocketAddress target, SOARecord soa) {
    Pending old = pending.remove(target);
    if (old != null && old.retry != null) {
      old.retry.cancel(false);
    }
    Pending p = new Pending(message(soa), soa.getSerial());
    pending.put(target, p);
    attempt(target, p);
  }

  private Message message(SOARecord soa) {
    Message m = new Message(ThreadLocalRandom.current().nextInt(0x10000));
    m.getHeader().setOpcode(Opcode.NOTIFY);
    m.getHeader().setFlag(Flags.AA);
    m.addRecord(Record.newRecord(soa.getName(), Type.SOA, DClass.IN), Section.QUESTION);
    m.addRecord(soa, Section.ANSWER);
    if (key != null) {
      key.apply(m, null);
    }
    return m;
  }

  private void attempt(InetSocketAddress target, Pending p) {
    if (pending.get(target) != p) {
      return;
    }
    if (p.tries == TRIES) {
      pending.remove(target);
      outcomes.sent(target, "timeout");
      failed(target, "no response to NOTIFY for serial " + p.serial + " after " + TRIES + " tries");
      return;
    }
    long wait = FIRST_WAIT.toMillis() << p.tries;
    p.tries++;
    try {
      socket.send(new DatagramPacket(p.wire, p.wire.length, target));
    } catch (IOException e) {
      log.debug("cannot send NOTIFY to {}", target, e);
    }
    p.retry = loop.schedule(() -> attempt(target, p), wait, TimeUnit.MILLISECONDS);
  }

  private void readReplies() {
    byte[] buf = new byte[65535];
    while (!socket.isClosed()) {
      DatagramPacket packet = new DatagramPacket(buf, buf.length);
      try {
        socket.receive(packet);
        byte[] bytes = Arrays.copyOf(packet.getData(), packet.getLength());
        InetSocketAddress from = (InetSocketAddress) packet.getSocketAddress();
        loop.execute(() -> answered(from, bytes));
      } catch (IOException | RejectedExecutionException e) {
        if (!socket.isClosed()) {
          log.debug("reading NOTIFY responses", e);
        }
      }
    }
  }

  private void answered(InetSocketAddress from, byte[] bytes) {
    Pending p = pending.get(from);
    Message response;
    try {
      response = new Message(bytes);
    } catch (IOException e) {
      return;
    }
    if (p == null
        || response.getHeader().getID() != p.sent.getHeader().getID()
        || !response.getHeader().getFlag(Flags.QR)
        || response.getHeader().getOpcode() != Opcode.NOTIFY) {
      return;
    }
    if (key != null) {
      int verdict = key.verify(response, bytes, p.sent.getTSIG());
      if (verdict != Rcode.NOERROR) {
        log.debug("NOTIFY response from {} fails TSIG ({})", from, verdict);
        return;
      }
    }
    pending.remove(from);
    p.retry.cancel(false);
    int rcode = response.getRcode();
    if (rcode == Rcode.NOERROR) {
      outcomes.sent(from, "ok");
      if (Boolean.TRUE.equals(failing.put(from, false))) {
        log.info("NOTIFY to {} acknowledged again (serial {})", from, p.serial);
      }
    } else {
      outcomes.sent(from, "error");
      failed(
          from, "NOTIFY for serial " + p.serial + " answered " + org.xbill.DNS.Rcode.string(rcode));
    }
  }

  private void failed(InetSocketAddress target, String why) {
    if (!Boolean.TRUE.equals(failing.put(target, true))) {
      log.warn("NOTIFY to {} failing: {}", target, why);
    }
  }

  /** Stops the threads and closes the socket; pending retries are dropped. */
  @Override
  public void close() {
    loop.shutdownNow();
    socket.close();
    try {
      replies.join(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
